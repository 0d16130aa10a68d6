// The motion gate: how much a window moves, cheaply (one native gather, sum and variance
// per accelerometer channel), so a pipeline can skip features and classification at rest.
import type { FeatureSpec } from '../core/types';
import { nativeE, gatherChannel, sumOf, squaredDeviations } from './channel-math';

var scratch: Float32Array | null = null;
var gatedOf: string[] | null = null;
var gated: number[] = [];


/**
 * RMS deviation of the acceleration vector from its mean over a time-major window:
 * sqrt(Σ_c var(x_c)) over motionChannels (m/s2 for acc_ channels). 0 for a still sensor,
 * whatever its orientation; a rotation in place moves gravity between axes and counts.
 */
export function windowMotion(spec: FeatureSpec, window: Float32Array): number {
  var points = spec.points, n = spec.channels.length, e = nativeE(), v = 0, c, mean;
  if (gatedOf !== spec.channels) {
    // The spec's acc_ channels, or all of them when it has none.
    gated = [];
    for (c = 0; c < n; c++) if (spec.channels[c].indexOf('acc_') === 0) gated.push(c);
    if (!gated.length) for (c = 0; c < n; c++) gated.push(c);
    gatedOf = spec.channels;
  }
  if (!scratch || scratch.length !== points) scratch = new Float32Array(points);
  for (var i = 0; i < gated.length; i++) {
    c = gated[i];
    gatherChannel(window, n, c, scratch, e);
    mean = sumOf(scratch, e) / points;
    v += squaredDeviations(scratch, mean, e) / points;
  }
  return Math.sqrt(v);
}
