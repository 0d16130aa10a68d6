// Options several commands share: how to read recordings, which debouncer to replay with,
// and loading a model file.
import { readFileSync } from 'node:fs';
import { loadModel } from '../../classifiers/load-model';
import type { LoadedModel } from '../../classifiers/model-decode';
import type { RecordingSetOptions } from '../workflow/recording-set';
import type { DebouncerChoice } from '../workflow/debouncer-choice';
import { inputError } from '../input-error';
import { Parsed, OptionSpec, num, int, oneOf, usageError } from './args';

export var RECORDING_OPTIONS: OptionSpec = {
  labels: { type: 'string' },
  rate: { type: 'string' },
  'counts-per-g': { type: 'string' },
  'label-time-scale': { type: 'string' },
  repair: { type: 'boolean' },
};

export var RECORDING_HELP = [
  '  --labels FILE         labels: file,start_ms,end_ms,label CSV or a Label Studio JSON/CSV export',
  '                        (default: the label in each file name, e.g. ..._wave.npy)',
  '  --rate HZ             sample rate of files without a time column (.npy)',
  '  --counts-per-g N      values are raw counts (16384 for int16 at +-2 g): convert to m/s^2',
  '  --label-time-scale K  multiply Label Studio start/end by K to get ms (1000 for seconds)',
  '  --repair              drop bad rows and interpolate gaps instead of failing',
];

export function recordingOptions(v: Parsed['values']): RecordingSetOptions {
  return {
    labelsFile: v.labels,
    rateHz: num(v, 'rate'),
    countsPerG: num(v, 'counts-per-g'),
    labelTimeScale: num(v, 'label-time-scale'),
    repair: !!v.repair,
  };
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

export function readModelFile(file: string | undefined): LoadedModel {
  if (!file) throw usageError('--model FILE is required');
  var bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e: any) {
    throw inputError(file, null, 'cannot read: ' + e.message);
  }
  try {
    return loadModel(new Uint8Array(bytes)); // a copy: aligned for the typed-array views the decoder makes
  } catch (e: any) {
    if (!e || !e.code) throw e; // not a refusal of the file but a bug: exit 1 with its stack
    var err = inputError(file, null, e.message);
    (err as any).code = e.code; // MODEL_CORRUPT, MODEL_TRUNCATED, ...: the decoder's own code
    throw err;
  }
}
