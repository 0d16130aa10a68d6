// The two kinds of training data `train` accepts, behind one interface: the original's
// window table (hold-out scoring) and labelled recordings (leave-one-recording-out).
import type { StatName, InputUnits, GyroUnit } from '../../core/types';
import { trainingUnits } from '../workflow/input-units';
import { fileFingerprint } from '../workflow/fingerprint';
import { Parsed, num, int, list, oneOf, usageError } from './args';
import { recordingOptions } from './common-options';
import { loadRecordingSet } from '../workflow/recording-set';
import { prepareTraining, recordingOfGroup, PrepareChoices } from '../workflow/prepare';
import { MODEL_KINDS, ModelParams, ModelKindName } from '../workflow/train-model';
import { holdOut, leaveOneGroupOut } from '../workflow/cross-validate';
import type { GridData } from '../workflow/grid-search';
import { readWindowTable, reshapeWindowTable } from '../readers/window-table';
import { selectSeedVariant } from '../dataset/seed-variants';
import { makeSpec } from '../dataset/spec';
import { VARIANTS, VariantName } from '../dataset/variants';

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

export function tableSource(v: Parsed['values']): Source {
  var table = readWindowTable(v.table);
  var sourceRate = num(v, 'rate', 100)!;
  var testFraction = num(v, 'test-fraction', 0.25)!;
  var seed = int(v, 'seed', 1)!;
  return {
    warnings: [],
    defaultChannels: list(v, 'channels') || table.channels,
    defaultRate: num(v, 'model-rate', table.rateHz)!,
    defaultVariant: v['seed-variant'] || 'base',
    scoreMethod: 'hold-out (' + Math.round(testFraction * 100) + '%, stratified by window)',
    prepare: function (channels, rate, variant) {
      var t = reshapeWindowTable(table, channels, rate);
      var idx = selectSeedVariant(t, variant, { extraIdle: !!v['extra-idle'] });
      var spec = makeSpec({ channels: channels, sourceRateHz: sourceRate, rateHz: rate, windowMs: t.pointsMs[t.pointsMs.length - 1], hopMs: num(v, 'hop', 50), labels: t.labelNames });
      if (spec.points !== t.pointsMs.length) throw usageError('the table has ' + t.pointsMs.length + ' points per window, the spec ' + spec.points);
      return { spec: spec, data: { X: idx.map(function (i) { return t.rows[i]; }), y: idx.map(function (i) { return t.labels[i]; }), labels: t.labelNames } };
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
    windowMs: num(v, 'window'), hopMs: num(v, 'hop'), trainHopMs: num(v, 'train-hop'),
    features: oneOf(v, 'features', ['raw', 'stats']), stats: list(v, 'stats') as StatName[] | undefined,
    downsample: oneOf(v, 'downsample', ['pick', 'mean']),
  };
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
