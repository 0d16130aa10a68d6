// The options that shape a model's feature spec, read the same way by every command that
// builds one (train, import-sklearn).
import type { FeatureKind, StatName } from '../core/types';
import { Parsed, num, int, list, oneOf, usageError } from './args';
import { featureMask, FEATURE_KINDS, KNOWN_FEATURE_BLOCKS } from '../core/spec';

export interface SpecOptionValues {
  windowMs?: number;
  hopMs?: number;
  features?: FeatureKind;
  stats?: StatName[];
  spectralBands?: number;
  motionGate?: number;
  downsample?: 'pick' | 'mean';
}

/** --features: a block or blocks joined by '+' in KNOWN_FEATURE_BLOCKS order. */
function featuresOption(v: Parsed['values']): FeatureKind | undefined {
  var f = v.features;
  if (f === undefined) return undefined;
  if (featureMask(String(f)) <= 0) {
    throw usageError('--features must be one of ' + KNOWN_FEATURE_BLOCKS.join(', ') + " or several joined by '+' in that order (e.g. " +
      FEATURE_KINDS.slice(4).join(', ') + '), got "' + f + '"');
  }
  return String(f) as FeatureKind;
}

/** --window, --hop, --features, --stats, --bands, --motion-gate, --downsample; undefined where not given. */
export function specOptions(v: Parsed['values']): SpecOptionValues {
  return {
    windowMs: num(v, 'window'), hopMs: num(v, 'hop'),
    features: featuresOption(v), stats: list(v, 'stats') as StatName[] | undefined,
    spectralBands: int(v, 'bands', undefined, 1), motionGate: num(v, 'motion-gate'),
    downsample: oneOf(v, 'downsample', ['pick', 'mean']),
  };
}
