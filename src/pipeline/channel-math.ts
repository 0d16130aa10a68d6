// Per-channel arithmetic over a time-major window, native on Espruino (E.mapInPlace gather,
// E.sum, E.variance) and plain loops elsewhere: shared by every feature block and the gate.
// Callers inline `e ? e.sum(x) : sumOf(x)` and the gather: a call costs more on Espruino
// than either native operation.
import { BuildFeatures } from '../core/build-features';

// The window index of each point of channel 0 (p * channels), for a native gather.
// Reallocated only when a window with another number of points or channels comes along.
var gatherIndex: Uint16Array | null = null;
// One channel's points, contiguous, so E.sum / E.variance can run natively over them: one
// buffer for the statistics, the spectral block and the motion gate (they run one after another).
var channelScratch: Float32Array | null = null;

/** The shared one-channel buffer of `points` values (reallocated only when points changes). */
export function scratchFor(points: number): Float32Array {
  if (!channelScratch || channelScratch.length !== points) channelScratch = new Float32Array(points);
  return channelScratch;
}

/** Native helpers when running on Espruino (or when a test installs a fake E). */
export function nativeE(): any {
  return typeof E !== 'undefined' && E && typeof E.sum === 'function' && typeof E.variance === 'function' ? E : null;
}

/**
 * The window index of each point of channel 0 (p * channels), for E.mapInPlace to gather a
 * channel natively: `e.mapInPlace(idx, x, c ? window.subarray(c) : window)`; null without E.mapInPlace.
 */
export function gatherIndexFor(points: number, channels: number, e: any): Uint16Array | null {
  if (!e || !e.mapInPlace) return null;
  if (!gatherIndex || gatherIndex.length !== points || gatherIndex[1] !== channels) {
    gatherIndex = new Uint16Array(points);
    for (var p = 0; p < points; p++) gatherIndex[p] = p * channels;
  }
  return gatherIndex;
}

// The loops below stand in for E.sum and E.variance where Espruino's E is absent (the host).
// Every supported board has both: board bundles leave the loops out (build feature
// mathFallback), which spares a Puck.js two functions' variables (about 13).

/** Σ x (what E.sum returns); null in board bundles. */
export var sumOf: (x: Float32Array) => number = BuildFeatures.mathFallback
  ? function (x: Float32Array): number {
    var s = 0;
    for (var i = 0; i < x.length; i++) s += x[i];
    return s;
  }
  : (null as any);

/** Sum of squared deviations from `center` (what E.variance returns); null in board bundles. */
export var squaredDeviations: (x: Float32Array, center: number) => number = BuildFeatures.mathFallback
  ? function (x: Float32Array, center: number): number {
    var s = 0;
    for (var i = 0; i < x.length; i++) {
      var d = x[i] - center;
      s += d * d;
    }
    return s;
  }
  : (null as any);
