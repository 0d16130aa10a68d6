// The two kinds of training data `train` accepts, behind one interface: the original's
// window table (hold-out scoring) and labelled recordings (leave-one-recording-out).
import type { StatName, InputUnits, GyroUnit } from '../core/types';
import { trainingUnits } from '../host/workflow/input-units';
import { fileFingerprint } from '../host/workflow/fingerprint';
import { Parsed, num, int, list, oneOf, usageError } from './args';
import { recordingOptions } from './common-options';
import { specOptions } from './spec-options';
import { loadRecordingSet } from '../host/workflow/recording-set';
import { prepareTraining, recordingOfGroup, PrepareChoices } from '../host/workflow/prepare';
import { MODEL_KINDS, ModelParams, ModelKindName } from '../host/workflow/train-model';
import { holdOut, leaveOneGroupOut } from '../host/workflow/cross-validate';
import type { GridData } from '../host/workflow/grid-search';
import { readWindowTable, reshapeWindowTable } from '../host/readers/window-table';
import { selectSeedVariant } from '../host/dataset/seed-variants';
import { makeSpec } from '../host/dataset/spec';
import { VARIANTS, VariantName } from '../host/dataset/variants';
import { classCounts } from '../host/dataset/dataset';

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
  scoreMethod: string;
  prepare: (channels: string[], rate: number, variant: string) => GridData;
  score: (prepared: GridData, params: ModelParams) => { accuracy: number; macroF1: number };
  /** Units of the training values for the spec (null: not known, e.g. a window table). */
  units: (channels: string[]) => InputUnits | null;
  /** Fingerprints of the training recordings' files. */
  training: string[];
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
  };
}

export function recordingSource(p: Parsed): Source {
  var v = p.values;
  if (p.positionals.length === 0) throw usageError('train needs recordings (files or folders) or --table FILE');
  var set = loadRecordingSet(p.positionals, recordingOptions(v));
  var shift = v.shift ? String(v.shift).split(':').map(Number) : null;
  if (shift && (shift.length !== 3 || shift.some(function (x) { return !isFinite(x); }))) throw usageError('--shift must be MIN:MAX:STEP in ms, got "' + v.shift + '"');
  var variant = v.variant || 'centered';
  if (VARIANTS.indexOf(variant) < 0) throw usageError('--variant must be one of ' + VARIANTS.join(', ') + ', got "' + variant + '"');
  var base: PrepareChoices = {
    ...specOptions(v), trainHopMs: num(v, 'train-hop'),
  };
  checkHop('hop', base.hopMs, set.recordings[0].rateHz);
  checkHop('train-hop', base.trainHopMs, set.recordings[0].rateHz);
  var recordings = set.recordings.length;
  return {
    warnings: set.warnings,
    defaultChannels: list(v, 'channels') || set.recordings[0].channels,
    defaultRate: num(v, 'model-rate', set.recordings[0].rateHz)!,
    defaultVariant: variant,
    scoreMethod: recordings >= 2 ? 'leave-one-recording-out' : 'hold-out (25%)',
    prepare: function (channels, rate, variantName) {
      var choices = Object.assign({}, base, {
        channels: channels, rateHz: rate,
        variant: { variant: variantName as VariantName, shiftMinMs: shift ? shift[0] : undefined, shiftMaxMs: shift ? shift[1] : undefined, shiftStepMs: shift ? shift[2] : undefined, idleHopMs: num(v, 'idle-hop') },
      });
      var prepared: any = prepareTraining(set, choices);
      checkEveryClassHasWindows(prepared.data, 'its recordings or labelled spans are shorter than one window (' + prepared.spec.windowMs + ' ms), or --variant ' + variantName + ' keeps none of them');
      // Dense training windows are augmentation; score on the windows the device computes.
      if (base.trainHopMs && base.trainHopMs !== prepared.spec.hopMs) prepared.test = prepareTraining(set, Object.assign({}, choices, { trainHopMs: undefined })).data;
      return prepared;
    },
    score: function (prepared, params) {
      var d: any = prepared.data;
      return recordings >= 2 ? leaveOneGroupOut(d, params, recordingOfGroup, (prepared as any).test) : holdOut(d, params, 0.25, params.seed);
    },
    units: function (channels) {
      var gyro = oneOf(v, 'gyro-unit', ['deg/s', 'rad/s', 'counts']) as GyroUnit | undefined;
      return trainingUnits(set.recordings, num(v, 'counts-per-g'), gyro || (channels.some(function (c) { return /^gyro_/.test(c); }) ? 'deg/s' : 'unknown'));
    },
    training: set.recordings.map(function (r) { return fileFingerprint(r.source); }),
  };
}
