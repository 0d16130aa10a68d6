// The 'spectral' feature block: per channel, the amplitude of the window's signal in
// `bands` equal-width frequency bands. E.FFT on Espruino; the radix-2 loop below elsewhere
// (Node, builds without E.FFT), on float32 like the firmware, so both give the same numbers
// within float32 rounding. Definition in docs/pipeline.md.
import { fftSize } from '../core/spec';
import { BuildFeatures } from '../core/build-features';
import { configError } from '../core/errors';

// FFT input/output and, for the loop, the imaginary parts: one FFT length at a time.
var re: Float32Array | null = null;
var im: Float32Array | null = null;
// A view of re per band (E.variance's input, the loop's bounds), built once per FFT length
// and band count: the band bounds are worked out there, never per window.
var bandViews: Float32Array[] = [];

/**
 * In place: re becomes |X_k| / N for the N-point forward DFT of re (what E.FFT(re) does
 * with one array). N is a power of two.
 */
export function fftModulus(re: Float32Array, im: Float32Array): void {
  var n = re.length, i, j, bit, t, len, half, s, m, ang, wr, wi, a, b, xr, xi;
  im.fill(0);
  for (i = 1, j = 0; i < n; i++) {
    for (bit = n >> 1; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      t = re[i];
      re[i] = re[j];
      re[j] = t;
    }
  }
  for (len = 2; len <= n; len *= 2) {
    half = len / 2;
    ang = (-2 * Math.PI) / len;
    for (m = 0; m < half; m++) {
      wr = Math.cos(ang * m);
      wi = Math.sin(ang * m);
      for (s = m; s < n; s += len) {
        a = s + half;
        xr = re[a] * wr - im[a] * wi;
        xi = re[a] * wi + im[a] * wr;
        re[a] = re[s] - xr;
        im[a] = im[s] - xi;
        re[s] += xr;
        im[s] += xi;
      }
    }
  }
  for (i = 0; i < n; i++) re[i] = Math.sqrt(re[i] * re[i] + im[i] * im[i]) / n;
}

/**
 * Writes x's band amplitudes to out[o .. o + bands). x: one channel's points, `mean` their
 * mean. Bins 1..N/2 of the N-point FFT (N = fftSize(points)) are split into `bands` runs of
 * (nearly) equal length; a band's value is sqrt(the share of x's variance in its bins), so the
 * squares of all bands sum to std^2. `e`: Espruino's E when native helpers are there.
 */
export function spectralBands(x: Float32Array, mean: number, bands: number, out: Float32Array, o: number, e: any): void {
  var points = x.length, N = fftSize(points), half = N / 2, b, s, k, v, band;
  if (!re || re.length !== N || bandViews.length !== bands) {
    re = new Float32Array(N);
    im = new Float32Array(N);
    bandViews = [];
    for (b = 0; b < bands; b++) bandViews.push(re.subarray(1 + Math.floor((b * half) / bands), 1 + Math.floor(((b + 1) * half) / bands)));
  }
  // Padding with the mean instead of 0 is zero-padding the mean-removed signal, except in bin 0.
  re.set(x);
  re.fill(mean, points);
  if (e && typeof e.FFT === 'function') e.FFT(re);
  else if (BuildFeatures.fftFallback) fftModulus(re, im as Float32Array);
  else throw configError("'spectral' features need E.FFT, which this firmware lacks");
  // Power in bin k is |X_k|^2 = (N re[k])^2; bins 1..N/2-1 stand for their mirror too.
  // By Parseval, variance = (N / points) * (2 sum_{k<N/2} re[k]^2 + re[N/2]^2).
  for (b = 0; b < bands; b++) {
    band = bandViews[b];
    if (e) s = 2 * e.variance(band, 0);
    else for (s = 0, k = 0; k < band.length; k++) s += 2 * band[k] * band[k];
    // Bin N/2, the last band's last bin, has no mirror: counted once.
    if (b === bands - 1) s -= re[half] * re[half];
    v = (s * N) / points;
    out[o + b] = v > 0 ? Math.sqrt(v) : 0;
  }
}
