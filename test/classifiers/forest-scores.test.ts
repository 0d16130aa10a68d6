// The forest's class sums: one weighted sum per class over the leaf rows (E.convolve on
// Espruino) instead of a float32 running sum per tree. Scores may differ from the running
// sum in the last float32 bit; the labels must not, on every seed window.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { loadSeed20Hz, SEED_20HZ, seedSpec } from './seed-table';
import { trainForest, trainExtraTrees } from '../../src/host/train/index';
import { createForest, Forest } from '../../src/classifiers/forest';
import { weightedSum } from '../../src/classifiers/scores';
import { createE } from '../../src/testing/fakes/espruino-e';

/** The previous accumulation: a float32 running sum over trees, then divided in float32. */
function runningSumPredict(f: Forest, x: Float32Array, s: Float32Array): number {
  var nc = f.nClasses, t, c, n, row;
  s.fill(0);
  for (t = 0; t < f.roots.length; t++) {
    n = f.roots[t];
    while (n >= 0) n = x[f.feature[n]] <= f.threshold[n] ? f.left[n] : f.right[n];
    row = (-n - 1) * nc;
    for (c = 0; c < nc; c++) s[c] += f.leaves[row + c];
  }
  for (c = 0; c < nc; c++) s[c] /= f.roots.length;
  var best = 0;
  for (c = 1; c < nc; c++) if (s[c] > s[best]) best = c;
  return best;
}

describe('forest scores: weighted sums over leaf rows', () => {
  it('weightedSum is the firmware E.convolve sum, bit for bit, with and without E', () => {
    var E = createE({ Uint8Array: Uint8Array } as any);
    var hits = new Uint8Array([2, 0, 0, 0, 1, 0, 3, 0, 0]);
    var values = new Float32Array([0.1, 0.7, 0.2, 0.3, 0.3, 0.4, 1 / 3, 0.5, 1 / 6]);
    for (var off = 0; off < 3; off++) {
      var expected = 0;
      for (var i = 0; i < hits.length; i++) if (hits[i]) expected += hits[i] * values[i + off];
      expect(weightedSum(hits, values, off)).toBe(expected);
      expect(E.convolve(hits, values, off)).toBe(expected);
    }
    // The firmware wraps arr2: offset 2 over 3 values reads 2, 0, 1.
    expect(E.convolve(new Uint8Array([1, 10, 100]), new Float32Array([1, 2, 3]), 2)).toBe(3 + 10 + 200);
  });

  it.skipIf(!fs.existsSync(SEED_20HZ))('gives the running sum\'s label on every seed window, scores within 2 float32 steps', () => {
    var seed = loadSeed20Hz(), labels = seedSpec().labels, nf = seed.nFeatures;
    var forests = [
      trainForest(seed.X, seed.y, nf, 4, { nTrees: 10, maxDepth: 8, seed: 1, labels: labels }),
      trainForest(seed.X, seed.y, nf, 4, { nTrees: 10, maxDepth: Infinity, seed: 3, labels: labels }),
      trainExtraTrees(seed.X, seed.y, nf, 4, { nTrees: 10, maxDepth: 8, seed: 1, labels: labels })
    ];
    var a = new Float32Array(4), b = new Float32Array(4), labelDiffs = 0, worstSteps = 0, windows = 0;
    for (var k = 0; k < forests.length; k++) {
      var f = createForest(labels, forests[k] as Forest);
      for (var i = 0; i < seed.y.length; i++) {
        var x = seed.X.subarray(i * nf, (i + 1) * nf);
        if (f.predict(x, a) !== runningSumPredict(f, x, b)) labelDiffs++;
        for (var c = 0; c < 4; c++) {
          var ulp = Math.max(Math.abs(b[c]), 1e-30) * Math.pow(2, -23);
          worstSteps = Math.max(worstSteps, Math.abs(a[c] - b[c]) / ulp);
        }
        windows++;
      }
    }
    expect(windows).toBe(3 * seed.y.length);
    expect(labelDiffs).toBe(0);
    expect(worstSteps).toBeLessThanOrEqual(2);
  });
});
