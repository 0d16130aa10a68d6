// The same seed and rows give the same trees, release after release: a model retrained from
// the same recordings must not change under a user who pinned it. The fingerprints were
// taken with the trainer before the extra-trees speed work (issue 11); a change to any
// trainer that changes its trees must change them here on purpose.
import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { loadSeed20Hz, SeedTable } from '../classifiers/seed-table';
import { trainForest, trainDecisionTree, trainExtraTrees, holdOutSplit, takeRows, takeLabels } from '../../src/host/train/index';
import type { Forest } from '../../src/classifiers/forest';

var seed: SeedTable;
var train: { X: Float32Array; y: Int32Array };

beforeAll(() => {
  seed = loadSeed20Hz();
  var split = holdOutSplit(seed.y, 0.25, 3);
  train = { X: takeRows(seed.X, seed.nFeatures, split.train), y: takeLabels(seed.y, split.train) };
});

function fingerprint(f: Forest): string {
  var h = createHash('sha256');
  // Feature indices hashed as u16 whatever their array (the trainers store them in one byte up to 256 features since Dec 2 2026).
  [new Uint16Array(f.feature), f.threshold, f.left, f.right, f.roots, f.leaves].forEach(function (a) { h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)); });
  return h.digest('hex').slice(0, 16);
}

var CASES: [string, (s: number) => Forest, string[]][] = [
  ['random forest, 10 trees, depth 8', (s) => trainForest(train.X, train.y, seed.nFeatures, 4, { seed: s }), ['ddf7f8c0d5841f0c', 'dc863e8d211391cd', '19d5bb00837e64a2']],
  ['decision tree, unlimited depth', (s) => trainDecisionTree(train.X, train.y, seed.nFeatures, 4, { seed: s }), ['cbee219564557180', '871c298e7fbaa3f2', 'd064516319457cc4']],
  ['extra trees, 10 trees, depth 8', (s) => trainExtraTrees(train.X, train.y, seed.nFeatures, 4, { seed: s }), ['abdaef5712c8231f', '32d731501e06e156', 'bacbe1fa8ec5d434']],
  ['extra trees, bootstrap, leaf 2', (s) => trainExtraTrees(train.X, train.y, seed.nFeatures, 4, { seed: s, bootstrap: true, minSamplesLeaf: 2 }), ['7ee446a03a848831', '8d5bf5ed5c85d1aa', 'be4e2749ec92417b']],
];

describe('trainers are reproducible across versions (seed 20 Hz table, seeds 1-3)', () => {
  CASES.forEach(function (c) {
    it(c[0] + ': the same trees as before', () => {
      var forests = [1, 2, 3].map((s) => c[1](s));
      expect(forests.map(fingerprint)).toEqual(c[2]);
      forests.forEach((f) => expect(f.feature).toBeInstanceOf(Uint8Array)); // 126 features: one byte per node
    });
  });
});
