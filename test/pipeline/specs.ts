// Feature specs used across the pipeline tests.
import type { FeatureSpec } from '../../src/core/types';

export var SEED_CHANNELS = ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'];

/** The seed's 20 Hz table: 1000 ms, 21 points, all six channels, from 100 Hz. */
export function seedRawSpec(overrides?: Partial<FeatureSpec>): FeatureSpec {
  var spec: FeatureSpec = {
    channels: SEED_CHANNELS.slice(),
    sourceRateHz: 100,
    rateHz: 20,
    windowMs: 1000,
    points: 21,
    hopMs: 50,
    downsample: 'pick',
    features: 'raw',
    labels: ['idle', 'x', 'y', 'circle'],
    idleLabel: 0
  };
  if (overrides) for (var k in overrides) (spec as any)[k] = (overrides as any)[k];
  return spec;
}
