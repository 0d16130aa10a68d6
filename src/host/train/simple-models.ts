// Trainers for the small non-tree models: nearest centroid, Gaussian naive Bayes,
// softmax regression. Each returns the device runtime's own object.
import { createNearestCentroid, NearestCentroid } from '../../classifiers/nearest-centroid';
import { createGaussianNB, GaussianNB } from '../../classifiers/gaussian-nb';
import { createSoftmaxRegression, SoftmaxRegression } from '../../classifiers/softmax-regression';
import { checkTrainingSet, labelNames, badTraining } from './dataset';

export interface ModelOptions {
  labels?: string[];
}

/** Per-class means (nClasses x nFeatures), class counts, and overall mean/variance per feature. */
function moments(X: Float32Array, y: Int32Array, nf: number, nc: number) {
  var n = y.length, i, f, c;
  var counts = new Float64Array(nc), classMean = new Float64Array(nc * nf), mean = new Float64Array(nf), variance = new Float64Array(nf);
  for (i = 0; i < n; i++) {
    counts[y[i]]++;
    for (f = 0; f < nf; f++) { classMean[y[i] * nf + f] += X[i * nf + f]; mean[f] += X[i * nf + f]; }
  }
  for (c = 0; c < nc; c++) {
    if (!counts[c]) throw badTraining('class ' + c + ' has no training rows');
    for (f = 0; f < nf; f++) classMean[c * nf + f] /= counts[c];
  }
  for (f = 0; f < nf; f++) mean[f] /= n;
  for (i = 0; i < n; i++) for (f = 0; f < nf; f++) { var d = X[i * nf + f] - mean[f]; variance[f] += d * d; }
  for (f = 0; f < nf; f++) variance[f] /= n;
  return { counts: counts, classMean: classMean, mean: mean, variance: variance };
}

/** Nearest centroid in standardized units (each feature divided by its overall std). */
export function trainNearestCentroid(X: Float32Array, y: Int32Array, nFeatures: number, nClasses: number, options?: ModelOptions): NearestCentroid {
  checkTrainingSet(X, y, nFeatures, nClasses);
  var m = moments(X, y, nFeatures, nClasses), weights = new Float32Array(nFeatures);
  for (var f = 0; f < nFeatures; f++) weights[f] = m.variance[f] > 0 ? 1 / m.variance[f] : 0;
  return createNearestCentroid(labelNames(nClasses, (options || {}).labels), new Float32Array(m.classMean), weights);
}

export interface GaussianNBOptions extends ModelOptions {
  /** Added to every variance, as a fraction of the largest feature variance (scikit-learn: 1e-9). */
  varSmoothing?: number;
}

/** Gaussian naive Bayes with class priors from the training frequencies. */
export function trainGaussianNB(X: Float32Array, y: Int32Array, nFeatures: number, nClasses: number, options?: GaussianNBOptions): GaussianNB {
  var n = checkTrainingSet(X, y, nFeatures, nClasses), o = options || {};
  var m = moments(X, y, nFeatures, nClasses), nf = nFeatures, i, f, c;
  var maxVar = 0;
  for (f = 0; f < nf; f++) maxVar = Math.max(maxVar, m.variance[f]);
  var eps = (o.varSmoothing === undefined ? 1e-9 : o.varSmoothing) * maxVar || 1e-12;
  var v = new Float64Array(nClasses * nf);
  for (i = 0; i < n; i++) {
    for (f = 0; f < nf; f++) { var d = X[i * nf + f] - m.classMean[y[i] * nf + f]; v[y[i] * nf + f] += d * d; }
  }
  var invVars = new Float32Array(nClasses * nf), bias = new Float32Array(nClasses);
  for (c = 0; c < nClasses; c++) {
    var b = Math.log(m.counts[c] / n);
    for (f = 0; f < nf; f++) {
      var variance = v[c * nf + f] / m.counts[c] + eps;
      invVars[c * nf + f] = 1 / variance;
      b -= 0.5 * Math.log(2 * Math.PI * variance);
    }
    bias[c] = b;
  }
  return createGaussianNB(labelNames(nClasses, o.labels), new Float32Array(m.classMean), invVars, bias);
}

export interface SoftmaxOptions extends ModelOptions {
  /** Full-batch gradient steps. Default 300. */
  epochs?: number;
  /** Step size on standardized features. Default 0.5. */
  learningRate?: number;
  /** L2 penalty on the weights. Default 1e-3. */
  l2?: number;
}

/**
 * Softmax (multinomial logistic) regression by full-batch gradient descent with momentum on
 * standardized features; the standardization is folded into the weights it returns.
 * Deterministic: no random initialisation.
 */
export function trainSoftmaxRegression(X: Float32Array, y: Int32Array, nFeatures: number, nClasses: number, options?: SoftmaxOptions): SoftmaxRegression {
  var n = checkTrainingSet(X, y, nFeatures, nClasses), o = options || {}, nf = nFeatures, nc = nClasses;
  var epochs = o.epochs === undefined ? 300 : o.epochs, lr = o.learningRate === undefined ? 0.5 : o.learningRate;
  var l2 = o.l2 === undefined ? 1e-3 : o.l2, i, f, c, e;
  var m = moments(X, y, nf, nc), scale = new Float64Array(nf);
  for (f = 0; f < nf; f++) scale[f] = m.variance[f] > 0 ? 1 / Math.sqrt(m.variance[f]) : 0;
  var Z = new Float64Array(n * nf);
  for (i = 0; i < n; i++) for (f = 0; f < nf; f++) Z[i * nf + f] = (X[i * nf + f] - m.mean[f]) * scale[f];
  var W = new Float64Array(nc * nf), b = new Float64Array(nc), gW = new Float64Array(nc * nf), gb = new Float64Array(nc);
  var vW = new Float64Array(nc * nf), vb = new Float64Array(nc), p = new Float64Array(nc);
  for (e = 0; e < epochs; e++) {
    gW.fill(0);
    gb.fill(0);
    for (i = 0; i < n; i++) {
      var max = -Infinity, sum = 0;
      for (c = 0; c < nc; c++) {
        var z = b[c];
        for (f = 0; f < nf; f++) z += W[c * nf + f] * Z[i * nf + f];
        p[c] = z;
        if (z > max) max = z;
      }
      for (c = 0; c < nc; c++) sum += (p[c] = Math.exp(p[c] - max));
      for (c = 0; c < nc; c++) {
        var g = p[c] / sum - (y[i] === c ? 1 : 0);
        gb[c] += g;
        for (f = 0; f < nf; f++) gW[c * nf + f] += g * Z[i * nf + f];
      }
    }
    for (c = 0; c < nc; c++) {
      vb[c] = 0.9 * vb[c] - lr * gb[c] / n;
      b[c] += vb[c];
      for (f = 0; f < nf; f++) {
        var k = c * nf + f;
        vW[k] = 0.9 * vW[k] - lr * (gW[k] / n + l2 * W[k]);
        W[k] += vW[k];
      }
    }
  }
  // Fold standardization: W (x - mean) * scale + b = (W * scale) x + (b - sum W * scale * mean).
  var weights = new Float32Array(nc * nf), bias = new Float32Array(nc);
  for (c = 0; c < nc; c++) {
    var bc = b[c];
    for (f = 0; f < nf; f++) {
      weights[c * nf + f] = W[c * nf + f] * scale[f];
      bc -= W[c * nf + f] * scale[f] * m.mean[f];
    }
    bias[c] = bc;
  }
  return createSoftmaxRegression(labelNames(nc, o.labels), weights, bias);
}
