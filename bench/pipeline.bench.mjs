// Pipeline cost on the host (dist/node) per sample and per window, as ratios to the
// cheapest configuration, plus the RAM (estimated JsVars) of a pipeline's own state.
// Absolute times are V8's, not Espruino's: compare rows within one run.
import { GesturePipeline, ConsecutiveDebouncer } from '../dist/node/index.js';
import { estimateJsVars } from '../dist/node/testing.js';

var CHANNELS = ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'];
var RATE = 100;
var SECONDS = 200;
var REPEATS = 5; // best of, against a busy machine

function spec(over) {
  var s = { channels: CHANNELS, sourceRateHz: 100, rateHz: 20, windowMs: 1000, points: 21, hopMs: 20,
    downsample: 'pick', features: 'raw', labels: ['idle', 'x', 'y', 'circle'], idleLabel: 0 };
  for (var k in over) s[k] = over[k];
  return s;
}

var CASES = [
  ['raw, pick, hop 20 ms (the original)', spec({})],
  ['raw, mean, hop 20 ms', spec({ downsample: 'mean' })],
  ['stats x7, pick, hop 20 ms', spec({ features: 'stats', stats: ['mean', 'std', 'min', 'max', 'rms', 'mad', 'zc'] })],
  ['raw, pick, hop 100 ms', spec({ hopMs: 100 })],
  ['raw, pick, hop 10 ms', spec({ hopMs: 10 })]
];

var classifier = { labels: ['idle', 'x', 'y', 'circle'], predict: function (f, s) { var l = f[0] > 1 ? 1 : 0; if (s) { s.fill(0); s[l] = 1; } return l; } };
// One minute of synthetic 6-axis signal, generated once so only the pipeline is timed.
var SIGNAL_SAMPLES = RATE * 60;
var signal = new Float32Array(SIGNAL_SAMPLES * 6);
for (var j = 0; j < SIGNAL_SAMPLES; j++) {
  var tt = j * 10;
  signal.set([Math.sin(tt / 300) * 3, Math.cos(tt / 200), 9.8, Math.sin(tt / 50) * 40, 1, -1], j * 6);
}

function run(sp) {
  var p = new GesturePipeline({ source: { channels: CHANNELS, rateHz: RATE }, model: { spec: sp, classifier: classifier },
    debouncer: new ConsecutiveDebouncer({ idleLabel: 0 }), onEvent: function () {} });
  var n = RATE * SECONDS;
  var t0 = process.hrtime.bigint();
  for (var i = 0; i < n; i++) {
    var at = (i % SIGNAL_SAMPLES) * 6;
    p.push(i * 10, signal.subarray(at, at + 6));
  }
  var ns = Number(process.hrtime.bigint() - t0);
  // The pipeline's own state: per-phase points, window, feature vector, counters (not the spec, model or source).
  var w = p.windower;
  var own = estimateJsVars({ phases: w.phases, slot: w.slot, sample: w.sample, recent: w.recent, window: w.window === w.features ? null : w.window,
    features: w.features, scores: p.scores, counters: p.counters, picks: w.picks });
  return { usPerSample: ns / 1000 / n, windows: p.counters.windows, usPerWindow: ns / 1000 / p.counters.windows, jsvars: own };
}

run(CASES[0][1]); // warm up
var base = null;
console.log('| configuration | us/sample | windows | ratio to first | est. JsVars of state |');
console.log('| --- | --- | --- | --- | --- |');
for (var c of CASES) {
  var r = run(c[1]);
  for (var rep = 1; rep < REPEATS; rep++) {
    var again = run(c[1]);
    if (again.usPerSample < r.usPerSample) r = again;
  }
  if (base === null) base = r.usPerSample;
  console.log('| ' + c[0] + ' | ' + r.usPerSample.toFixed(3) + ' | ' + r.windows + ' | ' + (r.usPerSample / base).toFixed(2) + ' | ' + r.jsvars + ' |');
}
