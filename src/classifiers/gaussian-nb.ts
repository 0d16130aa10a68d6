// Gaussian naive Bayes: log p(c|x) = bias_c - 1/2 sum_f (x_f - mean_cf)^2 * invVar_cf + const,
// with bias_c = log prior_c - 1/2 sum_f log(2 pi var_cf) precomputed by the trainer.
// Scores are the posteriors (softmax of the log-likelihoods).
import type { Classifier } from '../core/types';
import type { ModelArray, ModelKind } from './model-decode';
import { expectArrays, expectMatrix, expectRange } from './model-arrays';
import { softmaxFrom } from './scores';

export interface GaussianNB extends Classifier {
  /** nClasses rows of nFeatures. */
  means: Float32Array;
  /** nClasses rows of nFeatures: 1 / variance. */
  invVars: Float32Array;
  /** Per class: log prior - 1/2 sum log(2 pi variance). */
  bias: Float32Array;
}

function GaussianNBImpl(this: any, labels: string[], means: Float32Array, invVars: Float32Array, bias: Float32Array) {
  this.labels = labels;
  this.means = means;
  this.invVars = invVars;
  this.bias = bias;
  this._scores = new Float32Array(labels.length);
  this._z = new Float64Array(labels.length); // log-scores in float64: no overflow before the max is subtracted
}

GaussianNBImpl.prototype.predict = function (x: Float32Array, scores?: Float32Array): number {
  var s: Float32Array = scores || this._scores, z: Float64Array = this._z, nc = this.labels.length, m = this.means, iv = this.invVars;
  var nf = m.length / nc, c, f, i, ll, diff;
  for (c = 0; c < nc; c++) {
    ll = 0;
    for (f = 0; f < nf; f++) {
      i = c * nf + f;
      diff = x[f] - m[i];
      ll += diff * diff * iv[i];
    }
    z[c] = this.bias[c] - ll / 2;
  }
  return softmaxFrom(z, s, nc);
};

export function createGaussianNB(labels: string[], means: Float32Array, invVars: Float32Array, bias: Float32Array): GaussianNB {
  return new (GaussianNBImpl as any)(labels, means, invVars, bias);
}

/** Model file arrays: means, invVars (nClasses x nFeatures), bias (1 x nClasses). */
export var gaussianNBKind: ModelKind = {
  name: 'gaussian-nb',
  build: function (arrays: ModelArray[], labels: string[], nFeatures: number) {
    var a = expectArrays('gaussian-nb', arrays, 'fff');
    expectMatrix('means', arrays[0], labels.length, nFeatures);
    expectMatrix('inverse variances', arrays[1], labels.length, nFeatures);
    expectMatrix('bias', arrays[2], 1, labels.length);
    expectRange('mean', a[0], -Infinity, Infinity);
    expectRange('inverse variance', a[1], 1e-38, Infinity); // a variance <= 0 has no inverse
    expectRange('bias', a[2], -Infinity, Infinity);
    return createGaussianNB(labels, a[0], a[1], a[2]);
  }
};
