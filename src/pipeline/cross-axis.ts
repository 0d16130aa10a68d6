// The 'cross' feature block: statistics of each sensor's magnitude (|a| over the spec's acc_
// channels, |g| over its gyro_ channels, when a sensor has 2 or more), then the Pearson
// correlation of every pair of channels (0, 1), (0, 2) .. (n-2, n-1). Definition in docs/pipeline.md.
import { sensorChannels } from '../core/spec';
import { gatherIndexFor, sumOf, squaredDeviations } from './channel-math';

// Channel-major copy of the window (for the pairs; a view per channel) and one magnitude
// per point; the sensors' axes of the last spec. Rebuilt only when the spec's shape changes.
var byChannel: Float32Array | null = null;
var rows: Float32Array[] = [];
var magnitude: Float32Array | null = null;
var means: Float64Array | null = null;
var spreads: Float64Array | null = null;
var axesOf: string[] | null = null;
var acc: number[] = [];
var gyro: number[] = [];

/** Σ x_i y_i over the points (E.convolve with offset 0: one native sum). */
function dot(x: Float32Array, y: Float32Array, e: any): number {
  if (e && e.convolve) return e.convolve(x, y, 0);
  var s = 0;
  for (var i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** Writes mean, std, min, max of |v| over the given axis channels (time-major window) at out[o]; returns o + 4. */
function magnitudeStats(window: Float32Array, channels: number, axes: number[], points: number, out: Float32Array, o: number, e: any): number {
  var mag = magnitude as Float32Array, p, a, v, s, base, lo = Infinity, hi = -Infinity;
  for (p = 0; p < points; p++) {
    base = p * channels;
    s = 0;
    for (a = 0; a < axes.length; a++) {
      v = window[base + axes[a]];
      s += v * v;
    }
    mag[p] = Math.sqrt(s);
    if (mag[p] < lo) lo = mag[p];
    if (mag[p] > hi) hi = mag[p];
  }
  var mean = (e ? e.sum(mag) : sumOf(mag)) / points;
  out[o] = mean;
  out[o + 1] = Math.sqrt((e ? e.variance(mag, mean) : squaredDeviations(mag, mean)) / points);
  out[o + 2] = lo;
  out[o + 3] = hi;
  return o + 4;
}

/**
 * Fills out[o ..] with the 'cross' block of a time-major window of `points` x channels.length.
 * A pair with a constant channel has correlation 0.
 */
export function crossAxisFeatures(channelNames: string[], window: Float32Array, points: number, out: Float32Array, o: number, e: any): void {
  var n = channelNames.length, c, d, x, y;
  if (!byChannel || byChannel.length !== n * points || rows.length !== n) {
    byChannel = new Float32Array(n * points);
    rows = [];
    for (c = 0; c < n; c++) rows.push(byChannel.subarray(c * points, c * points + points));
    magnitude = new Float32Array(points);
    means = new Float64Array(n);
    spreads = new Float64Array(n);
  }
  if (axesOf !== channelNames) {
    acc = sensorChannels(channelNames, 'acc');
    gyro = sensorChannels(channelNames, 'gyro');
    axesOf = channelNames;
  }
  if (acc.length > 1) o = magnitudeStats(window, n, acc, points, out, o, e);
  if (gyro.length > 1) o = magnitudeStats(window, n, gyro, points, out, o, e);
  var m = means as Float64Array, sd = spreads as Float64Array, idx = gatherIndexFor(points, n, e), p;
  for (c = 0; c < n; c++) {
    x = rows[c];
    // Channel c's points, contiguous (E.mapInPlace: one native gather).
    if (idx) e.mapInPlace(idx, x, c ? window.subarray(c) : window);
    else for (p = 0; p < points; p++) x[p] = window[p * n + c];
    m[c] = (e ? e.sum(x) : sumOf(x)) / points;
    sd[c] = Math.sqrt(e ? e.variance(x, m[c]) : squaredDeviations(x, m[c]));
  }
  for (c = 0; c < n; c++) {
    x = rows[c];
    for (d = c + 1; d < n; d++) {
      y = rows[d];
      var den = sd[c] * sd[d];
      // Σ (x - mx)(y - my) = Σ xy - n mx my; the clamp keeps float rounding inside [-1, 1].
      var r = den > 0 ? (dot(x, y, e) - points * m[c] * m[d]) / den : 0;
      out[o++] = r > 1 ? 1 : r < -1 ? -1 : r;
    }
  }
}
