// The training input every trainer takes, and its checks.
import { deviceError, ErrorCodes } from '../../core/errors';

/** Row-major features (n x nFeatures, float32 as on the device) and class ids. */
export interface TrainingSet {
  X: Float32Array;
  y: Int32Array;
  nFeatures: number;
  nClasses: number;
}

export function badTraining(message: string): Error {
  return deviceError(ErrorCodes.BAD_INPUT, 'training: ' + message);
}

/**
 * Training features: row-major n x nFeatures, or one Float32Array per row (the tree trainers
 * copy either straight into their column-major table, so rows need no flat copy first).
 */
export type TrainingRows = Float32Array | Float32Array[];

/** Checks shapes and labels, not that the values are finite; returns the number of rows. */
export function checkShapes(X: TrainingRows, y: Int32Array, nFeatures: number, nClasses: number): number {
  var perRow = Array.isArray(X), i;
  for (i = 0; perRow && i < X.length; i++) if (!((X as Float32Array[])[i] instanceof Float32Array)) perRow = false;
  if (!(X instanceof Float32Array) && !perRow) throw badTraining('X must be a Float32Array (row-major, n x nFeatures) or an array of Float32Array rows');
  if (!(y instanceof Int32Array)) throw badTraining('y must be an Int32Array of class ids');
  if (!(nFeatures >= 1 && nFeatures % 1 === 0)) throw badTraining('nFeatures must be a positive integer, got ' + nFeatures);
  if (!(nClasses >= 1 && nClasses % 1 === 0)) throw badTraining('nClasses must be a positive integer, got ' + nClasses);
  var n = y.length;
  if (n === 0) throw badTraining('no rows');
  if (perRow) {
    if (X.length !== n) throw badTraining('X has ' + X.length + ' rows, y has ' + n + ' labels');
    for (i = 0; i < n; i++) {
      var width = (X as Float32Array[])[i].length;
      if (width !== nFeatures) throw badTraining('row ' + i + ' has ' + width + ' values, expected ' + nFeatures + ' features');
    }
  } else if (X.length !== n * nFeatures) throw badTraining('X has ' + X.length + ' values, expected ' + n + ' rows x ' + nFeatures + ' features');
  for (i = 0; i < n; i++) {
    if (y[i] < 0 || y[i] >= nClasses) throw badTraining('row ' + i + ' has class ' + y[i] + ', outside 0..' + (nClasses - 1));
  }
  return n;
}

/** The error for a value that is not finite. */
export function notFinite(row: number, feature: number): Error {
  return badTraining('row ' + row + ' feature ' + feature + ' is not finite');
}

/** Checks shapes, labels and that every value is finite; returns the number of rows. */
export function checkTrainingSet(X: Float32Array, y: Int32Array, nFeatures: number, nClasses: number): number {
  if (!(X instanceof Float32Array)) throw badTraining('X must be a Float32Array (row-major, n x nFeatures)');
  var n = checkShapes(X, y, nFeatures, nClasses);
  for (var i = 0; i < X.length; i++) {
    if (X[i] - X[i] !== 0) throw notFinite(Math.floor(i / nFeatures), i % nFeatures);
  }
  return n;
}

/** Labels for a model: the given names, or "0", "1", ... */
export function labelNames(nClasses: number, labels?: string[]): string[] {
  if (!labels) {
    var out: string[] = [];
    for (var c = 0; c < nClasses; c++) out.push(String(c));
    return out;
  }
  if (labels.length !== nClasses) throw badTraining(labels.length + ' label names for ' + nClasses + ' classes');
  return labels.slice();
}

/** Rows of X (and y) at the given indices, in that order. */
export function takeRows(X: Float32Array, nFeatures: number, rows: ArrayLike<number>): Float32Array {
  var out = new Float32Array(rows.length * nFeatures);
  for (var i = 0; i < rows.length; i++) out.set(X.subarray(rows[i] * nFeatures, (rows[i] + 1) * nFeatures), i * nFeatures);
  return out;
}

export function takeLabels(y: Int32Array, rows: ArrayLike<number>): Int32Array {
  var out = new Int32Array(rows.length);
  for (var i = 0; i < rows.length; i++) out[i] = y[rows[i]];
  return out;
}
