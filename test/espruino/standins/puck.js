// Stand-in (plain ES5, inside the real interpreter): Puck.js v2's accelerometer. accelOn(hz)
// starts it; each sample is emitted as Puck.on('accel') with raw counts {acc:{x,y,z},
// gyro:{x,y,z}} (8192 per g, 134 per deg/s, LSM6DS3TR-C), from a Storage recording of
// Float32 rows acc_x, acc_y, acc_z (m/s^2), gyro_x, gyro_y, gyro_z (deg/s) at the accelOn
// rate. Sample k is due at accelOn time + k / rate (real time); each timer tick emits every
// sample due so far, in order, as a board delivers queued sensor interrupts after a stall.
// stats.maxLateMs: the latest delivery. A global onFirstSample() is called before the first
// sample (the tests hook the app's pipeline there).
// Usage (in .boot0): global.Puck = require("standin-puck").create({ file: "rec.bin" });
exports.create = function (o) {
  var rec = new Float32Array(require("Storage").readArrayBuffer(o.file));
  var rows = rec.length / 6, G = 9.80665;
  var puck = { stats: { rows: rows, emitted: 0, startedAt: 0, hz: 0, maxLateMs: 0 } };
  var timer = null, start = 0, period = 0;
  function tick() {
    var now = getTime() * 1000, due = Math.floor((now - start) / period) + 1;
    if (puck.stats.emitted === 0 && due > 0 && typeof onFirstSample === "function") onFirstSample(); // the test's hook
    while (puck.stats.emitted < due && puck.stats.emitted < rows) {
      var i = puck.stats.emitted, k = i * 6, lateMs = getTime() * 1000 - start - i * period;
      if (lateMs > puck.stats.maxLateMs) puck.stats.maxLateMs = lateMs;
      puck.stats.emitted++;
      puck.emit("accel", {
        acc: { x: Math.round(rec[k] / G * 8192), y: Math.round(rec[k + 1] / G * 8192), z: Math.round(rec[k + 2] / G * 8192) },
        gyro: { x: Math.round(rec[k + 3] * 134), y: Math.round(rec[k + 4] * 134), z: Math.round(rec[k + 5] * 134) }
      });
    }
  }
  puck.accelOn = function (hz) {
    if ([12.5, 26, 52, 104, 208, 416, 833, 1660].indexOf(hz) < 0) throw new Error("Invalid data rate");
    period = 1000 / hz;
    start = getTime() * 1000;
    puck.stats.startedAt = start;
    puck.stats.hz = hz;
    if (timer) clearInterval(timer);
    timer = setInterval(tick, period);
  };
  puck.accelOff = function () {
    if (timer) clearInterval(timer);
    timer = null;
  };
  return puck;
};
