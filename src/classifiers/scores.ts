/** Index of the largest of the first n values; ties go to the lowest index. */
export function argmax(values: ArrayLike<number>, n: number): number {
  var best = 0;
  for (var i = 1; i < n; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Turns n log-scores into probabilities in place (max subtracted first, so no overflow). */
export function softmax(s: Float32Array, n: number) {
  var max = s[argmax(s, n)], sum = 0, i;
  for (i = 0; i < n; i++) sum += (s[i] = Math.exp(s[i] - max));
  for (i = 0; i < n; i++) s[i] /= sum;
}

/**
 * Sum over i of hits[i] * values[i + offset], in double, for hits that are zero in their last
 * `offset` places: what Espruino's native E.convolve(hits, values, offset) returns (the forest
 * uses that on the device). Zero hits add nothing, so skipping them keeps the same bits.
 */
export function weightedSum(hits: ArrayLike<number>, values: ArrayLike<number>, offset: number): number {
  var s = 0;
  for (var i = 0; i < hits.length; i++) if (hits[i]) s += hits[i] * values[i + offset];
  return s;
}

/**
 * Probabilities into `s` from n log-scores in `z`, a Float64Array (float32 log-scores
 * overflow to -Infinity for features near 1e22..1e38, and -Inf - -Inf is NaN): max
 * subtracted before exp. Returns the argmax, ties to the lowest index.
 */
export function softmaxFrom(z: Float64Array, s: Float32Array, n: number): number {
  var best = argmax(z, n), max = z[best], sum = 0, i;
  for (i = 0; i < n; i++) sum += (z[i] = Math.exp(z[i] - max));
  for (i = 0; i < n; i++) s[i] = z[i] / sum;
  return best;
}
