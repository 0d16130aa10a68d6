// Sorting a node's rows by one feature, the inner step of CART, without a comparator callback
// (the callback was most of the training time). Each feature's values are ranked once per
// forest (equal values share a rank), then a node's rows are ordered by rank:
// - many rows for the feature's distinct values: a counting sort, O(rows + distinct);
// - few rows: the rank and the row packed into one integer-valued double (rank * 2^32 + row)
//   and a quicksort on a Float64Array, with no payload to move.
// Both give rows ascending by value; equal values end up together, in an order the split
// search does not depend on (it only scores boundaries between distinct values), so the
// trees are exactly those of a comparison sort.

/** X column-major (feature f of row r at f * rows + r), with each value's rank in its feature. */
export interface FeatureColumns {
  values: Float32Array;
  /** Rank of values[i] among its feature's distinct values (0 = smallest). */
  rank: Int32Array;
  /** Distinct values per feature. */
  distinct: Int32Array;
  rows: number;
}

var TWO_32 = 4294967296;

/** `ranked` false: values only (extra trees draw thresholds and never sort). */
export function featureColumns(X: Float32Array, rows: number, nFeatures: number, ranked?: boolean): FeatureColumns {
  var values = new Float32Array(X.length), rank = new Int32Array(ranked === false ? 0 : X.length), distinct = new Int32Array(nFeatures);
  var r, f, k;
  for (r = 0; r < rows; r++) for (f = 0; f < nFeatures; f++) values[f * rows + r] = X[r * nFeatures + f];
  if (ranked === false) return { values: values, rank: rank, distinct: distinct, rows: rows };
  var order = new Int32Array(rows);
  for (f = 0; f < nFeatures; f++) {
    var off = f * rows;
    sortRowsByValue(values, off, rows, order);
    var d = -1, last = NaN;
    for (k = 0; k < rows; k++) {
      var v = values[off + order[k]];
      if (!(v === last)) { d++; last = v; }
      rank[off + order[k]] = d;
    }
    distinct[f] = d + 1;
  }
  return { values: values, rank: rank, distinct: distinct, rows: rows };
}

export interface RowSorter {
  /**
   * Sorts rows[0..m) (row indices, in place) ascending by feature `f` and writes the sorted
   * values into values[0..m).
   */
  sortByValue(rows: Int32Array, m: number, f: number, values: Float32Array): void;
}

export function rowSorter(cols: FeatureColumns, capacity: number): RowSorter {
  var maxDistinct = 0;
  for (var f = 0; f < cols.distinct.length; f++) if (cols.distinct[f] > maxDistinct) maxDistinct = cols.distinct[f];
  var count = new Int32Array(maxDistinct + 1), out = new Int32Array(capacity), keys = new Float64Array(capacity);
  var rank = cols.rank, col = cols.values, n = cols.rows;
  return {
    sortByValue: function (rows, m, f, values) {
      var off = f * n, d = cols.distinct[f], k, r;
      if (m * Math.log(m + 1) * 0.9 > 2 * m + d) {
        for (k = 0; k < d; k++) count[k] = 0;
        for (k = 0; k < m; k++) count[rank[off + rows[k]]]++;
        for (var sum = 0, c = 0; c < d; c++) { var t = count[c]; count[c] = sum; sum += t; }
        for (k = 0; k < m; k++) { r = rows[k]; out[count[rank[off + r]]++] = r; }
        for (k = 0; k < m; k++) { r = out[k]; rows[k] = r; values[k] = col[off + r]; }
        return;
      }
      for (k = 0; k < m; k++) { r = rows[k]; keys[k] = rank[off + r] * TWO_32 + r; }
      quicksort(keys, 0, m - 1);
      for (k = 0; k < m; k++) { r = keys[k] % TWO_32; rows[k] = r; values[k] = col[off + r]; }
    }
  };
}

// A float32 widened to float64 leaves the low 29 mantissa bits zero: the row goes there, so
// one sort of doubles orders rows by value (an index adds less than a float32 ulp; at +-0
// only a denormal) and carries the row along.
var ROW_BITS_MASK = (1 << 29) - 1;
var littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** order[0..rows) = 0..rows-1 sorted ascending by column[off + row]. */
function sortRowsByValue(column: Float32Array, off: number, rows: number, order: Int32Array) {
  var r;
  if (!littleEndian || rows > ROW_BITS_MASK) {
    for (r = 0; r < rows; r++) order[r] = r;
    order.sort(function (a, b) { return column[off + a] - column[off + b]; });
    return;
  }
  var keys = new Float64Array(rows), bits = new Uint32Array(keys.buffer);
  for (r = 0; r < rows; r++) { keys[r] = column[off + r]; bits[2 * r] |= r; }
  quicksort(keys, 0, rows - 1);
  for (r = 0; r < rows; r++) order[r] = bits[2 * r] & ROW_BITS_MASK;
}

function insertionSort(a: Float64Array, lo: number, hi: number) {
  for (var i = lo + 1; i <= hi; i++) {
    var v = a[i], j = i - 1;
    while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}

/** Ascending, in place; keys are distinct (each carries its row). */
function quicksort(a: Float64Array, lo: number, hi: number) {
  while (hi - lo > 16) {
    var mid = (lo + hi) >>> 1, x = a[lo], y = a[mid], z = a[hi];
    var p = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
    var i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) { var t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; } else { quicksort(a, i, hi); hi = j; }
  }
  insertionSort(a, lo, hi);
}
