import { describe, it, expect } from 'vitest';
import { featureColumns, rankSorter } from '../../src/host/train/sort-keys';
import { createRng } from '../../src/host/train/rng';

// The training speed-up orders rows without comparisons (radix ranking, then insertion,
// radix or counting sorts of ranks); these tests hold it to what a comparison sort gives, on
// the values that trip bit tricks: ties, -0 and +0, negatives, denormals, huge magnitudes.
function column(n: number, seed: number, pool: number[]): Float32Array {
  var rng = createRng(seed), out = new Float32Array(n);
  for (var i = 0; i < n; i++) out[i] = pool.length ? pool[rng.int(pool.length)] : (rng.next() - 0.5) * 1e4;
  return out;
}

var pools: [string, number[]][] = [
  ['continuous values', []],
  ['heavy ties, signed zeros, denormals', [0, -0, 1e-40, -1e-40, -3.5, 2, 2, 7.25, -1e30, 1e30]],
  ['about 1,000 distinct values', Array.from({ length: 1000 }, function (_, i) { return (i - 500) * 0.37; })],
];

describe('featureColumns ranking', () => {
  for (var [name, pool] of pools) {
    it('ranks like a comparison sort, with each rank\'s value in byRank (' + name + ')', () => {
      var n = 3000, col = column(n, 7, pool), cols = featureColumns(col, n, 1);
      var order = Array.from({ length: n }, function (_, i) { return i; }).sort(function (a, b) { return col[a] - col[b]; });
      var expected = 0;
      for (var k = 0; k < n; k++) {
        if (k > 0 && col[order[k]] !== col[order[k - 1]]) expected++;
        expect(cols.rank[order[k]]).toBe(expected);
        expect(cols.byRank[expected] === col[order[k]]).toBe(true);
      }
      expect(cols.distinct[0]).toBe(expected + 1);
    });
  }

  it('ranks equal values alike and counts each feature\'s distinct values', () => {
    // Row-major 4 rows x 2 features.
    var X = new Float32Array([5, 0, -1, -0, 5, 3, 2, 0]);
    var cols = featureColumns(X, 4, 2);
    expect(Array.from(cols.values)).toEqual([5, -1, 5, 2, 0, -0, 3, 0]);
    expect(Array.from(cols.rank)).toEqual([2, 0, 2, 1, 0, 0, 1, 0]);
    expect(Array.from(cols.distinct)).toEqual([3, 2]);
    expect(Array.from(cols.byRank.subarray(0, 3))).toEqual([-1, 2, 5]);
    expect(Array.from(cols.byRank.subarray(4, 6))).toEqual([-0, 3]);
  });
});

describe('rankSorter', () => {
  for (var [name, pool] of pools) {
    it('orders a node\'s rows by value like a comparison sort, on every path (' + name + ')', () => {
      var n = 3000, col = column(n, 3, pool);
      var cols = featureColumns(col, n, 1), sorter = rankSorter(cols, n);
      var rng = createRng(5);
      // 1-24 rows: insertion; 4 x rows < distinct values: radix; else counting.
      for (var size of [1, 2, 5, 17, 24, 25, 40, 100, 300, 1200, 3000]) {
        var nodeRows: number[] = [];
        for (var i = 0; i < size; i++) nodeRows.push(size === n ? i : rng.int(n));
        // The node sits inside a larger rows array, as in the tree builder.
        var rows = new Int32Array([-1, -1].concat(nodeRows, [-1])), before = Array.from(rows);
        sorter.sort(rows, 2, size, 0);
        expect(Array.from(rows)).toEqual(before);
        var got = Array.from(sorter.row.subarray(0, size));
        expect(got.slice().sort(function (a, b) { return a - b; })).toEqual(nodeRows.slice().sort(function (a, b) { return a - b; }));
        for (var k = 0; k < size; k++) {
          expect(sorter.rank[k]).toBe(cols.rank[got[k]]);
          if (k > 0) expect(col[got[k]] >= col[got[k - 1]]).toBe(true);
        }
      }
    });
  }
});
