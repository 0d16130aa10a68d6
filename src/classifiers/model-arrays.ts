// Shape checks shared by the model kinds' builders (device code).
import type { ModelArray } from './model-decode';
import { inconsistent } from './model-decode';
import { notFinite } from './model-format';

export { notFinite };

var FLOAT32 = 5;

/**
 * Checks count and element kinds of a model's arrays. `layout` has one entry per array:
 * 'f' for Float32Array, 'i' for an integer array; returns the arrays' data.
 */
export function expectArrays(kind: string, arrays: ModelArray[], layout: string): any[] {
  if (arrays.length !== layout.length) throw inconsistent(kind + ' needs ' + layout.length + ' arrays, file has ' + arrays.length);
  var out: any[] = [];
  for (var i = 0; i < layout.length; i++) {
    if ((arrays[i].type === FLOAT32) !== (layout.charAt(i) === 'f')) throw inconsistent(kind + ' array ' + i + ' has the wrong element type');
    out.push(arrays[i].data);
  }
  return out;
}

/** Checks that a matrix has `rows` rows of `width` columns (what the labels/spec imply). */
export function expectMatrix(what: string, a: ModelArray, rows: number, width: number) {
  if (a.width !== width) throw inconsistent(what + ' rows have ' + a.width + ' values, expected ' + width);
  if (a.data.length !== rows * width) throw inconsistent(what + ' has ' + a.data.length + ' values, expected ' + rows + ' x ' + width);
}

/**
 * Checks that every value is finite and within [min, max] (pass -Infinity/Infinity for
 * "any finite"), so a tampered file cannot make predict() return NaN or Infinity.
 */
export function expectRange(what: string, a: Float32Array, min: number, max: number) {
  for (var i = 0; i < a.length; i++) {
    var v = a[i];
    if (notFinite(v) || v < min || v > max) throw inconsistent(what + '[' + i + '] is ' + v + ', outside ' + min + '..' + max);
  }
}

/** Checks that each row of `width` values is a class distribution: values in [0, 1] summing to 1. */
export function expectDistributions(what: string, a: Float32Array, width: number) {
  for (var r = 0; r < a.length; r += width) {
    for (var sum = 0, c = 0; c < width; c++) {
      var v = a[r + c];
      if (!(v >= 0 && v <= 1)) break; // NaN too
      sum += v;
    }
    if (c < width || Math.abs(sum - 1) > 1e-3) throw inconsistent(what + ' row ' + r / width + ' is not a distribution');
  }
}
