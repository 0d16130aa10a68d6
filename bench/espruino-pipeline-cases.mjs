// The pipeline benches' configurations (not a bench itself): each example's default model,
// recording and debouncer, and seed models for the feature blocks. Needs `npm run build`.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedTable } from './espruino.mjs';

var root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export var SECONDS = 8;
var host = await import(path.join(root, 'dist/node/host.js'));
export var runtime = await import(path.join(root, 'dist/node/index.js'));
var defaults = await import(path.join(root, 'data/models/train-default-models.mjs'));

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
var CONSECUTIVE_ESP32_NOW = 'new eg.ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 1500 })';
/** The model the ESP32 examples' README trains now (the CLI's own command, results.md §4 "Pipeline cost"). */
function readmeModel() {
  var dir = mkdtempSync(path.join(os.tmpdir(), 'readme-model-')), out = path.join(dir, 'gestures.model');
  execFileSync(process.execPath, [path.join(root, 'bin/espruino-gestures.js'), 'train', '--table', path.resolve(root, '../shared/data/seed/data/transformed/20210529_v2_data_all_20hz.csv'),
    '--labels', 'idle,x,y,circle', '--seed-variant', 'base', '--model', 'dt', '--min-leaf', '3', '--hop', '50', '--out', out], { stdio: 'ignore' });
  var bytes = new Uint8Array(readFileSync(out));
  rmSync(dir, { recursive: true, force: true });
  return bytes;
}
/** The recording as MPU6500 FIFO words (accel x y z, gyro x y z, +-2 g and +-250 deg/s): the seed's values are whole LSBs. */
function fifoWords(values) {
  var w = new Int16Array(values.length), a = 9.80665 / 16384, g = 1 / 131;
  for (var i = 0; i < values.length; i++) w[i] = Math.round(values[i] / (i % 6 < 3 ? a : g));
  return w;
}
var seedWords = fifoWords(seedX);
/**
 * Each: name, model (file bytes), signal (Float32Array, the model's channels), rateHz, debouncer
 * (Espruino source text), example (true: an example's default), fifo (Int16Array: the signal as
 * MPU6500 FIFO words, pushed in 20-frame bursts through pushBlock where the bundle has it).
 */
export var CASES = [
  { name: 'esp32 examples now: DT leaf 3, base rows, raw 21x6, 100 Hz, hop 50 ms, consecutive 2', model: readmeModel(), signal: seedX, fifo: seedWords, rateHz: 100, debouncer: CONSECUTIVE_ESP32_NOW, example: true },
  { name: 'esp32 examples before: seed RF, raw 21x6, 100 Hz, hop 20 ms, consecutive 4', model: rawForest, signal: seedX, fifo: seedWords, rateHz: 100, debouncer: CONSECUTIVE_ESP32 },
  { name: 'seed RF, raw 21x6, 100 Hz, hop 50 ms, FIFO bursts', model: host.encodeModel(seedSpec({ hopMs: 50 }), runtime.loadModel(rawForest).classifier).bytes, signal: seedX, fifo: seedWords, rateHz: 100, debouncer: CONSECUTIVE_ESP32 },
  { name: 'seed RF, raw 21x6, 100 Hz, hop 100 ms', model: host.encodeModel(seedSpec({ hopMs: 100 }), runtime.loadModel(rawForest).classifier).bytes, signal: seedX, rateHz: 100, debouncer: CONSECUTIVE_ESP32 },
  { name: 'statistics x7 of 6 axes, 100 Hz, hop 100 ms (RF 10 trees)', model: statsModel(table, statsSpec), signal: seedX, rateHz: 100, debouncer: CONSECUTIVE_ESP32 },
  { name: 'puckjs-ble: default model, 52 Hz, 3 axes, hop 250 ms', model: new Uint8Array(readFileSync(path.join(root, 'data/models/puckjs-cgestures.egm'))),
    signal: puck.values, rateHz: 52, debouncer: 'new eg.ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 3, refractoryMs: 4000 })', example: true },
  { name: 'banglejs2-ble: default model, 50 Hz, 3 axes, hop 300 ms', model: new Uint8Array(readFileSync(path.join(root, 'data/models/banglejs2-cgestures.egm'))),
    signal: bangle.values, rateHz: 50, debouncer: 'new eg.ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 4000 })', example: true }
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

/** ESPRUINO_PIPELINE_CASES=text: only the cases whose name contains it. */
export function selectedCases(cases) {
  var only = process.env.ESPRUINO_PIPELINE_CASES;
  return only ? cases.filter(function (c) { return c.name.indexOf(only) >= 0; }) : cases;
}
