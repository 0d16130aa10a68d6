// The README's main command: trains on the shipped sample data (emlearn's cgestures:
// idle / snake / updown / wave, 100 Hz accelerometer, int16 counts) and evaluates on
// held-out recordings through the device's pipeline. Also scores leave-one-recording-out
// accuracy against the 1-NN baseline of the data's ORIGIN.md (0.89).
import * as path from 'node:path';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureSpec, StatName } from '../../core/types';
import { encodeModel } from '../../classifiers/model-encode';
import { loadRecordingSet, RecordingSet } from './recording-set';
import { prepareTraining, recordingOfGroup, PrepareChoices } from './prepare';
import { leaveOneGroupOut } from './cross-validate';
import { trainModel, ModelParams } from './train-model';
import { modelCost, ModelCost } from './model-cost';
import { evaluateRecordings, Evaluation } from './evaluate-recordings';
import type { DebouncerChoice } from './debouncer-choice';
import { renderHtmlReport } from '../report/html-report';
import { evaluationTables } from '../report/tables';
import { createProgress, ProgressSink } from '../progress';
import { trainingUnits } from './input-units';
import { fileFingerprint } from './fingerprint';

/** The default pipeline for wrist accelerometer gestures (chosen by grid search, docs/results.md). */
export var HAR_DEFAULTS = {
  rateHz: 100,
  countsPerG: 16384,
  prepare: {
    channels: ['acc_x', 'acc_y', 'acc_z'], rateHz: 25, downsample: 'mean', windowMs: 1000, hopMs: 100, trainHopMs: 100,
    features: 'stats', stats: ['mean', 'std', 'min', 'max', 'mad'] as StatName[],
  } as PrepareChoices,
  model: { kind: 'rf', trees: 30, maxDepth: 8, seed: 1 } as ModelParams,
  debouncer: { kind: 'original' } as DebouncerChoice,
  /** The 1-NN on simple statistics of ORIGIN.md, leave-one-file-out, windows every 500 ms. */
  baselineAccuracy: 0.89,
};

/** The package's folder (holds data/), found from this module's location in src/ or dist/. */
export function packageRoot(): string {
  var dir = path.dirname(fileURLToPath(import.meta.url));
  for (var i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'data'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the espruino-gestures package folder (with data/) above ' + fileURLToPath(import.meta.url));
}

export function defaultDemoData(): string {
  return path.join(packageRoot(), 'data/emlearn-har/cgestures');
}

export interface DemoResult {
  dataDir: string;
  recordings: number;
  warnings: string[];
  loro: { accuracy: number; macroF1: number; windows: number; folds: number; baseline: number };
  heldOut: string[];
  evaluation: Evaluation;
  spec: FeatureSpec;
  cost: ModelCost;
  modelFile: string;
  reportFile: string;
}

/** Held out: the first recording (by name) of each label (the last ones are often truncated). */
export function heldOutRecordings(set: RecordingSet): string[] {
  var last: { [label: string]: string } = {};
  set.events.forEach(function (e) { if (!last[e.label] || e.file < last[e.label]) last[e.label] = e.file; });
  return Object.keys(last).sort().map(function (k) { return last[k]; });
}

export function runDemo(options: { dataDir?: string; outDir: string; progress?: ProgressSink | null }): DemoResult {
  var dataDir = options.dataDir || defaultDemoData();
  var set = loadRecordingSet([dataDir], { rateHz: HAR_DEFAULTS.rateHz, countsPerG: HAR_DEFAULTS.countsPerG });
  var bar = createProgress(3, 'demo', options.progress);

  // 1. Leave-one-recording-out, scored on windows every 500 ms (the baseline's protocol).
  var train = prepareTraining(set, HAR_DEFAULTS.prepare);
  var scored = prepareTraining(set, Object.assign({}, HAR_DEFAULTS.prepare, { hopMs: 500, trainHopMs: 500 }));
  var loro = leaveOneGroupOut(train.data, HAR_DEFAULTS.model, recordingOfGroup, scored.data);
  bar.tick('leave-one-recording-out');

  // 2. Hold out one recording per label, train on the rest, replay the held-out ones.
  var held = heldOutRecordings(set);
  var trainSet: RecordingSet = { recordings: set.recordings.filter(function (r) { return held.indexOf(r.source) < 0; }), events: set.events, warnings: [] };
  var testRecs = set.recordings.filter(function (r) { return held.indexOf(r.source) >= 0; });
  var prepared = prepareTraining(trainSet, HAR_DEFAULTS.prepare);
  var classifier = trainModel(prepared.data, HAR_DEFAULTS.model);
  var cost = modelCost(prepared.spec, classifier, prepared.data.X);
  var evaluation = evaluateRecordings({ spec: prepared.spec, classifier: classifier }, testRecs, set.events, HAR_DEFAULTS.debouncer, 1000);
  bar.tick('hold-out replay');

  // 3. Model file and report.
  mkdirSync(options.outDir, { recursive: true });
  var modelFile = path.join(options.outDir, 'demo-model.egm');
  prepared.spec.units = trainingUnits(trainSet.recordings, HAR_DEFAULTS.countsPerG, 'unknown');
  var encoded = encodeModel(prepared.spec, classifier, { training: trainSet.recordings.map(function (r) { return fileFingerprint(r.source); }) });
  writeFileSync(modelFile, encoded.bytes);
  cost.bytes = encoded.byteLength; // the file as written: with its units and training fingerprint
  var reportFile = path.join(options.outDir, 'demo-report.html');
  var loroSummary = { accuracy: loro.accuracy, macroF1: loro.macroF1, windows: loro.count, folds: loro.folds, baseline: HAR_DEFAULTS.baselineAccuracy };
  writeFileSync(reportFile, renderHtmlReport({
    title: 'espruino-gestures demo: emlearn cgestures',
    notes: [
      'Data: ' + set.recordings.length + ' recordings from ' + dataDir + ' (100 Hz accelerometer, int16 counts scaled to m/s^2).',
      'Pipeline: ' + describeSpec(prepared.spec) + '; model: random forest, ' + HAR_DEFAULTS.model.trees + ' trees, depth ' + HAR_DEFAULTS.model.maxDepth + ' (' + cost.bytes + ' bytes, ' + cost.perInference.toFixed(1) + ' nodes per prediction).',
      'Leave-one-recording-out accuracy (windows every 500 ms): ' + loro.accuracy.toFixed(3) + ' over ' + loro.count + ' windows; the 1-NN baseline of the data\'s ORIGIN.md scores ' + HAR_DEFAULTS.baselineAccuracy + '.',
      'Held out and replayed through the device pipeline: ' + held.map(function (f) { return path.basename(f); }).join(', ') + '.',
    ],
    labels: prepared.spec.labels,
    idleLabel: prepared.spec.idleLabel,
    trainingData: { seen: [], total: testRecs.length, known: true },
    confusion: evaluation.window,
    tables: evaluationTables(evaluation, prepared.spec.labels),
    recordings: evaluation.recordings.map(function (r) { return { recording: r.recording, replay: r.replay, truths: r.truths }; }),
  }));
  bar.tick('report');
  bar.done();
  return {
    dataDir: dataDir, recordings: set.recordings.length, warnings: set.warnings, loro: loroSummary, heldOut: held,
    evaluation: evaluation, spec: prepared.spec, cost: cost, modelFile: modelFile, reportFile: reportFile,
  };
}

export function describeSpec(s: FeatureSpec): string {
  return s.channels.join('+') + ', ' + s.sourceRateHz + ' Hz -> ' + s.rateHz + ' Hz (' + s.downsample + '), ' + s.windowMs + ' ms window, hop ' + s.hopMs + ' ms, ' +
    (s.features === 'stats' ? 'statistics ' + (s.stats || []).join('/') : 'raw points') + ', labels ' + s.labels.join('/');
}
