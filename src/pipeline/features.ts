// Turns one downsampled window into the model's feature vector. The device's windower and
// the host's training-set builder both call computeFeatures, so they cannot disagree.
import type { FeatureSpec } from '../core/types';
import { configError, inputError } from '../core/errors';
import { featureCount } from './spec';

// One channel's points, contiguous, so E.sum / E.variance can run natively over them.
// Reallocated only when a spec with a different number of points comes along.
var channelScratch: Float32Array | null = null;

function scratchFor(points: number): Float32Array {
  if (!channelScratch || channelScratch.length !== points) channelScratch = new Float32Array(points);
  return channelScratch;
}

/** Native helpers when running on Espruino (or when a test installs a fake E). */
function nativeE(): any {
  return typeof E !== 'undefined' && E && typeof E.sum === 'function' && typeof E.variance === 'function' ? E : null;
}

function sumOf(x: Float32Array, e: any): number {
  if (e) return e.sum(x);
  var s = 0;
  for (var i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** Sum of squared deviations from `center` (what E.variance returns). */
function squaredDeviations(x: Float32Array, center: number, e: any): number {
  if (e) return e.variance(x, center);
  var s = 0;
  for (var i = 0; i < x.length; i++) {
    var d = x[i] - center;
    s += d * d;
  }
  return s;
}

/** One statistic of one channel; definitions in docs/pipeline.md. */
function statistic(name: string, x: Float32Array, mean: number, e: any): number {
  var n = x.length;
  var i: number;
  var v: number;
  switch (name) {
    case 'mean':
      return mean;
    case 'std':
      return Math.sqrt(squaredDeviations(x, mean, e) / n);
    case 'rms':
      return Math.sqrt(squaredDeviations(x, 0, e) / n);
    case 'min':
      v = x[0];
      for (i = 1; i < n; i++) if (x[i] < v) v = x[i];
      return v;
    case 'max':
      v = x[0];
      for (i = 1; i < n; i++) if (x[i] > v) v = x[i];
      return v;
    case 'mad':
      if (n < 2) return 0;
      v = 0;
      for (i = 1; i < n; i++) v += Math.abs(x[i] - x[i - 1]);
      return v / (n - 1);
    case 'zc':
      // Sign changes of x - mean; a point exactly at the mean counts as positive.
      v = 0;
      for (i = 1; i < n; i++) if ((x[i - 1] - mean >= 0) !== (x[i] - mean >= 0)) v++;
      return v;
  }
  throw configError('Unknown statistic "' + name + '"');
}

/**
 * Fills `out` with the features of one window.
 * `window`: spec.points x spec.channels.length values, time-major (all channels of point 0,
 * then point 1, ...), already downsampled, channels in spec.channels order.
 * 'raw' copies the window as is (that is the seed's `<channel>_<ms>` column order);
 * 'stats' writes, per channel in order, each of spec.stats in order.
 */
export function computeFeatures(spec: FeatureSpec, window: Float32Array, out: Float32Array): Float32Array {
  var channels = spec.channels.length;
  var points = spec.points;
  if (window.length !== points * channels) {
    throw inputError('Window has ' + window.length + ' values, the spec needs ' + points + ' points x ' + channels + ' channels = ' + points * channels
    );
  }
  var needed = featureCount(spec);
  if (out.length !== needed) {
    throw inputError('Feature vector has length ' + out.length + ', the spec needs ' + needed);
  }
  if (spec.features === 'raw') {
    if (out !== window) out.set(window);
    return out;
  }
  var stats = spec.stats as string[];
  var x = scratchFor(points);
  var e = nativeE();
  var o = 0;
  for (var c = 0; c < channels; c++) {
    for (var p = 0; p < points; p++) x[p] = window[p * channels + c];
    var mean = sumOf(x, e) / points;
    for (var s = 0; s < stats.length; s++) out[o++] = statistic(stats[s], x, mean, e);
  }
  return out;
}
