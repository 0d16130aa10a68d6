// Shape checks shared by the model kinds' builders (device code).
import type { ModelArray } from './model-decode';
import { inconsistent } from './model-decode';

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

/** True for NaN and +-Infinity (Number.isFinite is missing on Espruino). */
export function notFinite(v: number): boolean {
  return v - v !== 0;
}
