// Turns one downsampled window into the model's feature vector. The device's windower and
// the host's training-set builder both call computeFeatures, so they cannot disagree.
import type { FeatureSpec } from '../core/types';
import { configError, inputError } from '../core/errors';
import { featureCount, featureMask, RAW_BIT, STATS_BIT, SPECTRAL_BIT, CROSS_BIT } from '../core/spec';
import { nativeE, gatherIndexFor, scratchFor, sumOf, squaredDeviations } from './channel-math';
import { spectralBands } from './spectral';
import { crossAxisFeatures } from './cross-axis';
import { BuildFeatures } from '../core/build-features';

/** Points up to which min/max go through Math.min/max.apply. */
var APPLY_MAX = 64;

/**
 * One statistic of one channel; definitions in docs/pipeline.md. On Espruino a statement or
 * a call costs far more than the arithmetic in it, so the loops are one statement each.
 */
function statistic(name: string, x: Float32Array, mean: number, e: any): number {
  var n = x.length;
  var i: number;
  var v: number;
  var d: number;
  switch (name) {
    case 'mean':
      return mean;
    case 'std':
      return Math.sqrt((e ? e.variance(x, mean) : squaredDeviations(x, mean)) / n);
    case 'rms':
      return Math.sqrt((e ? e.variance(x, 0) : squaredDeviations(x, 0)) / n);
    case 'min':
      // Native over the points (a window with NaN never gets here); apply takes at most 256
      // arguments on Espruino, each a variable for the call, so long windows loop instead.
      if (n <= APPLY_MAX) return Math.min.apply(null, x as any);
      v = x[0];
      for (i = 1; i < n; i++) if (x[i] < v) v = x[i];
      return v;
    case 'max':
      if (n <= APPLY_MAX) return Math.max.apply(null, x as any);
      v = x[0];
      for (i = 1; i < n; i++) if (x[i] > v) v = x[i];
      return v;
    case 'mad':
      if (n < 2) return 0;
      // |d| inline: a Math.abs call per point costs more than the test.
      for (v = 0, i = 1; i < n; i++) v += (d = x[i] - x[i - 1]) < 0 ? -d : d;
      return v / (n - 1);
    case 'zc':
      // Sign changes of x - mean; a point exactly at the mean counts as positive
      // (x - mean >= 0 is x >= mean in IEEE arithmetic, so the subtraction is left out).
      for (v = 0, i = 1, d = x[0] >= mean ? 1 : 0; i < n; i++) if ((x[i] >= mean ? 1 : 0) !== d) { d = 1 - d; v++; }
      return v;
  }
  throw configError('Unknown statistic "' + name + '"');
}

/**
 * Fills `out` with the features of one window.
 * `window`: spec.points x spec.channels.length values, time-major (all channels of point 0,
 * then point 1, ...), already downsampled, channels in spec.channels order.
 * The blocks of spec.features follow each other in FEATURE_BLOCKS order: 'raw' copies the
 * window as is (that is the seed's `<channel>_<ms>` column order); 'stats' writes, per channel
 * in order, each of spec.stats in order; 'spectral' per channel its spec.spectralBands band
 * amplitudes; 'cross' the magnitude statistics and channel-pair correlations (cross-axis.ts).
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
  var mask = featureMask(spec.features);
  if (mask === RAW_BIT) {
    if (out !== window) out.set(window);
    return out;
  }
  var o = 0;
  if (mask & RAW_BIT) {
    out.set(window);
    o = window.length;
  }
  var e = nativeE();
  if (mask & (STATS_BIT | SPECTRAL_BIT)) {
    var stats = mask & STATS_BIT ? (spec.stats as string[]) : [], ns = stats.length;
    var bands = mask & SPECTRAL_BIT ? (spec.spectralBands as number) : 0;
    var x = scratchFor(points);
    var idx = gatherIndexFor(points, channels, e);
    // Channel-major within each block: the spectral block starts after every channel's stats.
    var so = o, fo = o + ns * channels, c, s, p;
    // Gather and sum inlined: a call costs more on Espruino than either native operation.
    for (c = 0; c < channels; c++) {
      // Channel c's points, contiguous (E.mapInPlace: one native gather).
      if (idx) e.mapInPlace(idx, x, c ? window.subarray(c) : window);
      else for (p = 0; p < points; p++) x[p] = window[p * channels + c];
      var mean = (e ? e.sum(x) : sumOf(x)) / points;
      for (s = 0; s < ns; s++) out[so++] = statistic(stats[s], x, mean, e);
      if (BuildFeatures.spectralFeatures && bands) {
        spectralBands(x, mean, bands, out, fo, e);
        fo += bands;
      }
    }
    o = bands ? fo : so;
  }
  if (BuildFeatures.spectralFeatures && mask & CROSS_BIT) crossAxisFeatures(spec.channels, window, points, out, o, e);
  return out;
}
