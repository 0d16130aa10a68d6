// Options several commands share: how to read recordings, which debouncer to replay with,
// and loading a model file.
import { readFileSync, statSync } from 'node:fs';
import { loadModel } from '../classifiers/load-model';
import { readModelExtensions } from '../classifiers/model-extensions';
import type { LoadedModel } from '../classifiers/model-decode';
import type { RecordingSetOptions } from '../host/workflow/recording-set';
import type { DebouncerChoice } from '../host/workflow/debouncer-choice';
import { inputError } from '../host/input-error';
import { Parsed, OptionSpec, num, int, oneOf, usageError } from './args';

export var RECORDING_OPTIONS: OptionSpec = {
  labels: { type: 'string' },
  rate: { type: 'string' },
  'counts-per-g': { type: 'string' },
  'label-time-scale': { type: 'string' },
  'file-key': { type: 'string' },
  'label-key': { type: 'string' },
  repair: { type: 'boolean' },
};

export var LABELS_HELP = [
  '  --labels FILE         labels: file,start_ms,end_ms,label CSV or a Label Studio JSON/CSV export',
  '                        (default: the label in each file name, e.g. ..._wave.npy)',
];

export var RECORDING_HELP = LABELS_HELP.concat([
  '  --rate HZ             sample rate of files without a time column (.npy; with --model: the model\'s)',
  '  --counts-per-g N      values are raw counts (16384 for int16 at +-2 g): convert to m/s^2',
  '  --label-time-scale K  multiply Label Studio start/end by K to get ms (1000 for seconds)',
  '  --file-key COL        Label Studio CSV: the column naming the recording (default: guessed)',
  '  --label-key COL       Label Studio CSV: the column holding the spans (default: guessed)',
  '  --repair              drop bad rows and interpolate gaps instead of failing',
]);

export function recordingOptions(v: Parsed['values']): RecordingSetOptions {
  return {
    labelsFile: v.labels,
    rateHz: num(v, 'rate'),
    countsPerG: num(v, 'counts-per-g'),
    labelTimeScale: num(v, 'label-time-scale'),
    fileKey: v['file-key'],
    labelKey: v['label-key'],
    repair: !!v.repair,
  };
}

/** Recording options for feeding a model: .npy files take the model's source rate unless --rate says otherwise. */
export function modelRecordingOptions(v: Parsed['values'], m: HostModel): RecordingSetOptions {
  var o = recordingOptions(v);
  if (o.rateHz === undefined) o.rateHz = m.spec.sourceRateHz;
  return o;
}

export var DEBOUNCE_OPTIONS: OptionSpec = {
  debouncer: { type: 'string' },
  count: { type: 'string' },
  'min-score': { type: 'string' },
  refractory: { type: 'string' },
  tolerance: { type: 'string' },
};

export var DEBOUNCE_HELP = [
  '  --debouncer KIND      original (default: the seed device\'s rule), consecutive, majority',
  '  --count N             predictions needed (original/consecutive) or considered (majority); default 9',
  '  --min-score P         consecutive: a prediction counts when its score > P (default 0.5)',
  '  --refractory MS       consecutive: quiet time after an event (default 1000)',
  '  --tolerance MS        event matching slack around a labelled span (default 1000)',
];

export function debouncerChoice(v: Parsed['values']): DebouncerChoice {
  return {
    kind: oneOf(v, 'debouncer', ['original', 'consecutive', 'majority'], 'original')!,
    count: int(v, 'count', undefined, 1),
    minScore: num(v, 'min-score'),
    refractoryMs: num(v, 'refractory'),
  };
}

/** A model read on the host: its spec carries the v2 units, plus the training fingerprint. */
export interface HostModel extends LoadedModel {
  file: string;
  /** Fingerprints of the training recordings (null: not recorded). */
  training: string[] | null;
}

export function readModelFile(file: string | undefined): HostModel {
  if (!file) throw usageError('--model FILE is required');
  var bytes: Uint8Array;
  try {
    if (statSync(file).isDirectory()) throw inputError(file, null, 'is a folder; --model needs the model file (from `train --out`)');
    bytes = readFileSync(file);
  } catch (e: any) {
    if (e.exitCode) throw e;
    throw inputError(file, null, e.code === 'ENOENT' ? 'no such model file' : 'cannot read: ' + e.message);
  }
  try {
    var copy = new Uint8Array(bytes); // a copy: aligned for the typed-array views the decoder makes
    var m = loadModel(copy);
    var ext = readModelExtensions(copy);
    if (ext.units) m.spec.units = ext.units;
    return Object.assign(m, { file: file, training: ext.training });
  } catch (e: any) {
    if (!e || !e.code) throw e; // not a refusal of the file but a bug: exit 1 with its stack
    var err = inputError(file, null, e.message);
    (err as any).code = e.code; // MODEL_CORRUPT, MODEL_TRUNCATED, ...: the decoder's own code
    throw err;
  }
}
