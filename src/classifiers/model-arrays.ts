// Shape checks shared by the model kinds' builders (device code).
import type { ModelArray } from './model-decode';
import { inconsistent } from './model-decode';
import { notFinite } from './model-format';

export { notFinite };

var FLOAT32 = 5;

/**
 * Checks count and element kinds of a model's arrays. `layout` has one entry per array:
 * 'f' for Float32Array, 'i' for an integer array; returns the arrays' data. `shapes`, when
 * given, has three numbers per array: rows, row width, and the least value allowed (-Infinity:
 * any); every value must then also be finite, so a tampered file cannot make predict() return
 * NaN or Infinity. (One loop here for every kind: each helper function costs a Puck.js about 7 variables.)
 */
export function expectArrays(kind: string, arrays: ModelArray[], layout: string, shapes?: number[]): any[] {
  if (arrays.length !== layout.length) throw inconsistent(kind + ' needs ' + layout.length + ' arrays, file has ' + arrays.length);
  var out: any[] = [], d, j;
  for (var i = 0; i < layout.length; i++) {
    if ((arrays[i].type === FLOAT32) !== (layout.charAt(i) === 'f')) throw inconsistent(kind + ' array ' + i + ' has the wrong element type');
    d = arrays[i].data;
    if (shapes) {
      if (arrays[i].width !== shapes[3 * i + 1] || d.length !== shapes[3 * i] * shapes[3 * i + 1]) throw inconsistent(kind + ' array ' + i + ' is not ' + shapes[3 * i] + ' x ' + shapes[3 * i + 1]);
      for (j = 0; j < d.length; j++) if (d[j] - d[j] !== 0 || d[j] < shapes[3 * i + 2]) throw inconsistent(kind + ' array ' + i + ' [' + j + '] is ' + d[j]);
    }
    out.push(d);
  }
  return out;
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
