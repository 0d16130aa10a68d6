import { describe, it, expect, beforeAll } from 'vitest';
import { loadSeed20Hz, seedSpec, SeedTable } from '../classifiers/seed-table';
import {
  trainNearestCentroid, trainGaussianNB, trainSoftmaxRegression, holdOutSplit, takeRows, takeLabels, accuracy
} from '../../src/host/train/index';

var seed: SeedTable, tr: any, te: any, labels = seedSpec().labels;

beforeAll(() => {
  seed = loadSeed20Hz();
  var s = holdOutSplit(seed.y, 0.25, 3);
  tr = { X: takeRows(seed.X, seed.nFeatures, s.train), y: takeLabels(seed.y, s.train) };
  te = { X: takeRows(seed.X, seed.nFeatures, s.test), y: takeLabels(seed.y, s.test) };
});

describe('non-tree models on the seed 20 Hz table', () => {
  it('nearest centroid: hold-out accuracy >= 0.8, scores are probabilities', () => {
    var m = trainNearestCentroid(tr.X, tr.y, seed.nFeatures, 4, { labels: labels });
    expect(accuracy(m, te.X, te.y, seed.nFeatures)).toBeGreaterThanOrEqual(0.8);
    var s = new Float32Array(4), k = m.predict(te.X.subarray(0, seed.nFeatures), s);
    expect(s[0] + s[1] + s[2] + s[3]).toBeCloseTo(1, 5);
    expect(s[k]).toBe(Math.max.apply(null, Array.from(s)));
  });

  it('Gaussian naive Bayes: hold-out accuracy >= 0.85', () => {
    var m = trainGaussianNB(tr.X, tr.y, seed.nFeatures, 4, { labels: labels });
    expect(accuracy(m, te.X, te.y, seed.nFeatures)).toBeGreaterThanOrEqual(0.85);
  });

  it('softmax regression: hold-out accuracy >= 0.9', () => {
    var m = trainSoftmaxRegression(tr.X, tr.y, seed.nFeatures, 4, { labels: labels });
    expect(accuracy(m, te.X, te.y, seed.nFeatures)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('non-tree models on data with a known answer', () => {
  // Two classes at x = -2 and x = +2 (feature 0); feature 1 is constant noise-free.
  var X = new Float32Array([-2.1, 5, -1.9, 5, -2, 5, 2.1, 5, 1.9, 5, 2, 5]);
  var y = new Int32Array([0, 0, 0, 1, 1, 1]);

  it('nearest centroid stores class means and ignores a constant feature', () => {
    var m = trainNearestCentroid(X, y, 2, 2);
    expect(Array.from(m.centroids)).toEqual([-2, 5, 2, 5]);
    expect(m.weights[1]).toBe(0);
    expect(m.predict(new Float32Array([-0.5, 100]))).toBe(0);
    expect(m.predict(new Float32Array([0.5, -100]))).toBe(1);
  });

  it('naive Bayes gives equal posteriors half-way and a confident one at a class mean', () => {
    var m = trainGaussianNB(X, y, 2, 2), s = new Float32Array(2);
    m.predict(new Float32Array([0, 5]), s);
    expect(s[0]).toBeCloseTo(0.5, 5);
    expect(m.predict(new Float32Array([2, 5]), s)).toBe(1);
    expect(s[1]).toBeGreaterThan(0.99);
  });

  it('softmax regression separates the classes', () => {
    var m = trainSoftmaxRegression(X, y, 2, 2);
    expect(m.predict(new Float32Array([-1, 5]))).toBe(0);
    expect(m.predict(new Float32Array([1, 5]))).toBe(1);
  });

  it('a class without rows is a clear error', () => {
    expect(() => trainGaussianNB(X, y, 2, 3)).toThrow(/class 2 has no training rows/);
  });
});

describe('trainModel by name', () => {
  it('trains every named model kind, each loadable as a model file', async () => {
    var { trainModel, TRAINERS, encodeModel } = await import('../../src/host/train/index');
    var { loadModel } = await import('../../src/classifiers/load-model');
    var kinds: string[] = [];
    for (var name of Object.keys(TRAINERS)) {
      var m = trainModel(name, tr.X, tr.y, seed.nFeatures, 4, { labels: labels, nTrees: 2, epochs: 5 });
      kinds.push(loadModel(encodeModel(seedSpec(), m).bytes).kind);
    }
    expect(kinds).toEqual(['forest', 'forest', 'forest', 'nearest-centroid', 'gaussian-nb', 'softmax']);
  });

  it('names the known models when the name is unknown', async () => {
    var { trainModel } = await import('../../src/host/train/index');
    expect(() => trainModel('svm', tr.X, tr.y, seed.nFeatures, 4)).toThrow(/unknown model "svm" \(known: random-forest, decision-tree/);
  });
});
