// The options that shape a model's feature spec, read the same way by every command that
// builds one (train, import-sklearn).
import type { StatName } from '../core/types';
import { Parsed, num, list, oneOf } from './args';

export interface SpecOptionValues {
  windowMs?: number;
  hopMs?: number;
  features?: 'raw' | 'stats';
  stats?: StatName[];
  downsample?: 'pick' | 'mean';
}

/** --window, --hop, --features, --stats, --downsample; undefined where not given. */
export function specOptions(v: Parsed['values']): SpecOptionValues {
  return {
    windowMs: num(v, 'window'), hopMs: num(v, 'hop'),
    features: oneOf(v, 'features', ['raw', 'stats']), stats: list(v, 'stats') as StatName[] | undefined,
    downsample: oneOf(v, 'downsample', ['pick', 'mean']),
  };
}
