// Tree-ensemble runtime shared by decision trees, random forests and extra trees.
// Layout follows emlearn's eml_trees: a few flat typed arrays and one short loop.
import type { Classifier } from '../core/types';
import { inputError } from '../core/errors';
import { argmax } from './scores';

/** Any typed array of integers (the model file stores Int16 or Int32 children). */
export type IndexArray = Int16Array | Uint16Array | Int32Array | Uint8Array;

/**
 * The arrays of a forest. Node i splits on `feature[i]`: go to `left[i]` when
 * `x[feature[i]] <= threshold[i]`, else to `right[i]` (so NaN goes right).
 * A child (or root) c >= 0 is a node; c < 0 is leaf row -c-1 of `leaves`, a class
 * distribution of `nClasses` floats. Leaf rows may be shared by many leaves.
 * Children are always greater than their parent, so a walk always ends.
 */
export interface ForestArrays {
  feature: IndexArray;
  threshold: Float32Array;
  left: IndexArray;
  right: IndexArray;
  roots: IndexArray;
  leaves: Float32Array;
}

/** A decision tree, random forest or extra-trees model: the same runtime for all. */
export interface Forest extends Classifier, ForestArrays {
  nClasses: number;
}

function ForestImpl(this: any, labels: string[], a: ForestArrays) {
  this.labels = labels;
  this.nClasses = labels.length;
  this.feature = a.feature;
  this.threshold = a.threshold;
  this.left = a.left;
  this.right = a.right;
  this.roots = a.roots;
  this.leaves = a.leaves;
  this._scores = new Float32Array(labels.length);
}

/** Averages the leaf distributions over trees (scikit-learn predict_proba); ties -> lowest label. */
ForestImpl.prototype.predict = function (x: Float32Array, scores?: Float32Array): number {
  var s: Float32Array = scores || this._scores;
  var nc = this.nClasses, roots = this.roots, feature = this.feature, threshold = this.threshold;
  var left = this.left, right = this.right, leaves = this.leaves;
  var t, c, n, row;
  s.fill(0);
  for (t = 0; t < roots.length; t++) {
    n = roots[t];
    while (n >= 0) n = x[feature[n]] <= threshold[n] ? left[n] : right[n];
    row = (-n - 1) * nc;
    for (c = 0; c < nc; c++) s[c] += leaves[row + c];
  }
  for (c = 0; c < nc; c++) s[c] /= roots.length;
  return argmax(s, nc);
};

/** Wraps forest arrays (views, not copies) as a Classifier. Structure checks: checkForest. */
export function createForest(labels: string[], arrays: ForestArrays): Forest {
  if (!labels || !labels.length) throw inputError('forest needs at least one label');
  return new (ForestImpl as any)(labels, arrays);
}
