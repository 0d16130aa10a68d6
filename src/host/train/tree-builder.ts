// CART growth (gini) into the flat arrays the device runtime walks (src/classifiers/forest.ts).
// Nodes are numbered in preorder, so children always come after their parent; leaves are
// negative references to class-distribution rows, identical rows shared.
import type { Rng } from './rng';
import { featureColumns, rowSorter, FeatureColumns } from './sort-keys';

export { featureColumns };
export type { FeatureColumns };
import type { ForestArrays } from '../../classifiers/forest';

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
    return {
      feature: new Uint16Array(this.feature),
      threshold: new Float32Array(this.threshold),
      left: new Index(this.left),
      right: new Index(this.right),
      roots: new Index(this.roots),
      leaves: new Float32Array(this.leaves)
    };
  }
}

interface Split { feature: number; threshold: number; score: number }



/**
 * Grows one tree on the rows with weight > 0 (weights: bootstrap counts, or all 1) and
 * appends it to the builder (its root goes to builder.roots).
 */
export function growTree(b: ForestBuilder, X: Float32Array, y: Int32Array, nFeatures: number,
  weights: Float64Array, opts: TreeOptions, rng: Rng, columns?: FeatureColumns) {
  var random = opts.splitter === 'random';
  var cols = columns || featureColumns(X, y.length, nFeatures, !random);
  var col = cols.values, n = cols.rows;
  var nc = b.nClasses;
  var maxDepth = opts.maxDepth === undefined ? Infinity : opts.maxDepth;
  var minLeaf = opts.minSamplesLeaf || 1;
  var minSplit = Math.max(opts.minSamplesSplit || 2, 2 * minLeaf);
  var tryFeatures = resolveMaxFeatures(opts.maxFeatures, nFeatures);
  var idx: number[] = [];
  for (var i = 0; i < y.length; i++) if (weights[i] > 0) idx.push(i);
  var rows = new Int32Array(idx), order = new Int32Array(rows.length), values = new Float32Array(rows.length);
  var sorter = random ? null : rowSorter(cols, rows.length);
  var features = new Int32Array(nFeatures);
  for (i = 0; i < nFeatures; i++) features[i] = i;
  var total = new Float64Array(nc), leftCounts = new Float64Array(nc), totalSquares = 0;

  function proxy(l: Float64Array, wl: number, wr: number): number {
    // Sum of squared class weights / node weight on each side: larger = lower weighted gini.
    var s = 0;
    for (var c = 0; c < nc; c++) {
      var r = total[c] - l[c];
      s += l[c] * l[c] / wl + r * r / wr;
    }
    return s;
  }

  function bestThreshold(f: number, start: number, end: number, wTotal: number, best: Split) {
    var m = end - start, k, r;
    for (k = 0; k < m; k++) order[k] = rows[start + k];
    if (random) {
      var lo = Infinity, hi = -Infinity, v;
      for (k = 0; k < m; k++) { v = col[f * n + order[k]]; if (v < lo) lo = v; if (v > hi) hi = v; }
      if (!(hi > lo)) return;
      var t = toF32(lo + rng.next() * (hi - lo));
      if (t >= hi || t < lo) t = lo;
      leftCounts.fill(0);
      var wl = 0;
      for (k = 0; k < m; k++) {
        r = order[k];
        if (col[f * n + r] <= t) { leftCounts[y[r]] += weights[r]; wl += weights[r]; }
      }
      if (wl < minLeaf || wTotal - wl < minLeaf) return;
      var s = proxy(leftCounts, wl, wTotal - wl);
      if (s > best.score) { best.feature = f; best.threshold = t; best.score = s; }
      return;
    }
    sorter!.sortByValue(order, m, f, values);
    if (!(values[m - 1] > values[0])) return;
    // proxy() kept as running sums of squared class weights on each side: weights are whole
    // bootstrap counts, so these sums are exact integers and the score is what proxy() gives.
    leftCounts.fill(0);
    var w = 0, left2 = 0, right2 = totalSquares, c, wr, lc;
    for (k = 0; k < m - 1; k++) {
      r = order[k];
      c = y[r];
      wr = weights[r];
      lc = leftCounts[c];
      left2 += wr * (2 * lc + wr);
      right2 += wr * (wr - 2 * (total[c] - lc));
      leftCounts[c] = lc + wr;
      w += wr;
      if (values[k + 1] === values[k] || w < minLeaf) continue;
      if (wTotal - w < minLeaf) break;
      var score = left2 / w + right2 / (wTotal - w);
      if (score > best.score) { best.feature = f; best.threshold = float32Between(values[k], values[k + 1]); best.score = score; }
    }
  }

  function grow(start: number, end: number, depth: number): number {
    total.fill(0);
    var wTotal = 0, k, r, c, nonZero = 0;
    for (k = start; k < end; k++) { r = rows[k]; total[y[r]] += weights[r]; wTotal += weights[r]; }
    for (c = 0; c < nc; c++) if (total[c] > 0) nonZero++;
    totalSquares = 0;
    for (c = 0; c < nc; c++) totalSquares += total[c] * total[c];
    if (nonZero <= 1 || depth >= maxDepth || wTotal < minSplit) return b.leaf(total);
    var best: Split = { feature: -1, threshold: 0, score: -Infinity };
    // Visit features in random order; like scikit-learn, keep looking past maxFeatures until a valid split appears.
    for (k = 0; k < nFeatures && (k < tryFeatures || best.feature < 0); k++) {
      var j = k + rng.int(nFeatures - k), f = features[j];
      features[j] = features[k];
      features[k] = f;
      bestThreshold(f, start, end, wTotal, best);
    }
    if (best.feature < 0) return b.leaf(total);
    // Partition rows[start:end] in place: x <= threshold first.
    var mid = start;
    for (k = start; k < end; k++) {
      r = rows[k];
      if (col[best.feature * n + r] <= best.threshold) { rows[k] = rows[mid]; rows[mid++] = r; }
    }
    var node = b.node(best.feature, best.threshold);
    b.left[node] = grow(start, mid, depth + 1);
    b.right[node] = grow(mid, end, depth + 1);
    return node;
  }

  b.roots.push(grow(0, rows.length, 0));
}
