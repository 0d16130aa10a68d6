// CART growth (gini) into the flat arrays the device runtime walks (src/classifiers/forest.ts).
// Nodes are numbered in preorder, so children always come after their parent; leaves are
// negative references to class-distribution rows, identical rows shared.
import type { Rng } from './rng';
import { featureColumns, rankSorter, FeatureColumns } from './sort-keys';

export { featureColumns };
export type { FeatureColumns };
import type { ForestArrays } from '../../classifiers/forest';
import type { TrainingRows } from './dataset';

export interface TreeOptions {
  /** Deepest level of splits (root = depth 0). Default: unlimited. */
  maxDepth?: number;
  /** Least (bootstrap-weighted) samples in a leaf. Default 1. */
  minSamplesLeaf?: number;
  /** Least samples in a node to try a split. Default 2. */
  minSamplesSplit?: number;
  /** Features tried per split: a count, a fraction in (0, 1), 'sqrt', 'log2' or 'all'. */
  maxFeatures?: number | 'sqrt' | 'log2' | 'all';
  /** 'best': best gini threshold per feature (CART); 'random': one random threshold per feature (extra trees). */
  splitter?: 'best' | 'random';
}

var f32 = new Float32Array(1);
function toF32(v: number): number {
  f32[0] = v;
  return f32[0];
}

/** A threshold t in float32 with a <= t < b, for float32 values a < b. */
export function float32Between(a: number, b: number): number {
  var t = toF32(a + (b - a) / 2);
  return t >= b || t < a ? a : t;
}

export function resolveMaxFeatures(m: TreeOptions['maxFeatures'], nFeatures: number): number {
  if (m === undefined || m === 'all') return nFeatures;
  if (m === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(nFeatures)));
  if (m === 'log2') return Math.max(1, Math.floor(Math.log(nFeatures) / Math.LN2));
  if (m > 0 && m < 1) return Math.max(1, Math.floor(m * nFeatures));
  return Math.max(1, Math.min(nFeatures, Math.floor(m)));
}

/** Accumulates trees into one set of forest arrays. */
export class ForestBuilder {
  feature: number[] = [];
  threshold: number[] = [];
  left: number[] = [];
  right: number[] = [];
  roots: number[] = [];
  leaves: number[] = [];
  private leafRows = new Map<string, number>();
  constructor(readonly nClasses: number) {}

  /** Reference (negative) to a leaf row with this class distribution (normalized to sum 1). */
  leaf(counts: Float64Array): number {
    var sum = 0, c, row: number[] = [];
    for (c = 0; c < this.nClasses; c++) sum += counts[c];
    for (c = 0; c < this.nClasses; c++) row.push(toF32(counts[c] / sum));
    var key = row.join(','), index = this.leafRows.get(key);
    if (index === undefined) {
      index = this.leaves.length / this.nClasses;
      this.leafRows.set(key, index);
      for (c = 0; c < this.nClasses; c++) this.leaves.push(row[c]);
    }
    return -index - 1;
  }

  node(feature: number, threshold: number): number {
    this.feature.push(feature);
    this.threshold.push(threshold);
    this.left.push(0);
    this.right.push(0);
    return this.feature.length - 1;
  }

  arrays(): ForestArrays {
    var nNodes = this.feature.length, nLeaves = this.leaves.length / this.nClasses;
    var Index = nNodes > 32767 || nLeaves > 32768 ? Int32Array : Int16Array;
    // One byte per node when every split reads one of the first 256 features (the model file keeps it).
    var widest = 0;
    for (var i = 0; i < nNodes; i++) if (this.feature[i] > widest) widest = this.feature[i];
    return {
      feature: widest < 256 ? new Uint8Array(this.feature) : new Uint16Array(this.feature),
      threshold: new Float32Array(this.threshold),
      left: new Index(this.left),
      right: new Index(this.right),
      roots: new Index(this.roots),
      leaves: new Float32Array(this.leaves)
    };
  }
}

/**
 * Grows one tree on the rows with weight > 0 (weights: bootstrap counts, or all 1) and
 * appends it to the builder (its root goes to builder.roots).
 */
export function growTree(b: ForestBuilder, X: TrainingRows, y: Int32Array, nFeatures: number,
  weights: Float64Array, opts: TreeOptions, rng: Rng, columns?: FeatureColumns) {
  var random = opts.splitter === 'random';
  var cols = columns || featureColumns(X, y.length, nFeatures, !random);
  var col = cols.values, n = cols.rows;
  var nc = b.nClasses;
  var maxDepth = opts.maxDepth === undefined ? Infinity : opts.maxDepth;
  var minLeaf = opts.minSamplesLeaf || 1;
  var minSplit = Math.max(opts.minSamplesSplit || 2, 2 * minLeaf);
  var tryFeatures = resolveMaxFeatures(opts.maxFeatures, nFeatures);
  var i, used = 0, unitWeights = true;
  for (i = 0; i < y.length; i++) if (weights[i] > 0) { used++; if (weights[i] !== 1) unitWeights = false; }
  var rows = new Int32Array(used);
  // Extra trees only: each node row's class and weight, in the order of `rows`, a scratch
  // column, and the spare arrays of the stable partition. Rows start ordered by class (then
  // row), and the stable partition keeps every node so, so a node's rows of one class are one
  // run: its left-side counts are one predicate count per run, kept in a register.
  var nodeClass = new Int32Array(random ? used : 0), nodeWeight = new Float64Array(random ? used : 0);
  var scratch = new Float32Array(random ? used : 0);
  // The best split's gathered column so far (swapped with scratch): the partition reads it
  // instead of gathering that column once more.
  var bestValues = new Float32Array(scratch.length);
  var spareRow = new Int32Array(scratch.length), spareClass = new Int32Array(scratch.length), spareWeight = new Float64Array(scratch.length);
  var classRows = new Int32Array(nc);
  if (random) {
    var at = new Int32Array(nc + 1);
    for (i = 0; i < y.length; i++) if (weights[i] > 0) at[y[i] + 1]++;
    for (i = 0; i < nc; i++) at[i + 1] += at[i];
    for (i = 0; i < y.length; i++) if (weights[i] > 0) rows[at[y[i]]++] = i;
    for (i = 0; i < used; i++) { nodeClass[i] = y[rows[i]]; nodeWeight[i] = weights[rows[i]]; }
  } else for (i = 0, used = 0; i < y.length; i++) if (weights[i] > 0) rows[used++] = i;
  var sorter = random ? null : rankSorter(cols, rows.length);
  var features = new Int32Array(nFeatures);
  for (i = 0; i < nFeatures; i++) features[i] = i;
  var total = new Float64Array(nc), leftCounts = new Float64Array(nc), totalSquares = 0;
  // The best split of the node being grown: its feature (-1: none yet), score and threshold
  // (extra trees) or the ranks either side of it (CART; the threshold is made once, at the end).
  var bestFeature = -1, bestScore = -Infinity, bestThreshold = 0, bestLow = 0, bestHigh = 0;

  /** CART: every boundary between distinct values of feature f, scored by gini. */
  function scanSorted(f: number, start: number, end: number, wTotal: number) {
    var m = end - start, k, r;
    sorter!.sort(rows, start, m, f);
    var rank = sorter!.rank, row = sorter!.row;
    if (rank[m - 1] === rank[0]) return;
    // Weighted gini as sums of squared class weights over node weight on each side (larger =
    // lower gini), kept as running sums: weights are whole bootstrap counts, so the sums are
    // exact integers and the score does not depend on the order of equal values.
    leftCounts.fill(0);
    var w = 0, left2 = 0, right2 = totalSquares, c, wr, lc;
    for (k = 0; k < m - 1; k++) {
      r = row[k];
      c = y[r];
      wr = weights[r];
      lc = leftCounts[c];
      left2 += wr * (2 * lc + wr);
      right2 += wr * (wr - 2 * (total[c] - lc));
      leftCounts[c] = lc + wr;
      w += wr;
      if (rank[k + 1] === rank[k] || w < minLeaf) continue;
      if (wTotal - w < minLeaf) break;
      var score = left2 / w + right2 / (wTotal - w);
      if (score > bestScore) { bestFeature = f; bestLow = rank[k]; bestHigh = rank[k + 1]; bestScore = score; }
    }
  }

  /** Extra trees: one threshold drawn uniformly in the node's range of feature f. */
  function scanRandom(f: number, start: number, end: number, wTotal: number) {
    var off = f * n, lo = Infinity, hi = -Infinity, v, k, c, m = end - start;
    // Locals, not the closure's variables: V8 then keeps them in registers in the loops.
    var values = col, nodeRows = rows, copy = scratch, w = nodeWeight;
    // One gather into a contiguous scratch for the range, then a contiguous pass to count:
    // node rows' classes and weights are kept in node order beside `rows`.
    for (k = 0; k < m; k++) {
      v = values[off + nodeRows[start + k]];
      copy[k] = v;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
    if (!(hi > lo)) return;
    var t = toF32(lo + rng.next() * (hi - lo));
    if (t >= hi || t < lo) t = lo;
    // Branch-free (+(x <= t) is 0 or 1): which side a value goes is as random as the threshold.
    var wl = 0, wc, runEnd;
    for (k = 0, c = 0; c < nc; c++) {
      runEnd = k + classRows[c];
      wc = 0;
      if (unitWeights) for (; k < runEnd; k++) wc += +(copy[k] <= t);
      else for (; k < runEnd; k++) wc += w[start + k] * +(copy[k] <= t);
      leftCounts[c] = wc;
      wl += wc;
    }
    if (wl < minLeaf || wTotal - wl < minLeaf) return;
    var s = 0, wRight = wTotal - wl;
    for (c = 0; c < nc; c++) {
      var rc = total[c] - leftCounts[c];
      s += leftCounts[c] * leftCounts[c] / wl + rc * rc / wRight;
    }
    if (s > bestScore) {
      bestFeature = f; bestThreshold = t; bestScore = s;
      scratch = bestValues;
      bestValues = copy;
    }
  }

  /** CART: rows[start:end] in place, x <= threshold first (the sort orders each node anew). */
  function partition(start: number, end: number, off: number, threshold: number): number {
    var mid = start, k, r;
    for (k = start; k < end; k++) {
      r = rows[k];
      if (col[off + r] <= threshold) { rows[k] = rows[mid]; rows[mid] = r; mid++; }
    }
    return mid;
  }

  /**
   * Extra trees: x <= threshold first, each side keeping its rows ascending (with their
   * classes and weights), so the next nodes read each column in address order. The split
   * feature's values, in node order, are bestValues (kept by scanRandom).
   */
  function partitionStable(start: number, end: number, threshold: number): number {
    var mid = start, right = 0, k, r, x = bestValues, nodeRows = rows, cls = nodeClass, w = nodeWeight;
    for (k = start; k < end; k++) {
      r = nodeRows[k];
      if (x[k - start] <= threshold) { nodeRows[mid] = r; cls[mid] = cls[k]; w[mid] = w[k]; mid++; }
      else { spareRow[right] = r; spareClass[right] = cls[k]; spareWeight[right] = w[k]; right++; }
    }
    for (k = 0; k < right; k++) { nodeRows[mid + k] = spareRow[k]; cls[mid + k] = spareClass[k]; w[mid + k] = spareWeight[k]; }
    return mid;
  }

  function grow(start: number, end: number, depth: number): number {
    total.fill(0);
    var wTotal = 0, k, r, c, nonZero = 0;
    if (random) {
      if (unitWeights) {
        // A node's classes ascend (see nodeClass), so each class's run is found by bisection.
        for (c = 0, k = start; c < nc; c++) {
          var lo: number = k, hi: number = end, half: number;
          while (lo < hi) { half = (lo + hi) >> 1; if (nodeClass[half] <= c) lo = half + 1; else hi = half; }
          classRows[c] = total[c] = lo - k;
          k = lo;
        }
        wTotal = end - start;
      } else {
        // From the node-ordered copies (contiguous) rather than through rows.
        classRows.fill(0);
        for (k = start; k < end; k++) { c = nodeClass[k]; total[c] += nodeWeight[k]; wTotal += nodeWeight[k]; classRows[c]++; }
      }
    } else for (k = start; k < end; k++) { r = rows[k]; total[y[r]] += weights[r]; wTotal += weights[r]; }
    for (c = 0; c < nc; c++) if (total[c] > 0) nonZero++;
    totalSquares = 0;
    for (c = 0; c < nc; c++) totalSquares += total[c] * total[c];
    if (nonZero <= 1 || depth >= maxDepth || wTotal < minSplit) return b.leaf(total);
    bestFeature = -1;
    bestScore = -Infinity;
    // Visit features in random order; like scikit-learn, keep looking past maxFeatures until a valid split appears.
    for (k = 0; k < nFeatures && (k < tryFeatures || bestFeature < 0); k++) {
      var j = k + rng.int(nFeatures - k), f = features[j];
      features[j] = features[k];
      features[k] = f;
      if (random) scanRandom(f, start, end, wTotal);
      else scanSorted(f, start, end, wTotal);
    }
    if (bestFeature < 0) return b.leaf(total);
    var feature = bestFeature, threshold = random ? bestThreshold
      : float32Between(cols.byRank[feature * n + bestLow], cols.byRank[feature * n + bestHigh]);
    var mid = random ? partitionStable(start, end, threshold) : partition(start, end, feature * n, threshold);
    var node = b.node(feature, threshold);
    b.left[node] = grow(start, mid, depth + 1);
    b.right[node] = grow(mid, end, depth + 1);
    return node;
  }

  b.roots.push(grow(0, rows.length, 0));
}
