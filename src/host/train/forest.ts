// Trainers for the tree ensembles: decision tree (CART), random forest, extra trees.
// They return the device runtime's own Forest, so the host predicts exactly as the device.
import { createForest, Forest } from '../../classifiers/forest';
import { checkShapes, labelNames, badTraining, TrainingRows } from './dataset';
import { createRng } from './rng';
import { ForestBuilder, growTree, featureColumns, TreeOptions } from './tree-builder';

export interface ForestOptions extends TreeOptions {
  /** Number of trees. Default 10 (sized for a device, not scikit-learn's 100). */
  nTrees?: number;
  /** Draw each tree's rows with replacement. Default true for random forests. */
  bootstrap?: boolean;
  /** PRNG seed: the same seed and data give the same model. Default 1. */
  seed?: number;
  /** Label names (index = class id). Default "0", "1", ... */
  labels?: string[];
}

export type ForestModel = Forest;

/**
 * Random forest: bootstrap rows, sqrt(nFeatures) features per split, gini, maxDepth 8
 * unless given. X is row-major n x nFeatures or one Float32Array per row; y holds class ids
 * 0..nClasses-1.
 */
export function trainForest(X: TrainingRows, y: Int32Array, nFeatures: number, nClasses: number, options?: ForestOptions): ForestModel {
  var o: ForestOptions = options || {};
  // The values are checked finite in featureColumns' copy, not in a pass of their own.
  var n = checkShapes(X, y, nFeatures, nClasses);
  var labels = labelNames(nClasses, o.labels);
  var nTrees = o.nTrees === undefined ? 10 : o.nTrees;
  if (!(nTrees >= 1 && nTrees % 1 === 0)) throw badTraining('nTrees must be a positive integer, got ' + nTrees);
  var treeOpts: TreeOptions = {
    maxDepth: o.maxDepth === undefined ? 8 : o.maxDepth,
    minSamplesLeaf: o.minSamplesLeaf,
    minSamplesSplit: o.minSamplesSplit,
    maxFeatures: o.maxFeatures === undefined ? 'sqrt' : o.maxFeatures,
    splitter: o.splitter
  };
  if (!(treeOpts.maxDepth! >= 0)) throw badTraining('maxDepth must be >= 0');
  var rng = createRng(o.seed === undefined ? 1 : o.seed);
  var builder = new ForestBuilder(nClasses);
  var weights = new Float64Array(n);
  var columns = featureColumns(X, n, nFeatures, treeOpts.splitter !== 'random');
  for (var t = 0; t < nTrees; t++) {
    if (o.bootstrap === false) weights.fill(1);
    else {
      weights.fill(0);
      for (var i = 0; i < n; i++) weights[rng.int(n)]++;
    }
    growTree(builder, X, y, nFeatures, weights, treeOpts, rng, columns);
  }
  return createForest(labels, builder.arrays());
}

/** One CART tree on all rows and all features (unlimited depth unless maxDepth). */
export function trainDecisionTree(X: TrainingRows, y: Int32Array, nFeatures: number, nClasses: number, options?: ForestOptions): ForestModel {
  var o = options || {};
  return trainForest(X, y, nFeatures, nClasses, {
    nTrees: 1, bootstrap: false, maxFeatures: o.maxFeatures === undefined ? 'all' : o.maxFeatures,
    maxDepth: o.maxDepth === undefined ? Infinity : o.maxDepth, minSamplesLeaf: o.minSamplesLeaf,
    minSamplesSplit: o.minSamplesSplit, seed: o.seed, labels: o.labels, splitter: o.splitter
  });
}

/** Extra trees: random thresholds, no bootstrap unless asked, sqrt features per split. */
export function trainExtraTrees(X: TrainingRows, y: Int32Array, nFeatures: number, nClasses: number, options?: ForestOptions): ForestModel {
  var o: ForestOptions = {};
  var given: any = options || {};
  for (var k in given) (o as any)[k] = given[k];
  o.splitter = 'random';
  if (o.bootstrap === undefined) o.bootstrap = false;
  return trainForest(X, y, nFeatures, nClasses, o);
}
