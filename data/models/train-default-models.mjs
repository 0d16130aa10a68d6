#!/usr/bin/env node
// Trains the default models shipped in data/models/ from the MIT emlearn HAR recordings
// (data/emlearn-har/cgestures: idle / snake / updown / wave, wrist accelerometer, 100 Hz).
// Never from the seed data (it has no licence). Deterministic: same data, same bytes.
//
// Each board's accelerometer runs at its own rate, and a model's spec says which source rate
// it expects (the pipeline refuses one that is not a whole multiple). So the recordings are
// first resampled to the rate the board's example runs at, and the spec records that rate:
//   puckjs:    Puck.accelOn(52) -> 52 Hz source, mean of 4 -> 13 Hz points, hop 250 ms (13 samples)
//              (the same windows as the Bangle.js 2's, and the same kind of model: naive Bayes)
//   banglejs2: poll every 20 ms  -> 50 Hz source, mean of 5 -> 10 Hz points, hop 300 ms (15 samples)
// Both with the motion gate at 0.3 m/s2. The choice of rate, statistics, hop, model and the
// examples' debouncers: choose-default-models.mjs (data/models/README.md has its figures).
// Usage (after `npm run build`): node data/models/train-default-models.mjs [--out DIR]
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadRecordingSet, prepareTraining, trainModel, leaveOneGroupOut, recordingOfGroup, modelCost, encodeModel } from '../../dist/node/host.js';

var ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
var DATA = path.join(ROOT, 'data/emlearn-har/cgestures');

export var DEFAULT_MODELS = [
  {
    file: 'puckjs-cgestures.egm', board: 'puckjs', sourceRateHz: 52,
    // Training windows every 4 samples (77 ms; 100 ms is no whole number of samples at 52 Hz).
    prepare: { channels: ['acc_x', 'acc_y', 'acc_z'], rateHz: 13, downsample: 'mean', windowMs: 1000, hopMs: 250, trainHopMs: 4000 / 52,
      features: 'stats', stats: ['mean', 'std', 'min', 'max', 'mad'], motionGate: 0.3 },
    // Gaussian naive Bayes (the puckjs bundle decodes it beside forests): no randomness, so the
    // event goals hold on every seed, where no forest up to RF 30 got 18/18 on all of them.
    model: { kind: 'nb' },
  },
  {
    file: 'banglejs2-cgestures.egm', board: 'banglejs2', sourceRateHz: 50,
    prepare: { channels: ['acc_x', 'acc_y', 'acc_z'], rateHz: 10, downsample: 'mean', windowMs: 1000, hopMs: 300, trainHopMs: 100,
      features: 'stats', stats: ['mean', 'std', 'min', 'max', 'mad'], motionGate: 0.3 },
    // Gaussian naive Bayes: no randomness, 640 bytes, 60 multiply-adds a window.
    model: { kind: 'nb' },
  },
];

/**
 * A recording at another rate by linear interpolation between neighbouring samples, which is
 * what a point-sampling accelerometer at that rate would have seen of the same motion.
 */
export function resample(rec, rateHz) {
  var k = rec.channels.length;
  var n0 = rec.timesMs.length;
  var t0 = rec.timesMs[0];
  var span = rec.timesMs[n0 - 1] - t0;
  var n = Math.floor((span * rateHz) / 1000) + 1;
  var times = new Float64Array(n);
  var values = new Float32Array(n * k);
  var j = 0;
  for (var i = 0; i < n; i++) {
    var t = t0 + (i * 1000) / rateHz;
    while (j < n0 - 2 && rec.timesMs[j + 1] <= t) j++;
    var a = rec.timesMs[j], b = rec.timesMs[j + 1];
    var f = b > a ? Math.min(1, Math.max(0, (t - a) / (b - a))) : 0;
    times[i] = t;
    for (var c = 0; c < k; c++) values[i * k + c] = rec.values[j * k + c] * (1 - f) + rec.values[(j + 1) * k + c] * f;
  }
  return Object.assign({}, rec, { rateHz: rateHz, timesMs: times, values: values, warnings: [] });
}

/** The Puck.js default before naive Bayes (same windows): the benches' small forest (bench/espruino-forest.bench.mjs). */
export var PUCKJS_EARLIER_FOREST = { kind: 'rf', trees: 10, maxDepth: 6, seed: 1 };

/** One board's model file: `m` a DEFAULT_MODELS entry, `model` its model unless given. */
export function trainBoardModelFile(m, model) {
  var prepared = boardTraining(loadRecordingSet([DATA], { rateHz: 100, countsPerG: 16384 }), m);
  return encodeModel(prepared.spec, trainModel(prepared.data, model || m.model)).bytes;
}

function boardTraining(set, m) {
  var board = { recordings: set.recordings.map(function (r) { return resample(r, m.sourceRateHz); }), events: set.events, warnings: [] };
  return prepareTraining(board, m.prepare);
}

export function trainDefaultModels(outDir) {
  var set = loadRecordingSet([DATA], { rateHz: 100, countsPerG: 16384 });
  return DEFAULT_MODELS.map(function (m) {
    var prepared = boardTraining(set, m);
    // Leave-one-recording-out on the device's own windows, for the README's figure.
    var loro = leaveOneGroupOut(prepared.data, m.model, recordingOfGroup);
    var classifier = trainModel(prepared.data, m.model);
    var bytes = encodeModel(prepared.spec, classifier).bytes;
    var cost = modelCost(prepared.spec, classifier, prepared.data.X);
    var out = path.join(outDir, m.file);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(out, bytes);
    return { file: out, board: m.board, bytes: bytes.length, spec: prepared.spec, loroAccuracy: loro.accuracy, windows: loro.count, nodesPerInference: cost.perInference, costUnit: cost.unit };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  var i = process.argv.indexOf('--out');
  var outDir = i >= 0 ? path.resolve(process.argv[i + 1]) : path.join(ROOT, 'data/models');
  trainDefaultModels(outDir).forEach(function (r) {
    console.log(path.relative(process.cwd(), r.file) + ': ' + r.bytes + ' bytes, ' + r.spec.sourceRateHz + ' Hz -> ' + r.spec.rateHz +
      ' Hz, hop ' + r.spec.hopMs + ' ms, leave-one-recording-out accuracy ' + r.loroAccuracy.toFixed(3) + ' over ' + r.windows +
      ' windows, ' + r.nodesPerInference.toFixed(1) + ' ' + r.costUnit + ' per inference');
  });
}
