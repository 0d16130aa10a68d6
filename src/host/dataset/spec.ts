// Builds a FeatureSpec from the few choices a user makes (channels, rates, window, features).
import type { FeatureKind, FeatureSpec, StatName } from '../../core/types';
import { validateSpec, featureMask, STATS_BIT, SPECTRAL_BIT } from '../../core/spec';

export interface SpecChoices {
  channels: string[];
  sourceRateHz: number;
  /** Model rate after downsampling (default: the source rate). */
  rateHz?: number;
  /** Window length in ms (default 1000, as the seed). */
  windowMs?: number;
  /** Device hop in ms (default 50). */
  hopMs?: number;
  /** A feature block or blocks joined by '+' (FEATURE_KINDS); default 'raw'. */
  features?: FeatureKind;
  stats?: StatName[];
  /** Band amplitudes per channel for a 'spectral' block (default DEFAULT_BANDS). */
  spectralBands?: number;
  /** Motion gate in m/s2 (0 or absent: off). */
  motionGate?: number;
  downsample?: 'pick' | 'mean';
  labels: string[];
  /** Name of the "no gesture" label (default "idle" when present). */
  idle?: string | null;
}

/** Default statistics for 'stats' features: cheap, and enough to beat the 1-NN baseline. */
export var DEFAULT_STATS: StatName[] = ['mean', 'std', 'min', 'max', 'mad'];

/** Default band count of a 'spectral' block (docs/pipeline.md has the comparison). */
export var DEFAULT_BANDS = 4;

export function makeSpec(c: SpecChoices): FeatureSpec {
  var rateHz = c.rateHz || c.sourceRateHz;
  var windowMs = c.windowMs || 1000;
  var downsample = c.downsample || 'pick';
  var periods = (windowMs * rateHz) / 1000;
  // 'pick' includes both ends (the seed: 1000 ms at 20 Hz = 21 points); 'mean' averages k-sample blocks.
  var points = downsample === 'pick' ? Math.round(periods) + 1 : Math.round(periods);
  var idleName = c.idle === undefined ? 'idle' : c.idle;
  var spec: FeatureSpec = {
    channels: c.channels.slice(),
    sourceRateHz: c.sourceRateHz,
    rateHz: rateHz,
    windowMs: windowMs,
    points: points,
    hopMs: c.hopMs || 50,
    downsample: downsample,
    features: c.features || 'raw',
    labels: c.labels.slice(),
    idleLabel: idleName === null ? -1 : c.labels.indexOf(idleName),
  };
  var mask = featureMask(spec.features);
  if (mask > 0 && mask & STATS_BIT) spec.stats = (c.stats || DEFAULT_STATS).slice();
  if (mask > 0 && mask & SPECTRAL_BIT) spec.spectralBands = c.spectralBands || DEFAULT_BANDS;
  if (c.motionGate !== undefined) spec.motionGate = c.motionGate;
  try {
    validateSpec(spec);
  } catch (e: any) {
    e.exitCode = 2; // the user's choices cannot make a spec: bad usage, as the CLI reports it
    throw e;
  }
  return spec;
}
