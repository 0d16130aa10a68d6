import { describe, it, expect, beforeAll } from 'vitest';
import { loadSeed20Hz, seedSpec, SeedTable } from '../classifiers/seed-table';
import {
  trainForest, trainDecisionTree, trainExtraTrees, holdOutSplit, takeRows, takeLabels, accuracy, encodeModel
} from '../../src/host/train/index';
import { float32Between } from '../../src/host/train/tree-builder';
import type { ForestArrays } from '../../src/classifiers/forest';

var seed: SeedTable;
var train: { X: Float32Array; y: Int32Array };
var test: { X: Float32Array; y: Int32Array };
var labels = seedSpec().labels;

beforeAll(() => {
  seed = loadSeed20Hz();
  var split = holdOutSplit(seed.y, 0.25, 3);
  train = { X: takeRows(seed.X, seed.nFeatures, split.train), y: takeLabels(seed.y, split.train) };
  test = { X: takeRows(seed.X, seed.nFeatures, split.test), y: takeLabels(seed.y, split.test) };
});

/** Depth of every leaf (root = 0), and rows of X reaching each leaf reference. */
function treeDepths(f: ForestArrays): number[] {
  var depths: number[] = [];
  function walk(n: number, d: number) {
    if (n < 0) { depths.push(d); return; }
    walk(f.left[n], d + 1);
    walk(f.right[n], d + 1);
  }
  for (var t = 0; t < f.roots.length; t++) walk(f.roots[t], 0);
  return depths;
}

describe('trainers on the seed 20 Hz table', () => {
  it('random forest: hold-out accuracy >= 0.9', () => {
    var rf = trainForest(train.X, train.y, seed.nFeatures, 4, { labels: labels, seed: 5 });
    expect(rf.roots.length).toBe(10);
    expect(accuracy(rf, test.X, test.y, seed.nFeatures)).toBeGreaterThanOrEqual(0.9);
  });

  it('extra trees: hold-out accuracy >= 0.9', () => {
    var et = trainExtraTrees(train.X, train.y, seed.nFeatures, 4, { labels: labels, seed: 5 });
    expect(accuracy(et, test.X, test.y, seed.nFeatures)).toBeGreaterThanOrEqual(0.9);
  });

  it('decision tree: fits its training rows as well as possible when unlimited, and generalises >= 0.85', () => {
    var dt = trainDecisionTree(train.X, train.y, seed.nFeatures, 4, { labels: labels });
    expect(dt.roots.length).toBe(1);
    // The seed holds identical windows with different labels: the best possible fit takes each group's majority.
    var groups: { [row: string]: number[] } = {}, nf = seed.nFeatures, best = 0;
    for (var i = 0; i < train.y.length; i++) {
      var key = Array.from(train.X.subarray(i * nf, (i + 1) * nf)).join();
      (groups[key] = groups[key] || [0, 0, 0, 0])[train.y[i]]++;
    }
    for (var k in groups) best += Math.max.apply(null, groups[k]);
    expect(best).toBeLessThan(train.y.length);
    expect(accuracy(dt, train.X, train.y, seed.nFeatures)).toBe(best / train.y.length);
    expect(accuracy(dt, test.X, test.y, seed.nFeatures)).toBeGreaterThanOrEqual(0.85);
  });

  it('the same seed gives the same model file; another seed another model', () => {
    var a = encodeModel(seedSpec(), trainForest(train.X, train.y, seed.nFeatures, 4, { labels: labels, seed: 11, nTrees: 3 })).bytes;
    var b = encodeModel(seedSpec(), trainForest(train.X, train.y, seed.nFeatures, 4, { labels: labels, seed: 11, nTrees: 3 })).bytes;
    var c = encodeModel(seedSpec(), trainForest(train.X, train.y, seed.nFeatures, 4, { labels: labels, seed: 12, nTrees: 3 })).bytes;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('one Float32Array per row trains the same model as the row-major table (every tree kind)', () => {
    var nf = seed.nFeatures, rows: Float32Array[] = [];
    for (var r = 0; r < train.y.length; r++) rows.push(train.X.subarray(r * nf, (r + 1) * nf));
    [trainForest, trainExtraTrees, trainDecisionTree].forEach((trainer) => {
      var flat = encodeModel(seedSpec(), trainer(train.X, train.y, nf, 4, { labels: labels, seed: 5, nTrees: 2, maxDepth: 6 })).bytes;
      var perRow = encodeModel(seedSpec(), trainer(rows, train.y, nf, 4, { labels: labels, seed: 5, nTrees: 2, maxDepth: 6 })).bytes;
      expect(Array.from(perRow)).toEqual(Array.from(flat));
    });
  });

  it('respects maxDepth', () => {
    for (var depth of [0, 1, 3, 8]) {
      var rf = trainForest(train.X, train.y, seed.nFeatures, 4, { maxDepth: depth, nTrees: 4 });
      var d = treeDepths(rf);
      expect(Math.max.apply(null, d)).toBeLessThanOrEqual(depth);
    }
    expect(Math.max.apply(null, treeDepths(trainForest(train.X, train.y, seed.nFeatures, 4, { maxDepth: 3, nTrees: 4 })))).toBe(3);
  });

  it('respects minSamplesLeaf (every leaf of a tree holds that many training rows)', () => {
    var dt = trainDecisionTree(train.X, train.y, seed.nFeatures, 4, { minSamplesLeaf: 25 });
    var perLeaf: { [leaf: string]: number } = {};
    var n = train.y.length, nf = seed.nFeatures;
    // Count rows per leaf *position* (the path), not per shared leaf row.
    for (var i = 0; i < n; i++) {
      var node = dt.roots[0], path = '';
      while (node >= 0) {
        var goLeft = train.X[i * nf + dt.feature[node]] <= dt.threshold[node];
        path += goLeft ? 'L' : 'R';
        node = goLeft ? dt.left[node] : dt.right[node];
      }
      perLeaf[path] = (perLeaf[path] || 0) + 1;
    }
    var counts = Object.keys(perLeaf).map(function (k) { return perLeaf[k]; });
    expect(counts.length).toBeGreaterThan(3);
    expect(Math.min.apply(null, counts)).toBeGreaterThanOrEqual(25);
  });

  it('maxFeatures 1 grows different trees than all features', () => {
    var one = trainDecisionTree(train.X, train.y, seed.nFeatures, 4, { maxFeatures: 1, maxDepth: 3, seed: 2 });
    var all = trainDecisionTree(train.X, train.y, seed.nFeatures, 4, { maxDepth: 3 });
    expect(Array.from(one.feature)).not.toEqual(Array.from(all.feature));
  });

  it('leaves are class distributions summing to 1, shared when identical', () => {
    var rf = trainForest(train.X, train.y, seed.nFeatures, 4, { nTrees: 5 });
    var rows = rf.leaves.length / 4, keys: { [k: string]: boolean } = {};
    for (var r = 0; r < rows; r++) {
      var row = Array.from(rf.leaves.subarray(r * 4, r * 4 + 4));
      expect(row.reduce(function (a, b) { return a + b; }, 0)).toBeCloseTo(1, 5);
      expect(keys[row.join()]).toBeUndefined();
      keys[row.join()] = true;
    }
    expect(treeDepths(rf).length).toBeGreaterThan(rows);
  });

  it('extra trees: every threshold lies in its node\'s range of that feature (lowest row left, highest right)', () => {
    var et = trainExtraTrees(train.X, train.y, seed.nFeatures, 4, { seed: 3, nTrees: 3 });
    var nf = seed.nFeatures, checked = 0;
    function walk(node: number, rows: number[]) {
      if (node < 0) return;
      var f = et.feature[node], t = et.threshold[node], lo = Infinity, hi = -Infinity, left: number[] = [], right: number[] = [];
      for (var r of rows) {
        var v = train.X[r * nf + f];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        (v <= t ? left : right).push(r);
      }
      expect(t >= lo && t < hi).toBe(true);
      checked++;
      walk(et.left[node], left);
      walk(et.right[node], right);
    }
    var all = Array.from({ length: train.y.length }, function (_, i) { return i; });
    for (var k = 0; k < et.roots.length; k++) walk(et.roots[k], all);
    expect(checked).toBeGreaterThan(30);
  });
});

describe('trainers: thresholds and input checks', () => {
  it('float32Between puts a float32 threshold t with a <= t < b, even for neighbouring floats', () => {
    var f = new Float32Array([0.1, 0]), bits = new Int32Array(f.buffer);
    bits[1] = bits[0] + 1;
    var a = f[0], b = f[1];
    var t = float32Between(a, b);
    expect(t).toBe(a);
    expect(float32Between(1, 2)).toBe(1.5);
    var t2 = float32Between(-3.25, -3);
    expect(t2 >= -3.25 && t2 < -3).toBe(true);
    expect(new Float32Array([t2])[0]).toBe(t2);
  });

  it('splits two rows that differ by one float32 step', () => {
    var f = new Float32Array([0.1, 0]), bits = new Int32Array(f.buffer);
    bits[1] = bits[0] + 1;
    var X = new Float32Array([f[0], f[1]]), y = new Int32Array([0, 1]);
    var dt = trainDecisionTree(X, y, 1, 2);
    expect(dt.predict(X.subarray(0, 1))).toBe(0);
    expect(dt.predict(X.subarray(1, 2))).toBe(1);
  });

  it('rejects bad input with a clear message', () => {
    var X = new Float32Array(6), y = new Int32Array([0, 1, 1]);
    expect(() => trainForest(X, y, 4, 2)).toThrow(/X has 6 values, expected 3 rows x 4 features/);
    expect(() => trainForest(X, new Int32Array([0, 1, 2]), 2, 2)).toThrow(/row 2 has class 2, outside 0..1/);
    expect(() => trainForest(new Float32Array([0, NaN, 0, 0, 0, 0]), y, 2, 2)).toThrow(/row 0 feature 1 is not finite/);
    expect(() => trainForest(X, y, 2, 2, { nTrees: 0 })).toThrow(/nTrees/);
    expect(() => trainForest(X, y, 2, 2, { labels: ['a'] })).toThrow(/1 label names for 2 classes/);
    expect(() => trainForest([1, 2] as any, y, 2, 2)).toThrow(/Float32Array/);
    var rows = [new Float32Array([0, 1]), new Float32Array([1, 0]), new Float32Array([1, 1])];
    expect(() => trainForest(rows.slice(0, 2), y, 2, 2)).toThrow(/X has 2 rows, y has 3 labels/);
    expect(() => trainForest([rows[0], new Float32Array(3), rows[2]], y, 2, 2)).toThrow(/row 1 has 3 values, expected 2 features/);
    expect(() => trainExtraTrees([rows[0], rows[1], new Float32Array([1, Infinity])], y, 2, 2)).toThrow(/row 2 feature 1 is not finite/);
    expect(() => trainExtraTrees(new Float32Array([0, 0, 0, 0, -Infinity, 0]), y, 2, 2)).toThrow(/row 2 feature 0 is not finite/);
  });
});
