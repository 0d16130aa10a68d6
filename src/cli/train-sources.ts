// The two kinds of training data `train` accepts, behind one interface: the original's
// window table (hold-out scoring) and labelled recordings (leave-one-recording-out).
import type { FeatureKind, StatName, InputUnits, GyroUnit } from '../core/types';
import { trainingUnits, checkInput, mergeFileNotes } from '../host/workflow/input-units';
import { fileFingerprint } from '../host/workflow/fingerprint';
import { Parsed, num, int, list, oneOf, usageError } from './args';
import { recordingOptions } from './common-options';
import { specOptions } from './spec-options';
import { loadRecordingSet, RecordingSet } from '../host/workflow/recording-set';
import { prepareTraining, recordingOfGroup, PrepareChoices } from '../host/workflow/prepare';
import { MODEL_KINDS, ModelParams, ModelKindName } from '../host/workflow/train-model';
import { holdOut, leaveOneGroupOut } from '../host/workflow/cross-validate';
import type { GridData } from '../host/workflow/grid-search';
import type { PipelineChoice, EventGridData } from '../host/workflow/event-grid';
import type { LabeledEvent } from '../host/labels/events';
import { eventsFor } from '../host/labels/events';
import { recordingFolds } from '../host/workflow/recording-folds';
import { readWindowTable, reshapeWindowTable } from '../host/readers/window-table';
import { selectSeedVariant } from '../host/dataset/seed-variants';
import { makeSpec } from '../host/dataset/spec';
import { VARIANTS, VariantName } from '../host/dataset/variants';
import { classCounts } from '../host/dataset/dataset';
import { wholeWindow } from '../host/dataset/whole-window';
import { scoreOnTestSet, checkTestSet, windowCounts, TestScore, WindowCounts } from '../host/workflow/test-folder';

export function checkKind(k: string): ModelKindName {
  if (MODEL_KINDS.indexOf(k as ModelKindName) < 0) throw usageError('unknown model "' + k + '" (known: ' + MODEL_KINDS.join(', ') + ')');
  return k as ModelKindName;
}

export function modelParams(v: Parsed['values']): ModelParams {
  return {
    kind: checkKind(v.model || 'rf'),
    trees: int(v, 'trees', undefined, 1),
    maxDepth: int(v, 'depth', undefined, 0),
    minSamplesLeaf: int(v, 'min-leaf', undefined, 1),
    seed: int(v, 'seed', 1),
    smote: !!v.smote,
  };
}

export interface Source {
  warnings: string[];
  defaultChannels: string[];
  defaultRate: number;
  defaultVariant: string;
  /** The pipeline a grid starts from when its lists are not given. */
  defaultFeatures: FeatureKind;
  defaultWindowMs: number;
  scoreMethod: string;
  prepare: (channels: string[], rate: number, variant: string) => GridData;
  score: (prepared: GridData, params: ModelParams) => { accuracy: number; macroF1: number };
  /** Units of the training values for the spec (null: not known, e.g. a window table). */
  units: (channels: string[]) => InputUnits | null;
  /** Fingerprints of the training recordings' files. */
  training: string[];
  /** With --test: the chosen model's score on the test recordings (replaces `score` for it). */
  testScore?: (prepared: GridData, params: ModelParams) => TestScore;
  /** Windows per training recording. */
  windowCounts?: (prepared: GridData) => WindowCounts;
  /** Event scoring on held-out recordings, where labels allow it (null: window scores only). */
  eventGrid: EventGridSource | null;
}

export interface EventGridSource {
  events: LabeledEvent[];
  /** What the folds are, for the table's heading. */
  method: string;
  prepare: (p: PipelineChoice) => EventGridData;
  /** The Prepared of the chosen pipeline, to train and write the final model. */
  prepareFinal: (p: PipelineChoice) => GridData;
}

/** A spec the user's grid lists make invalid (an unknown feature kind, ...) is bad usage. */
function asUsage<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e: any) {
    if (e && e.code === 'BAD_CONFIG') throw usageError(what + ': ' + e.message);
    throw e;
  }
}

/** A class with no training windows would be a label the model can never predict. */
function checkEveryClassHasWindows(data: { y: number[]; labels: string[] }, why: string) {
  var counts = classCounts(data);
  var empty = data.labels.filter(function (l) { return counts[l] === 0; });
  if (empty.length) throw usageError('class' + (empty.length > 1 ? 'es ' : ' ') + empty.map(function (l) { return '"' + l + '"'; }).join(', ') + ' ended up with no training windows: ' + why);
}

/** A hop must be a whole number of samples at the recordings' rate (50 ms is not at 10 Hz). */
function checkHop(option: string, hopMs: number | undefined, rateHz: number) {
  var given = hopMs !== undefined, ms = given ? hopMs! : 50, period = 1000 / rateHz;
  if (option === 'train-hop' && !given) return;
  if (Math.abs(ms * rateHz / 1000 - Math.round(ms * rateHz / 1000)) < 1e-9 && ms * rateHz / 1000 >= 1) return;
  var suggestion = Math.ceil(50 / period - 1e-9) * period;
  throw usageError((given ? '--' + option + ' ' + ms + ' ms' : 'the default hop (50 ms)') + ' is not a whole number of samples at ' + rateHz +
    ' Hz (one sample every ' + +period.toFixed(3) + ' ms): pass --' + option + ' ' + +suggestion.toFixed(3) + ' or another multiple of ' + +period.toFixed(3) + ' ms');
}

export function tableSource(v: Parsed['values']): Source {
  // With --table, --labels names the classes (comma-separated, index order); a table whose
  // labels are names already needs none.
  var names = list(v, 'labels');
  var table = readWindowTable(v.table, names);
  var warnings: string[] = [];
  if (!names && table.labelNames.every(function (n, i) { return n === String(i); })) {
    warnings.push(v.table + ': numeric labels 0-' + (table.labelNames.length - 1) + ' kept as class names "0".."' + (table.labelNames.length - 1) +
      '" with no idle class; name them with --labels (the seed\'s table: --labels idle,x,y,circle)');
  }
  var sourceRate = num(v, 'rate', 100)!;
  var testFraction = num(v, 'test-fraction', 0.25)!;
  var seed = int(v, 'seed', 1)!;
  return {
    warnings: warnings,
    defaultChannels: list(v, 'channels') || table.channels,
    defaultRate: num(v, 'model-rate', table.rateHz)!,
    defaultVariant: v['seed-variant'] || 'base',
    defaultFeatures: 'raw',
    defaultWindowMs: table.pointsMs[table.pointsMs.length - 1],
    scoreMethod: 'hold-out (' + Math.round(testFraction * 100) + '%, stratified by window)',
    prepare: function (channels, rate, variant) {
      var t = reshapeWindowTable(table, channels, rate);
      var idx = selectSeedVariant(t, variant, { extraIdle: !!v['extra-idle'] });
      var spec = makeSpec({ channels: channels, sourceRateHz: sourceRate, rateHz: rate, windowMs: t.pointsMs[t.pointsMs.length - 1], hopMs: num(v, 'hop', 50), labels: t.labelNames });
      if (spec.points !== t.pointsMs.length) throw usageError('the table has ' + t.pointsMs.length + ' points per window, the spec ' + spec.points);
      var data = { X: idx.map(function (i) { return t.rows[i]; }), y: idx.map(function (i) { return t.labels[i]; }), labels: t.labelNames };
      checkEveryClassHasWindows(data, 'seed variant "' + variant + '" of ' + v.table + ' keeps no rows of it (its shift rules select none)');
      return { spec: spec, data: data };
    },
    score: function (prepared, params) { return holdOut(prepared.data, params, testFraction, seed); },
    units: function () { return null; },
    training: [],
    eventGrid: v.validate ? tableEventGrid(v, table, sourceRate) : null,
  };
}

/**
 * --validate RECORDINGS --validate-labels FILE with --table: every candidate trains on the
 * table's rows and is scored by events on each validation recording (one fold each).
 */
function tableEventGrid(v: Parsed['values'], table: ReturnType<typeof readWindowTable>, sourceRate: number): EventGridSource {
  if (!v['validate-labels']) throw usageError('--validate needs --validate-labels FILE (file,start_ms,end_ms,label)');
  var set = loadRecordingSet(String(v.validate).split(','), { labelsFile: v['validate-labels'], rateHz: sourceRate });
  if (!set.recordings.length) throw usageError('--validate ' + v.validate + ': no recordings found');
  var unlabelled = set.recordings.filter(function (r) { return eventsFor(set.events, r.source).length === 0; });
  if (unlabelled.length) throw usageError('--validate-labels ' + v['validate-labels'] + ' has no labels for ' + unlabelled.map(function (r) { return r.source; }).join(', '));
  function prepareFinal(p: PipelineChoice): GridData {
    var t = reshapeWindowTable(table, p.channels, p.rateHz);
    if (p.features !== 'raw') throw usageError('--table windows are raw points: --grid-features must be raw, got ' + p.features);
    var spec = asUsage('--grid-hops', function () {
      return makeSpec({ channels: p.channels, sourceRateHz: sourceRate, rateHz: p.rateHz, windowMs: t.pointsMs[t.pointsMs.length - 1], hopMs: p.hopMs, labels: t.labelNames });
    });
    var idx = selectSeedVariant(t, p.variant, { extraIdle: !!v['extra-idle'] });
    var data = { X: idx.map(function (i) { return t.rows[i]; }), y: idx.map(function (i) { return t.labels[i]; }), labels: t.labelNames };
    checkEveryClassHasWindows(data, 'seed variant "' + p.variant + '" of ' + v.table + ' keeps no rows of it (its shift rules select none)');
    return { spec: spec, data: data };
  }
  return {
    events: set.events,
    method: 'trained on the table, scored on each of ' + set.recordings.length + ' validation recordings',
    prepareFinal: prepareFinal,
    prepare: function (p) {
      var g = prepareFinal(p);
      return {
        spec: g.spec, trainKey: 'table/' + p.channels.join('+') + '/' + p.rateHz + '/' + p.variant,
        folds: set.recordings.map(function (r) { return { name: r.source, train: g.data, recordings: [r], trainId: 'table' }; }),
      };
    },
  };
}

/** The test set's own notes, and test recordings that are training recordings too (same bytes). */
function testWarnings(test: { recordings: { source: string }[]; warnings: string[] }, train: { recordings: { source: string }[]; warnings: string[] }): string[] {
  var trained = train.recordings.map(function (r) { return fileFingerprint(r.source); });
  var both = test.recordings.filter(function (r) { return trained.indexOf(fileFingerprint(r.source)) >= 0; }).map(function (r) { return r.source; });
  return test.warnings.filter(function (w) { return train.warnings.indexOf(w) < 0; }).map(function (w) { return '--test: ' + w; }).concat(both.length ?
    ['--test: ' + both.length + ' of the ' + test.recordings.length + ' test recordings are also training recordings (' + both.slice(0, 3).join(', ') + (both.length > 3 ? ', ...' : '') + '): the test score is not held-out'] : []);
}

export function recordingSource(p: Parsed): Source {
  var v = p.values;
  if (p.positionals.length === 0) throw usageError('train needs recordings (files or folders) or --table FILE');
  var set = loadRecordingSet(p.positionals, recordingOptions(v));
  var shift = v.shift ? String(v.shift).split(':').map(Number) : null;
  if (shift && (shift.length !== 3 || shift.some(function (x) { return !isFinite(x); }))) throw usageError('--shift must be MIN:MAX:STEP in ms, got "' + v.shift + '"');
  var variant = v.variant || 'centered';
  if (VARIANTS.indexOf(variant) < 0) throw usageError('--variant must be one of ' + VARIANTS.join(', ') + ', got "' + variant + '"');
  // --window whole: sized per model rate in prepare(), from the shortest recording.
  var whole = v.window === 'whole';
  var base: PrepareChoices = {
    ...specOptions(whole ? Object.assign({}, v, { window: undefined }) : v), trainHopMs: num(v, 'train-hop'),
  };
  // Recordings without labels are skipped (with a warning): they size no window and count no windows.
  var labelled = set.recordings.filter(function (r) { return eventsFor(set.events, r.source).length > 0; });
  var testSet = v.test ? loadRecordingSet(v.test, Object.assign(recordingOptions(v), { labelsFile: v['test-labels'] })) : null;
  checkHop('hop', base.hopMs, set.recordings[0].rateHz);
  checkHop('train-hop', base.trainHopMs, set.recordings[0].rateHz);
  var recordings = set.recordings.length;
  function unitsOf(channels: string[]): InputUnits {
    var gyro = oneOf(v, 'gyro-unit', ['deg/s', 'rad/s', 'counts']) as GyroUnit | undefined;
    return trainingUnits(set.recordings, num(v, 'counts-per-g'), gyro || (channels.some(function (c) { return /^gyro_/.test(c); }) ? 'deg/s' : 'unknown'));
  }
  function variantOptions(variantName: string): PrepareChoices['variant'] {
    if (VARIANTS.indexOf(variantName as VariantName) < 0) throw usageError('variant must be one of ' + VARIANTS.join(', ') + ', got "' + variantName + '"');
    return { variant: variantName as VariantName, shiftMinMs: shift ? shift[0] : undefined, shiftMaxMs: shift ? shift[1] : undefined, shiftStepMs: shift ? shift[2] : undefined, idleHopMs: num(v, 'idle-hop') };
  }
  return {
    warnings: set.warnings.concat(testSet ? testWarnings(testSet, set) : []),
    defaultChannels: list(v, 'channels') || set.recordings[0].channels,
    defaultRate: num(v, 'model-rate', set.recordings[0].rateHz)!,
    defaultVariant: variant,
    defaultFeatures: base.features || 'raw',
    defaultWindowMs: base.windowMs || 1000,
    scoreMethod: testSet ? 'test recordings (' + testSet.recordings.length + ', --test)' : recordings >= 2 ? 'leave-one-recording-out' : 'hold-out (25%)',
    prepare: function (channels, rate, variantName) {
      var choices = Object.assign({}, base, {
        channels: channels, rateHz: rate,
        variant: variantOptions(variantName),
      });
      var note: string | null = null;
      if (whole) {
        var w = wholeWindow(labelled, rate, base.downsample, base.hopMs || 50);
        choices.windowMs = w.windowMs;
        note = w.note;
      }
      var prepared: any = prepareTraining(set, choices);
      if (note) prepared.data.warnings.unshift(note);
      prepared.variantOptions = choices.variant;
      checkEveryClassHasWindows(prepared.data, 'its recordings or labelled spans are shorter than one window (' + prepared.spec.windowMs + ' ms' +
        (whole ? '' : '; --window whole sizes the window from the shortest recording') + '), or --variant ' + variantName + ' keeps none of them');
      // Dense training windows are augmentation; score on the windows the device computes.
      if (base.trainHopMs && base.trainHopMs !== prepared.spec.hopMs) prepared.test = prepareTraining(set, Object.assign({}, choices, { trainHopMs: undefined })).data;
      return prepared;
    },
    score: function (prepared, params) {
      var d: any = prepared.data;
      return recordings >= 2 ? leaveOneGroupOut(d, params, recordingOfGroup, (prepared as any).test) : holdOut(d, params, 0.25, params.seed);
    },
    units: unitsOf,
    training: set.recordings.map(function (r) { return fileFingerprint(r.source); }),
    testScore: testSet ? function (prepared, params) {
      checkTestSet(testSet!, set, prepared.spec.labels);
      // The model's input check, as evaluate makes it: channels present, acceleration in the training unit.
      var spec = Object.assign({}, prepared.spec, { units: unitsOf(prepared.spec.channels) });
      var notes: string[] = [];
      testSet!.recordings.forEach(function (r) { notes.push.apply(notes, checkInput(r, spec, v['counts-per-g'] !== undefined)); });
      var score = scoreOnTestSet(prepared.data as any, params, testSet!, (prepared as any).variantOptions);
      score.warnings = mergeFileNotes(notes).concat(score.warnings);
      return score;
    } : undefined,
    windowCounts: function (prepared) { return windowCounts(prepared.data as any, labelled); },
    eventGrid: recordings >= 2 && !whole ? recordingEventGrid(set, base, variantOptions) : null,
  };
}

/** Leave one recording out: each fold trains on the other recordings' windows and replays the held-out one. */
function recordingEventGrid(set: RecordingSet, base: PrepareChoices, variantOptions: (name: string) => PrepareChoices['variant']): EventGridSource {
  function prepareFinal(p: PipelineChoice): GridData {
    checkHop('hop', p.hopMs, set.recordings[0].rateHz);
    var choices = Object.assign({}, base, {
      channels: p.channels, rateHz: p.rateHz, windowMs: p.windowMs, hopMs: p.hopMs, features: p.features, stats: p.stats, variant: variantOptions(p.variant),
      motionGate: p.motionGate !== undefined ? p.motionGate : base.motionGate,
    });
    var prepared = asUsage('grid pipeline ' + p.features + ', window ' + p.windowMs + ' ms, hop ' + p.hopMs + ' ms', function () { return prepareTraining(set, choices); });
    checkEveryClassHasWindows(prepared.data, 'its recordings or labelled spans are shorter than one window (' + prepared.spec.windowMs + ' ms), or --variant ' + p.variant + ' keeps none of them');
    return prepared;
  }
  return {
    events: set.events,
    method: 'leave-one-recording-out over ' + set.recordings.length + ' recordings',
    prepareFinal: prepareFinal,
    prepare: function (p) {
      var prepared: any = prepareFinal(p);
      var d = prepared.data;
      return {
        spec: prepared.spec,
        // With a fixed --train-hop the training windows do not depend on the device hop.
        trainKey: base.trainHopMs ? JSON.stringify(Object.assign({}, prepared.spec, { hopMs: 0 })) + '/' + p.variant : undefined,
        folds: recordingFolds(set, d),
      };
    },
  };
}
