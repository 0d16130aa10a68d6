// Tree-ensemble runtime shared by decision trees, random forests and extra trees.
// Layout follows emlearn's eml_trees: a few flat typed arrays and one short loop.
import type { Classifier } from '../core/types';
import { inputError } from '../core/errors';
import { weightedSum } from './scores';

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
  // Espruino finds a property by walking the object's list in insertion order: predict's first.
  this.feature = a.feature;
  this.threshold = a.threshold;
  this.left = a.left;
  this.right = a.right;
  // How many trees ended in each leaf row, kept at the row's first value so that a class's
  // score is one weighted sum over `leaves` (native on Espruino): no per-tree class loop.
  this._hits = new (a.roots.length < 256 ? Uint8Array : Uint16Array)(a.leaves.length);
  this.nClasses = labels.length;
  this.roots = a.roots;
  this.leaves = a.leaves;
  this.labels = labels;
}

/** The class sums: native E.convolve on Espruino, read once here rather than kept per model (2 variables each). */
var classSum = typeof E !== 'undefined' && E && E.convolve ? E.convolve : weightedSum;

/**
 * Averages the leaf distributions over trees (scikit-learn predict_proba); ties -> lowest label.
 * Each class's sum is taken in double and divided once, then stored as float32.
 * Espruino looks locals up by name in declaration order: the walk's come first.
 */
ForestImpl.prototype.predict = function (x: Float32Array, scores?: Float32Array): number {
  var n, feature = this.feature, threshold = this.threshold, left = this.left, right = this.right, t, hits = this._hits;
  // The pipeline passes its own scores: a model's own array is made only for a call without one (5 variables).
  var nc = this.nClasses, roots = this.roots, nt = roots.length, s: Float32Array = scores || this._scores || (this._scores = new Float32Array(nc)), leaves = this.leaves, sum = classSum;
  hits.fill(0);
  t = nt;
  while (t--) {
    // The step is the loop's condition: one expression per node, not a test and a statement
    // (Espruino parses each one; measured 7-11% less time for the default models).
    if ((n = roots[t]) >= 0) while ((n = x[feature[n]] <= threshold[n] ? left[n] : right[n]) >= 0);
    hits[~n * nc]++;
  }
  for (t = 0; t < nc; t++) s[t] = sum(hits, leaves, t) / nt;
  // argmax inlined (a call costs more than the loop); ties -> lowest label.
  for (t = 1, n = 0; t < nc; t++) if (s[t] > s[n]) n = t;
  return n;
};

/** Wraps forest arrays (views, not copies) as a Classifier. Structure checks: checkForest. */
export function createForest(labels: string[], arrays: ForestArrays): Forest {
  if (!labels || !labels.length) throw inputError('forest needs at least one label');
  return new (ForestImpl as any)(labels, arrays);
}
