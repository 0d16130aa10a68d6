// What a model costs on a device: model file bytes and forest inference work; plus
// prediction helpers for evaluation on the host (the same runtime as the device).
import type { Classifier, FeatureSpec } from '../../core/types';
import type { ForestArrays } from '../../classifiers/forest';
import { encodeModel } from '../../classifiers/model-encode';

/** Bytes of the model file for this model and spec (what goes into Storage). */
export function modelSizeBytes(spec: FeatureSpec, model: Classifier): number {
  return encodeModel(spec, model).byteLength;
}

/**
 * Mean split nodes compared per prediction, summed over all trees, on the given rows
 * (row-major n x nFeatures). The device's inference time grows with this number.
 */
export function meanNodesVisited(forest: ForestArrays, X: Float32Array, nFeatures: number): number {
  var n = X.length / nFeatures, visited = 0;
  for (var i = 0; i < n; i++) {
    var x = X.subarray(i * nFeatures, (i + 1) * nFeatures);
    for (var t = 0; t < forest.roots.length; t++) {
      var node = forest.roots[t];
      while (node >= 0) {
        visited++;
        node = x[forest.feature[node]] <= forest.threshold[node] ? forest.left[node] : forest.right[node];
      }
    }
  }
  return n ? visited / n : 0;
}

/** Number of split nodes and of distinct leaf rows of a forest. */
export function forestShape(forest: ForestArrays, nClasses: number) {
  return { trees: forest.roots.length, nodes: forest.feature.length, leafRows: forest.leaves.length / nClasses };
}

/** Predicted class of every row. */
export function predictAll(model: Classifier, X: Float32Array, nFeatures: number): Int32Array {
  var n = X.length / nFeatures, out = new Int32Array(n);
  for (var i = 0; i < n; i++) out[i] = model.predict(X.subarray(i * nFeatures, (i + 1) * nFeatures));
  return out;
}

/** Fraction of rows predicted right. */
export function accuracy(model: Classifier, X: Float32Array, y: Int32Array, nFeatures: number): number {
  var pred = predictAll(model, X, nFeatures), right = 0;
  for (var i = 0; i < y.length; i++) if (pred[i] === y[i]) right++;
  return y.length ? right / y.length : 0;
}
