// Turns one downsampled window into the model's feature vector. The device's windower and
// the host's training-set builder both call computeFeatures, so they cannot disagree.
import type { FeatureSpec } from '../core/types';
import { configError, inputError } from '../core/errors';
import { featureCount } from './spec';
import { featureMask, RAW_BIT, STATS_BIT, SPECTRAL_BIT, CROSS_BIT } from '../classifiers/model-format';
import { nativeE, gatherChannel, sumOf, squaredDeviations } from './channel-math';
import { spectralBands } from './spectral';
import { crossAxisFeatures } from './cross-axis';
import { BuildFeatures } from '../core/build-features';

// One channel's points, contiguous, so E.sum / E.variance can run natively over them.
// Reallocated only when a spec with another number of points comes along.
var channelScratch: Float32Array | null = null;

function scratchFor(points: number): Float32Array {
  if (!channelScratch || channelScratch.length !== points) channelScratch = new Float32Array(points);
  return channelScratch;
}

/** Points up to which min/max go through Math.min/max.apply. */
var APPLY_MAX = 64;

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
      v = 0;
      var prev = x[0], d;
      // |d| inline: a Math.abs call per point costs more than the test.
      for (i = 1; i < n; i++) {
        d = x[i] - prev;
        v += d < 0 ? -d : d;
        prev = x[i];
      }
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
    var stats = mask & STATS_BIT ? (spec.stats as string[]) : [];
    var bands = mask & SPECTRAL_BIT ? (spec.spectralBands as number) : 0;
    var x = scratchFor(points);
    // Channel-major within each block: the spectral block starts after every channel's stats.
    var so = o, fo = o + stats.length * channels;
    for (var c = 0; c < channels; c++) {
      gatherChannel(window, channels, c, x, e);
      var mean = sumOf(x, e) / points;
      for (var s = 0; s < stats.length; s++) out[so++] = statistic(stats[s], x, mean, e);
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
