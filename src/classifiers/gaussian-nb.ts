// Gaussian naive Bayes: log p(c|x) = bias_c - 1/2 sum_f (x_f - mean_cf)^2 * invVar_cf + const,
// with bias_c = log prior_c - 1/2 sum_f log(2 pi var_cf) precomputed by the trainer.
// Scores are the posteriors (softmax of the log-likelihoods).
// The Puck.js default model: every function here costs that board variables for as long as
// the module is loaded (about 7 a helper), so the softmax is inline.
import type { Classifier } from '../core/types';
import type { ModelArray, ModelKind } from './model-decode';
import { expectArrays } from './model-arrays';

export interface GaussianNB extends Classifier {
  /** nClasses rows of nFeatures. */
  means: Float32Array;
  /** nClasses rows of nFeatures: 1 / variance. */
  invVars: Float32Array;
  /** Per class: log prior - 1/2 sum log(2 pi variance). */
  bias: Float32Array;
}

/** `a`: means, invVars, bias. */
function GaussianNBImpl(this: any, labels: string[], a: Float32Array[]) {
  this.labels = labels;
  this.means = a[0];
  this.invVars = a[1];
  this.bias = a[2];
  this._z = new Float64Array(labels.length); // log-scores in float64: no overflow before the max is subtracted
}

GaussianNBImpl.prototype.predict = function (x: Float32Array, scores?: Float32Array): number {
  var nc = this.labels.length, m = this.means, iv = this.invVars, z: Float64Array = this._z;
  // The pipeline passes its own scores: a model's own array is made only for a call without one.
  var s: Float32Array = scores || this._scores || (this._scores = new Float32Array(nc));
  var nf = m.length / nc, c, f, i, ll, diff, best = 0;
  for (c = 0; c < nc; c++) {
    ll = 0;
    for (f = 0; f < nf; f++) {
      i = c * nf + f;
      diff = x[f] - m[i];
      ll += diff * diff * iv[i];
    }
    z[c] = this.bias[c] - ll / 2;
    if (z[c] > z[best]) best = c; // ties -> lowest label
  }
  // Softmax from the max (scores.ts softmaxFrom, inline): exp of each difference, then divide by their sum.
  for (ll = 0, diff = z[best], c = 0; c < nc; c++) ll += (z[c] = Math.exp(z[c] - diff));
  for (c = 0; c < nc; c++) s[c] = z[c] / ll;
  return best;
};

export function createGaussianNB(labels: string[], means: Float32Array, invVars: Float32Array, bias: Float32Array): GaussianNB {
  return new (GaussianNBImpl as any)(labels, [means, invVars, bias]);
}

/** Model file arrays: means, invVars (nClasses x nFeatures), bias (1 x nClasses). */
export var gaussianNBKind: ModelKind = {
  name: 'gaussian-nb',
  build: function (arrays: ModelArray[], labels: string[], nFeatures: number) {
    var nc = labels.length;
    // Means and inverse variances: nc rows of nFeatures, an inverse variance > 0 (a variance <= 0 has none); bias: one row of nc.
    var a = expectArrays('gaussian-nb', arrays, 'fff', [nc, nFeatures, -Infinity, nc, nFeatures, 1e-38, 1, nc, -Infinity]);
    return new (GaussianNBImpl as any)(labels, a);
  }
};
