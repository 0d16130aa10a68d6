// Ordering a node's rows by one feature, the inner step of CART, without comparisons (a
// comparator callback, and later a quicksort's mispredicted branches, were most of the
// training time). Each feature's values are ranked once per forest (equal values share a
// rank) by a radix sort of their float32 bit patterns; then a node's rows are ordered by rank
// with whichever costs least for the node's size:
// - few rows: insertion sort;
// - many rows for the feature's distinct values: one counting pass over every rank;
// - in between: a two-pass radix sort on the rank's low and high halves.
// All give rows ascending by value; equal values end up together, in an order the split
// search does not depend on (it only scores boundaries between distinct values, on sums that
// are exact integers), so the trees are exactly those of a comparison sort.

import { notFinite } from './dataset';
import type { TrainingRows } from './dataset';

/** X column-major (feature f of row r at f * rows + r), with each value's rank in its feature. */
export interface FeatureColumns {
  values: Float32Array;
  /** Rank of values[i] among its feature's distinct values (0 = smallest). */
  rank: Int32Array;
  /** Distinct values per feature. */
  distinct: Int32Array;
  /** byRank[f * rows + k]: feature f's value of rank k (k < distinct[f]), for thresholds. */
  byRank: Float32Array;
  rows: number;
}

/**
 * `ranked` false: values only (extra trees draw thresholds and never sort). X: row-major or
 * one vector per row, copied once either way. Throws for a value that is not finite.
 */
export function featureColumns(X: TrainingRows, rows: number, nFeatures: number, ranked?: boolean): FeatureColumns {
  var values = transpose(X, rows, nFeatures), f, k;
  var cols = { values: values, rank: new Int32Array(0), distinct: new Int32Array(nFeatures), byRank: new Float32Array(0), rows: rows };
  if (ranked === false) return cols;
  cols.rank = new Int32Array(values.length);
  cols.byRank = new Float32Array(values.length);
  var bits = new Uint32Array(values.buffer), ranker = floatRanker(rows);
  for (f = 0; f < nFeatures; f++) {
    var off = f * rows, order = ranker(bits, off), d = -1, last = NaN;
    for (k = 0; k < rows; k++) {
      var v = values[off + order[k]];
      // -0 and +0 are one value to a threshold: they share a rank.
      if (!(v === last)) { d++; last = v; cols.byRank[off + d] = v; }
      cols.rank[off + order[k]] = d;
    }
    cols.distinct[f] = d + 1;
  }
  return cols;
}

/**
 * X column-major. The finite check rides on the copy (v - v is NaN for NaN and infinities,
 * and NaN sticks in the sum) instead of a pass of its own; the slow search for the culprit
 * runs only when there is one.
 */
function transpose(X: TrainingRows, rows: number, nFeatures: number): Float32Array {
  var values = new Float32Array(rows * nFeatures), r, f, o, k, v, check = 0, row;
  if (Array.isArray(X)) {
    for (r = 0; r < rows; r++) {
      row = X[r];
      for (f = 0, o = r; f < nFeatures; f++, o += rows) { v = row[f]; values[o] = v; check += v - v; }
    }
  } else {
    for (r = 0; r < rows; r++) {
      for (f = 0, o = r, k = r * nFeatures; f < nFeatures; f++, o += rows) { v = X[k + f]; values[o] = v; check += v - v; }
    }
  }
  if (check !== 0) {
    for (r = 0; r < rows; r++) for (f = 0; f < nFeatures; f++) if (values[f * rows + r] - values[f * rows + r] !== 0) throw notFinite(r, f);
  }
  return values;
}

/**
 * Returns a function giving the rows 0..rows-1 of one column (float32 bit patterns at
 * bits[off..off+rows)) in ascending order of value: an LSD radix sort, 11 bits a pass, of
 * the patterns made order-preserving as unsigned integers (negatives: all bits flipped;
 * positives: the sign bit). Passes where every key has the same digit are skipped.
 */
function floatRanker(rows: number): (bits: Uint32Array, off: number) => Int32Array {
  var keyA = new Int32Array(rows), rowA = new Int32Array(rows), keyB = new Int32Array(rows), rowB = new Int32Array(rows);
  var count = new Int32Array(3 * 2048);
  return function (bits, off) {
    var k, key, s, d, p;
    count.fill(0);
    for (k = 0; k < rows; k++) {
      s = bits[off + k] | 0;
      key = s ^ ((s >> 31) | 0x80000000);
      keyA[k] = key;
      rowA[k] = k;
      count[key & 2047]++;
      count[2048 + ((key >>> 11) & 2047)]++;
      count[4096 + (key >>> 22)]++;
    }
    var srcKey = keyA, srcRow = rowA, dstKey = keyB, dstRow = rowB, t;
    for (var pass = 0; pass < 3; pass++) {
      var base = pass * 2048, shift = pass * 11, sum = 0, skip = false;
      for (d = 0; d < 2048; d++) {
        var c = count[base + d];
        if (c === rows) skip = true;
        count[base + d] = sum;
        sum += c;
      }
      if (skip) continue;
      for (k = 0; k < rows; k++) {
        key = srcKey[k];
        p = count[base + ((key >>> shift) & 2047)]++;
        dstKey[p] = key;
        dstRow[p] = srcRow[k];
      }
      t = srcKey; srcKey = dstKey; dstKey = t;
      t = srcRow; srcRow = dstRow; dstRow = t;
    }
    return srcRow;
  };
}

export interface RankSorter {
  /**
   * Orders rows[start..start+m) ascending by feature f: their ranks go to rank[0..m) and the
   * rows to row[0..m). `rows` itself is left as it was.
   */
  sort(rows: Int32Array, start: number, m: number, f: number): void;
  readonly rank: Int32Array;
  readonly row: Int32Array;
}

/** Nodes up to this many rows are insertion-sorted. */
var INSERTION_MAX = 24;

function bitLength(v: number): number {
  return v > 0 ? 32 - Math.clz32(v) : 0;
}

export function rankSorter(cols: FeatureColumns, capacity: number): RankSorter {
  var maxDistinct = 1;
  for (var f = 0; f < cols.distinct.length; f++) if (cols.distinct[f] > maxDistinct) maxDistinct = cols.distinct[f];
  var count = new Int32Array(maxDistinct), maxBits = bitLength(maxDistinct - 1);
  var low = new Int32Array(1 << ((maxBits + 1) >> 1)), high = new Int32Array(1 << (maxBits >> 1));
  var outRank = new Int32Array(capacity), outRow = new Int32Array(capacity);
  var tmpRank = new Int32Array(capacity), tmpRow = new Int32Array(capacity);
  var rank = cols.rank, n = cols.rows;

  function insertion(rows: Int32Array, start: number, m: number, off: number) {
    for (var k = 0; k < m; k++) {
      var r = rows[start + k], rk = rank[off + r], j = k - 1;
      while (j >= 0 && outRank[j] > rk) { outRank[j + 1] = outRank[j]; outRow[j + 1] = outRow[j]; j--; }
      outRank[j + 1] = rk;
      outRow[j + 1] = r;
    }
  }

  function counting(rows: Int32Array, start: number, m: number, off: number, d: number) {
    var k, rk, sum = 0, c;
    count.fill(0, 0, d);
    for (k = 0; k < m; k++) { rk = rank[off + rows[start + k]]; tmpRank[k] = rk; count[rk]++; }
    for (c = 0; c < d; c++) { var t = count[c]; count[c] = sum; sum += t; }
    for (k = 0; k < m; k++) { rk = tmpRank[k]; var p = count[rk]++; outRank[p] = rk; outRow[p] = rows[start + k]; }
  }

  function radix(rows: Int32Array, start: number, m: number, off: number, bits: number) {
    var lowBits = (bits + 1) >> 1, highBits = bits >> 1, k, rk, p, mask = (1 << lowBits) - 1, nl = 1 << lowBits, nh = 1 << highBits, sum, c, t;
    low.fill(0, 0, nl);
    high.fill(0, 0, nh);
    for (k = 0; k < m; k++) { rk = rank[off + rows[start + k]]; outRank[k] = rk; low[rk & mask]++; high[rk >>> lowBits]++; }
    for (sum = 0, c = 0; c < nl; c++) { t = low[c]; low[c] = sum; sum += t; }
    for (sum = 0, c = 0; c < nh; c++) { t = high[c]; high[c] = sum; sum += t; }
    for (k = 0; k < m; k++) { rk = outRank[k]; p = low[rk & mask]++; tmpRank[p] = rk; tmpRow[p] = rows[start + k]; }
    for (k = 0; k < m; k++) { rk = tmpRank[k]; p = high[rk >>> lowBits]++; outRank[p] = rk; outRow[p] = tmpRow[k]; }
  }

  return {
    rank: outRank,
    row: outRow,
    sort: function (rows, start, m, f) {
      var off = f * n, d = cols.distinct[f];
      if (m <= INSERTION_MAX) return insertion(rows, start, m, off);
      // Measured here: counting costs about 0.2 of radix's time per rank plus half its time per row.
      if (4 * m >= d) counting(rows, start, m, off, d);
      else radix(rows, start, m, off, bitLength(d - 1));
    }
  };
}
