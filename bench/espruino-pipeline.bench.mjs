// The pipeline's cost in the REAL Espruino interpreter (../shared/tools/espruino, or
// ESPRUINO_BIN_DIR; 16,383-variable build, code in RAM): interpreter milliseconds per
// second of sensor data, for each example's default configuration, split into windowing +
// features + debouncing (the model's own labels replayed) and inference. Real recordings are pushed
// through GesturePipeline.push as the device's source does. Needs `npm run build`.
// ESPRUINO_BASELINE_BUNDLE=<an older espruino-gestures.min.js> adds a "before" column.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { interpreterPresent, measureInInterpreter, BUILD, CPU_MS, RAM_COPIES, seedTable } from './espruino.mjs';

var here = path.dirname(fileURLToPath(import.meta.url));
var root = path.resolve(here, '..');
var SECONDS = 8;
// The recording is pushed this many times over (times running on), for >= 1 s of CPU per figure.
var PASSES = 4;

if (!interpreterPresent()) process.exit(0);
var host = await import(path.join(root, 'dist/node/host.js'));
var runtime = await import(path.join(root, 'dist/node/index.js'));
var defaults = await import(path.join(root, 'data/models/train-default-models.mjs'));
var bundles = { now: readFileSync(path.join(root, 'dist/espruino/esp32/espruino-gestures.min.js')) };
if (process.env.ESPRUINO_BASELINE_BUNDLE) bundles.before = readFileSync(process.env.ESPRUINO_BASELINE_BUNDLE);

// ---- recordings and models -----------------------------------------------------------
var SEED = path.resolve(root, '../shared/data/seed/data');
function seedRecording(name) {
  var lines = readFileSync(path.join(SEED, 'validation', name), 'utf8').trim().split(/\r?\n/).slice(1);
  var n = Math.min(lines.length, SECONDS * 100), out = new Float32Array(n * 6);
  for (var i = 0; i < n; i++) out.set(lines[i].split(',').slice(0, 6).map(Number), i * 6);
  return out;
}
function seedSpec(over) {
  var s = { channels: ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'], sourceRateHz: 100, rateHz: 20, windowMs: 1000,
    points: 21, hopMs: 20, downsample: 'pick', features: 'raw', labels: ['none', 'x', 'y', 'circle'], idleLabel: 0 };
  for (var k in over) s[k] = over[k];
  return s;
}
/** The seed table's windows as the spec's features (the device's own computeFeatures), for a stats, spectral or cross model. */
function statsModel(table, spec) {
  var nf = runtime.featureCount(spec), rows = table.X.length / table.nf, X = new Float32Array(rows * nf);
  for (var i = 0; i < rows; i++) runtime.computeFeatures(spec, table.X.subarray(i * table.nf, (i + 1) * table.nf), X.subarray(i * nf, (i + 1) * nf));
  return host.encodeModel(spec, host.trainForest(X, table.y, nf, 4, { nTrees: 10, maxDepth: 8, seed: 1, labels: spec.labels })).bytes;
}
function boardRecording(file) {
  var m = defaults.DEFAULT_MODELS.filter(function (d) { return d.file === file; })[0];
  var set = host.loadRecordingSet([path.join(root, 'data/emlearn-har/cgestures')], { rateHz: 100, countsPerG: 16384 });
  var parts = [], total = 0, need = SECONDS * m.sourceRateHz * 3;
  for (var r = 0; r < set.recordings.length && total < need; r += 4) {
    var rec = defaults.resample(set.recordings[r], m.sourceRateHz);
    parts.push(rec.values);
    total += rec.values.length;
  }
  var out = new Float32Array(Math.min(total, need)), at = 0;
  parts.forEach(function (p) { var take = Math.min(p.length, out.length - at); out.set(p.subarray(0, take), at); at += take; });
  return { values: out, rateHz: m.sourceRateHz };
}

var table = seedTable();
var rawForest = host.encodeModel(seedSpec({}), host.trainForest(table.X, table.y, table.nf, 4, { nTrees: 10, maxDepth: 8, seed: 1, labels: seedSpec({}).labels })).bytes;
var statsSpec = seedSpec({ features: 'stats', stats: ['mean', 'std', 'min', 'max', 'rms', 'mad', 'zc'], hopMs: 100 });
var seedX = seedRecording('move_x_20210522_1.csv');
var puck = boardRecording('puckjs-cgestures.egm'), bangle = boardRecording('banglejs2-cgestures.egm');
var CONSECUTIVE_ESP32 = 'new eg.ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 4, refractoryMs: 1500 })';
var CASES = [
  { name: 'esp32 examples: seed RF, raw 21x6, 100 Hz, hop 20 ms', model: rawForest, signal: seedX, rateHz: 100, debouncer: CONSECUTIVE_ESP32 },
  { name: 'seed RF, raw 21x6, 100 Hz, hop 100 ms', model: host.encodeModel(seedSpec({ hopMs: 100 }), runtime.loadModel(rawForest).classifier).bytes, signal: seedX, rateHz: 100, debouncer: CONSECUTIVE_ESP32 },
  { name: 'statistics x7 of 6 axes, 100 Hz, hop 100 ms (RF 10 trees)', model: statsModel(table, statsSpec), signal: seedX, rateHz: 100, debouncer: CONSECUTIVE_ESP32 },
  { name: 'puckjs-ble: default model, 52 Hz, 3 axes, hop 250 ms', model: new Uint8Array(readFileSync(path.join(root, 'data/models/puckjs-cgestures.egm'))),
    signal: puck.values, rateHz: 52, debouncer: 'new eg.ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 3, refractoryMs: 4000 })' },
  { name: 'banglejs2-ble: default model, 50 Hz, 3 axes, hop 100 ms', model: new Uint8Array(readFileSync(path.join(root, 'data/models/banglejs2-cgestures.egm'))),
    signal: bangle.values, rateHz: 50, debouncer: 'new eg.MajorityDebouncer({ idleLabel: model.spec.idleLabel, size: 7, minVotes: 5 })' }
];
// Feature blocks beyond raw and stats, and the motion gate (docs/pipeline.md): the same signal and hop as the stats case.
var STATS5 = ['mean', 'std', 'min', 'max', 'mad'];
[
  ['stats x5 of 6 axes, hop 100 ms', { stats: STATS5 }],
  ['spectral 4 bands of 6 axes, hop 100 ms', { features: 'spectral', stats: undefined, spectralBands: 4 }],
  ['cross (2 magnitudes, 15 correlations), hop 100 ms', { features: 'cross', stats: undefined }],
  ['stats x5 + spectral 4 bands, hop 100 ms', { features: 'stats+spectral', stats: STATS5, spectralBands: 4 }],
  ['stats x5 + spectral 4 + cross, hop 100 ms', { features: 'stats+spectral+cross', stats: STATS5, spectralBands: 4 }],
  ['stats x5, motion gate 0.5 m/s2, hop 100 ms', { stats: STATS5, motionGate: 0.5 }],
].forEach(function (f) {
  var spec = seedSpec(Object.assign({ features: 'stats', hopMs: 100 }, f[1]));
  if (!spec.stats) delete spec.stats;
  CASES.push({ name: 'features: ' + f[0] + ' (RF 10 trees)', model: statsModel(table, spec), signal: seedX, rateHz: 100, debouncer: CONSECUTIVE_ESP32 });
});
// ESPRUINO_PIPELINE_CASES=text: only the cases whose name contains it.
if (process.env.ESPRUINO_PIPELINE_CASES) CASES = CASES.filter(function (c) { return c.name.indexOf(process.env.ESPRUINO_PIPELINE_CASES) >= 0; });

// ---- interpreter ----------------------------------------------------------------------
function timedScript(c) {
  return [
    RAM_COPIES,
    CPU_MS,
    'Modules.addCached("espruino-gestures", ramText("eg.js"));',
    'var eg = require("espruino-gestures");',
    'var model = eg.loadModel(ramBytes("m.egm"));',
    'var sig = new Float32Array(new Float32Array(S.readArrayBuffer("sig.bin")));',
    'var CH = model.spec.channels, nch = CH.length, n = sig.length / nch, RATE = ' + c.rateHz + ', i;',
    // "Windowing" replays the real model's labels and scores window by window (recorded in a
    // first, untimed run): the debouncer then leaves out the same quiet windows as the real run.
    'var L = [], SC = [], at = 0;',
    'var recorder = { labels: model.spec.labels, predict: function (f, s) { var l = model.classifier.predict(f, s); L.push(l); SC.push(s[l]); return l; } };',
    'var constant = { labels: model.spec.labels, predict: function (f, s) { var k = at++; s.fill(0); s[L[k]] = SC[k]; return L[k]; } };',
    // What feeding the samples costs without a pipeline (a view per sample, as a driver hands one over).
    'var PASSES = ' + PASSES + ';',
    'function feed() { var t0 = cpuMs(), v, pass; for (pass = 0; pass < PASSES; pass++) for (i = 0; i < n; i++) v = sig.subarray(i * nch, i * nch + nch); return cpuMs() - t0; }',
    'function run(classifier) {',
    '  var events = 0, p = new eg.GesturePipeline({ source: { channels: CH, rateHz: RATE }, model: { spec: model.spec, classifier: classifier },',
    '    debouncer: ' + c.debouncer + ', onEvent: function () { events++; } });',
    '  at = 0; var t0 = cpuMs();',
    '  for (var pass = 0; pass < PASSES; pass++) for (i = 0; i < n; i++) p.push((pass * n + i) * 1000 / RATE, sig.subarray(i * nch, i * nch + nch));',
    '  return { ms: cpuMs() - t0, windows: p.counters.windows, quiet: p.counters.quiet || 0, events: events, inferMs: p.inferenceTime().meanMs };',
    '}',
    'var first = run(recorder);',
    'var best = { feed: 1e9, full: null, constant: null };',
    'for (var r = 0; r < 3; r++) {',
    '  best.feed = Math.min(best.feed, feed());',
    '  var a = run(model.classifier); if (!best.full || a.ms < best.full.ms) best.full = a;',
    '  var b = run(constant); if (!best.constant || b.ms < best.constant.ms) best.constant = b;',
    '}',
    'best.seconds = PASSES * n / RATE;',
    'print("RESULT " + JSON.stringify(best));'
  ].join('\n');
}
var tmp = mkdtempSync(path.join(os.tmpdir(), 'espruino-pipeline-'));
function measure(bundle, c) {
  var files = { 'eg.js': new Uint8Array(bundle), 'm.egm': c.model, 'sig.bin': new Uint8Array(c.signal.buffer, c.signal.byteOffset, c.signal.byteLength) };
  return measureInInterpreter(tmp, files, timedScript(c));
}

/** Milliseconds of interpreter time per second of data, the feeding loop's own time taken off. */
function perSecond(r, part) { return (r[part].ms - r.feed) / r.seconds; }
function cell(r) {
  if (r.error) return 'fails: ' + r.error;
  return perSecond(r, 'full').toFixed(1) + ' (windowing ' + perSecond(r, 'constant').toFixed(1) + ', inference ' + (perSecond(r, 'full') - perSecond(r, 'constant')).toFixed(1) + ')';
}
var results = CASES.map(function (c) {
  var out = {};
  for (var k in bundles) out[k] = measure(bundles[k], c);
  return out;
});
rmSync(tmp, { recursive: true, force: true });

console.log('Real Espruino 2v29 (' + BUILD + '), code in RAM; ' + SECONDS + ' s of real recordings per case, pushed ' + PASSES + ' times over through GesturePipeline.push, best of 3 (interpreter CPU time).');
console.log('ms of interpreter time per second of data (windowing = the model\'s labels replayed: rings, window, features, debouncer; inference = the rest).');
console.log('Quiet: windows left unclassified while the debouncer could not emit (no features, no inference; the same events).\n');
var cols = Object.keys(bundles);
console.log('| configuration | windows/s | quiet | events | inference µs per classified window | ' + cols.map(function (k) { return k === 'now' ? 'ms per s of data' : 'before: ms per s'; }).join(' | ') + ' |');
console.log('| --- | ---: | ---: | ---: | ---: | ' + cols.map(function () { return '---'; }).join(' | ') + ' |');
CASES.forEach(function (c, j) {
  var now = results[j].now;
  var info = now.error ? '- | - | - | -' : (now.full.windows / now.seconds).toFixed(1) + ' | ' + Math.round((100 * now.full.quiet) / now.full.windows) + '% | ' + now.full.events + ' | ' +
    Math.round(((now.full.ms - now.constant.ms) * 1000) / (now.full.windows - now.full.quiet));
  console.log('| ' + c.name + ' | ' + info + ' | ' + cols.map(function (k) { return cell(results[j][k]); }).join(' | ') + ' |');
});
