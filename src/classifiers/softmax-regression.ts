// Multinomial logistic (softmax) regression: z_c = bias_c + sum_f W_cf x_f, scores = softmax(z).
// The trainer folds feature standardization into W and bias, so raw features go straight in.
import type { Classifier } from '../core/types';
import type { ModelArray, ModelKind } from './model-decode';
import { expectArrays } from './model-arrays';
import { softmaxFrom } from './scores';

export interface SoftmaxRegression extends Classifier {
  /** nClasses rows of nFeatures. */
  weights: Float32Array;
  /** One per class. */
  bias: Float32Array;
}

function SoftmaxImpl(this: any, labels: string[], weights: Float32Array, bias: Float32Array) {
  this.labels = labels;
  this.weights = weights;
  this.bias = bias;
  this._scores = new Float32Array(labels.length);
  this._z = new Float64Array(labels.length); // log-scores in float64: no overflow before the max is subtracted
}

SoftmaxImpl.prototype.predict = function (x: Float32Array, scores?: Float32Array): number {
  var s: Float32Array = scores || this._scores, z: Float64Array = this._z, nc = this.labels.length, w = this.weights;
  var nf = w.length / nc, c, f, sum;
  for (c = 0; c < nc; c++) {
    sum = this.bias[c];
    for (f = 0; f < nf; f++) sum += w[c * nf + f] * x[f];
    z[c] = sum;
  }
  return softmaxFrom(z, s, nc);
};

export function createSoftmaxRegression(labels: string[], weights: Float32Array, bias: Float32Array): SoftmaxRegression {
  return new (SoftmaxImpl as any)(labels, weights, bias);
}

/** Model file arrays: weights (nClasses x nFeatures), bias (1 x nClasses). */
export var softmaxKind: ModelKind = {
  name: 'softmax',
  build: function (arrays: ModelArray[], labels: string[], nFeatures: number) {
    // Weights: nClasses rows of nFeatures; bias: one row of nClasses.
    var a = expectArrays('softmax', arrays, 'ff', [labels.length, nFeatures, -Infinity, 1, labels.length, -Infinity]);
    return createSoftmaxRegression(labels, a[0], a[1]);
  }
};
