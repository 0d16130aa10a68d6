// Nearest centroid over standardized features: distance d_c = sum_f w_f (x_f - c_f)^2
// with w_f = 1/variance_f, i.e. Euclidean distance after standardization, folded so the
// device needs no extra pass. Scores: softmax(-d_c / (2 nFeatures)).
import type { Classifier } from '../core/types';
import type { ModelArray, ModelKind } from './model-decode';
import { expectArrays } from './model-arrays';
import { softmaxFrom } from './scores';

export interface NearestCentroid extends Classifier {
  /** nClasses rows of nFeatures: class means in raw feature units. */
  centroids: Float32Array;
  /** Per-feature weight 1/variance (0 for constant features). */
  weights: Float32Array;
}

function NearestCentroidImpl(this: any, labels: string[], centroids: Float32Array, weights: Float32Array) {
  this.labels = labels;
  this.centroids = centroids;
  this.weights = weights;
  this._scores = new Float32Array(labels.length);
  this._z = new Float64Array(labels.length); // log-scores in float64: no overflow before the max is subtracted
}

NearestCentroidImpl.prototype.predict = function (x: Float32Array, scores?: Float32Array): number {
  var s: Float32Array = scores || this._scores, z: Float64Array = this._z, nc = this.labels.length, w = this.weights, m = this.centroids;
  var nf = w.length, c, f, d, diff;
  for (c = 0; c < nc; c++) {
    d = 0;
    for (f = 0; f < nf; f++) {
      diff = x[f] - m[c * nf + f];
      d += w[f] * diff * diff;
    }
    z[c] = -d / (2 * nf);
  }
  return softmaxFrom(z, s, nc);
};

export function createNearestCentroid(labels: string[], centroids: Float32Array, weights: Float32Array): NearestCentroid {
  return new (NearestCentroidImpl as any)(labels, centroids, weights);
}

/** Model file arrays: centroids (nClasses x nFeatures), weights (1 x nFeatures). */
export var nearestCentroidKind: ModelKind = {
  name: 'nearest-centroid',
  build: function (arrays: ModelArray[], labels: string[], nFeatures: number) {
    // Centroids: nClasses rows of nFeatures; weights (1/variance, 0 for a constant feature): one row of nFeatures, >= 0.
    var a = expectArrays('nearest-centroid', arrays, 'ff', [labels.length, nFeatures, -Infinity, 1, nFeatures, 0]);
    return createNearestCentroid(labels, a[0], a[1]);
  }
};
