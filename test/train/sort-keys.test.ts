import { describe, it, expect } from 'vitest';
import { featureColumns, rowSorter } from '../../src/host/train/sort-keys';
import { createRng } from '../../src/host/train/rng';

// The training speed-up orders rows without a comparator; these tests hold it to what a
// comparison sort gives, on the values that trip packed keys: ties, -0 and +0, negatives,
// denormals, and both of its paths (counting sort for big nodes, quicksort for small ones).
function column(n: number, seed: number, pool: number[]): Float32Array {
  var rng = createRng(seed), out = new Float32Array(n);
  for (var i = 0; i < n; i++) out[i] = pool.length ? pool[rng.int(pool.length)] : (rng.next() - 0.5) * 1e4;
  return out;
}

function expectSorted(values: Float32Array, rows: Int32Array, out: Float32Array, col: Float32Array, nodeRows: number[]) {
  expect(Array.from(rows).sort(function (a, b) { return a - b; })).toEqual(nodeRows.slice().sort(function (a, b) { return a - b; }));
  for (var k = 0; k < rows.length; k++) {
    expect(out[k]).toBe(col[rows[k]]);
    if (k > 0) expect(out[k] >= out[k - 1]).toBe(true);
  }
}

describe('rowSorter', () => {
  var pools: [string, number[]][] = [
    ['continuous values', []],
    ['heavy ties, signed zeros, denormals', [0, -0, 1e-40, -1e-40, -3.5, 2, 2, 7.25, -1e30, 1e30]],
  ];
  for (var [name, pool] of pools) {
    it('orders a node\'s rows by value like a comparison sort (' + name + ')', () => {
      var n = 3000, col = column(n, 3, pool);
      var cols = featureColumns(col, n, 1), sorter = rowSorter(cols, n);
      var rng = createRng(5);
      for (var size of [1, 2, 5, 17, 40, 300, 1200, 3000]) {
        var nodeRows: number[] = [];
        for (var i = 0; i < size; i++) nodeRows.push(size === n ? i : rng.int(n));
        var rows = new Int32Array(nodeRows), out = new Float32Array(size);
        sorter.sortByValue(rows, size, 0, out);
        expectSorted(cols.values, rows, out, col, nodeRows);
      }
    });
  }

  it('ranks equal values alike and counts each feature\'s distinct values', () => {
    // Row-major 4 rows x 2 features.
    var X = new Float32Array([5, 0, -1, -0, 5, 3, 2, 0]);
    var cols = featureColumns(X, 4, 2);
    expect(Array.from(cols.values)).toEqual([5, -1, 5, 2, 0, -0, 3, 0]);
    expect(Array.from(cols.rank)).toEqual([2, 0, 2, 1, 0, 0, 1, 0]);
    expect(Array.from(cols.distinct)).toEqual([3, 2]);
  });
});
