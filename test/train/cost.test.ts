import { describe, it, expect } from 'vitest';
import { createForest } from '../../src/classifiers/forest';
import { meanNodesVisited, modelSizeBytes, forestShape, encodeModel, trainForest } from '../../src/host/train/index';
import { loadSeed20Hz, seedSpec } from '../classifiers/seed-table';

describe('cost helpers', () => {
  // Tree 1: root splits x0 <= 0; its right child splits x1 <= 0. Tree 2: a single leaf.
  var f = createForest(['a', 'b'], {
    feature: new Uint16Array([0, 1]), threshold: new Float32Array([0, 0]),
    left: new Int16Array([-1, -1]), right: new Int16Array([1, -2]),
    roots: new Int16Array([0, -2]), leaves: new Float32Array([1, 0, 0, 1])
  });

  it('counts split nodes compared per prediction, summed over trees', () => {
    expect(meanNodesVisited(f, new Float32Array([-1, 0]), 2)).toBe(1);
    expect(meanNodesVisited(f, new Float32Array([1, 0]), 2)).toBe(2);
    expect(meanNodesVisited(f, new Float32Array([-1, 0, 1, 0]), 2)).toBe(1.5);
  });

  it('reports the shape of a forest', () => {
    expect(forestShape(f, 2)).toEqual({ trees: 2, nodes: 2, leafRows: 2 });
  });

  it('model size is the length of the encoded file and grows with the forest', () => {
    var seed = loadSeed20Hz();
    var small = trainForest(seed.X, seed.y, seed.nFeatures, 4, { nTrees: 2, maxDepth: 3, labels: seedSpec().labels });
    var big = trainForest(seed.X, seed.y, seed.nFeatures, 4, { nTrees: 10, maxDepth: 8, labels: seedSpec().labels });
    expect(modelSizeBytes(seedSpec(), small)).toBe(encodeModel(seedSpec(), small).bytes.length);
    expect(modelSizeBytes(seedSpec(), big)).toBeGreaterThan(modelSizeBytes(seedSpec(), small));
    expect(meanNodesVisited(big, seed.X, seed.nFeatures)).toBeLessThanOrEqual(10 * 8);
  });
});
