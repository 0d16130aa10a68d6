// Per-channel arithmetic over a time-major window, native on Espruino (E.mapInPlace gather,
// E.sum, E.variance) and plain loops elsewhere: shared by every feature block and the gate.

// The window index of each point of channel 0 (p * channels), for a native gather.
// Reallocated only when a window with another number of points or channels comes along.
var gatherIndex: Uint16Array | null = null;

/** Native helpers when running on Espruino (or when a test installs a fake E). */
export function nativeE(): any {
  return typeof E !== 'undefined' && E && typeof E.sum === 'function' && typeof E.variance === 'function' ? E : null;
}

/** Copies channel c's points out of the time-major window (E.mapInPlace: one native gather). */
export function gatherChannel(window: Float32Array, channels: number, c: number, x: Float32Array, e: any) {
  var points = x.length, p;
  if (e && e.mapInPlace) {
    if (!gatherIndex || gatherIndex.length !== points || gatherIndex[1] !== channels) {
      gatherIndex = new Uint16Array(points);
      for (p = 0; p < points; p++) gatherIndex[p] = p * channels;
    }
    e.mapInPlace(gatherIndex, x, c ? window.subarray(c) : window);
    return;
  }
  for (p = 0; p < points; p++) x[p] = window[p * channels + c];
}

export function sumOf(x: Float32Array, e: any): number {
  if (e) return e.sum(x);
  var s = 0;
  for (var i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** Sum of squared deviations from `center` (what E.variance returns). */
export function squaredDeviations(x: Float32Array, center: number, e: any): number {
  if (e) return e.variance(x, center);
  var s = 0;
  for (var i = 0; i < x.length; i++) {
    var d = x[i] - center;
    s += d * d;
  }
  return s;
}
