// The motion gate: how much a window moves, cheaply (one native gather, sum and variance
// per accelerometer channel), so a pipeline can skip features and classification at rest.
import type { FeatureSpec } from '../core/types';
import { sensorChannels } from '../core/spec';
import { nativeE, gatherIndexFor, scratchFor, sumOf, squaredDeviations } from './channel-math';

// The channels the gate measures, for the spec's channel list they were found in.
var gatedOf: string[] | null = null;
var gated: number[] = [];

/**
 * RMS deviation of the acceleration vector from its mean over a time-major window:
 * sqrt(Σ_c var(x_c)) over motionChannels (m/s2 for acc_ channels). 0 for a still sensor,
 * whatever its orientation; a rotation in place moves gravity between axes and counts.
 */
export function windowMotion(spec: FeatureSpec, window: Float32Array): number {
  var points = spec.points, n = spec.channels.length, e = nativeE(), v = 0, c, mean, p;
  if (gatedOf !== spec.channels) {
    // The spec's acc_ channels, or all of them when it has none.
    gated = sensorChannels(spec.channels, 'acc');
    if (!gated.length) for (c = 0; c < n; c++) gated.push(c);
    gatedOf = spec.channels;
  }
  var x = scratchFor(points), idx = gatherIndexFor(points, n, e);
  for (var i = 0; i < gated.length; i++) {
    c = gated[i];
    // Channel c's points, contiguous (E.mapInPlace: one native gather).
    if (idx) e.mapInPlace(idx, x, c ? window.subarray(c) : window);
    else for (p = 0; p < points; p++) x[p] = window[p * n + c];
    mean = (e ? e.sum(x) : sumOf(x)) / points;
    v += (e ? e.variance(x, mean) : squaredDeviations(x, mean)) / points;
  }
  return Math.sqrt(v);
}
