// Stand-in (plain ES5, inside the real interpreter): Bangle.js 2's accelerometer.
// Bangle.setPollInterval(ms) sets the sample period and starts the clock; each sample is
// emitted as Bangle.on('accel') with {x, y, z, diff, mag} in g, from a Storage recording of
// Float32 rows (6 per row, acc in m/s^2 first) at that rate. Sample k is due at the first
// setPollInterval + k periods (real time); each timer tick emits every sample due so far, in
// order (stats.maxLateMs: the latest delivery). A global onFirstSample() is called before the
// first sample (the tests hook the app's pipeline there).
// Usage (in .boot0): global.Bangle = require("standin-bangle").create({ file: "rec.bin" });
exports.create = function (o) {
  var rec = new Float32Array(require("Storage").readArrayBuffer(o.file));
  var rows = rec.length / 6, G = 9.80665;
  var bangle = { stats: { rows: rows, emitted: 0, startedAt: 0, pollMs: 80, maxLateMs: 0 } };
  var options = { powerSave: true };
  var timer = null, start = 0, period = 80, last = 1;
  function tick() {
    var due = Math.floor((getTime() * 1000 - start) / period) + 1;
    if (bangle.stats.emitted === 0 && due > 0 && typeof onFirstSample === "function") onFirstSample(); // the test's hook
    while (bangle.stats.emitted < due && bangle.stats.emitted < rows) {
      var i = bangle.stats.emitted, k = i * 6;
      var lateMs = getTime() * 1000 - start - i * period;
      if (lateMs > bangle.stats.maxLateMs) bangle.stats.maxLateMs = lateMs;
      bangle.stats.emitted++;
      var x = rec[k] / G, y = rec[k + 1] / G, z = rec[k + 2] / G, mag = Math.sqrt(x * x + y * y + z * z);
      bangle.emit("accel", { x: x, y: y, z: z, mag: mag, diff: Math.abs(mag - last) });
      last = mag;
    }
  }
  bangle.setPollInterval = function (ms) {
    options.powerSave = false;
    bangle.stats.pollMs = ms;
    if (timer) clearInterval(timer);
    timer = null;
    if (bangle.stats.emitted > 0 || start) return; // the recording plays once, at the first rate set
    period = ms;
    start = getTime() * 1000;
    bangle.stats.startedAt = start;
    timer = setInterval(tick, period);
  };
  bangle.getOptions = function () { return { powerSave: options.powerSave }; };
  bangle.setOptions = function (opts) { if (opts && opts.powerSave !== undefined) options.powerSave = opts.powerSave; };
  return bangle;
};
