// One entry to the models teammate's trainers, by name, on a Dataset of feature vectors.
import type { Classifier } from '../../core/types';
import { trainForest, trainDecisionTree, trainExtraTrees, trainNearestCentroid, trainGaussianNB } from '../train';
import { smote } from '../dataset/smote';

export type ModelKindName = 'rf' | 'dt' | 'et' | 'nc' | 'nb';
export var MODEL_KINDS: ModelKindName[] = ['rf', 'dt', 'et', 'nc', 'nb'];
export var MODEL_KIND_NAMES: { [k: string]: string } = {
  rf: 'random forest', dt: 'decision tree', et: 'extra trees', nc: 'nearest centroid', nb: 'Gaussian naive Bayes',
};

export interface ModelParams {
  kind: ModelKindName;
  /** Forests: number of trees (default 10). */
  trees?: number;
  /** Trees: deepest split level (default 8 for forests, unlimited for dt). */
  maxDepth?: number;
  /** Trees: least samples per leaf (default 1). */
  minSamplesLeaf?: number;
  seed?: number;
  /** Oversample minority classes of the training set with SMOTE first. */
  smote?: boolean;
}

export interface Labelled { X: Float32Array[]; y: number[]; labels: string[] }

/** Row-major copy of the vectors, as the trainers take them. */
export function flatten(X: Float32Array[]): Float32Array {
  var nf = X.length ? X[0].length : 0;
  var out = new Float32Array(X.length * nf);
  for (var i = 0; i < X.length; i++) {
    if (X[i].length !== nf) throw new Error('feature vector ' + i + ' has ' + X[i].length + ' values, the first has ' + nf);
    out.set(X[i], i * nf);
  }
  return out;
}

export function trainModel(data: Labelled, params: ModelParams): Classifier {
  if (MODEL_KINDS.indexOf(params.kind) < 0) throw new Error('unknown model kind "' + params.kind + '" (known: ' + MODEL_KINDS.join(', ') + ')');
  if (data.X.length === 0) throw new Error('no training windows');
  var X = data.X, y = data.y;
  if (params.smote) {
    var s = smote(X, y, data.labels.length, { seed: params.seed });
    X = s.X;
    y = s.y;
  }
  var nf = X[0].length, nc = data.labels.length;
  var labels = new Int32Array(y);
  // maxDepth 0 is the CLI's "unlimited" (a tree of depth 0 is one leaf: never what a user means).
  var tree = { nTrees: params.trees, maxDepth: params.maxDepth === 0 ? Infinity : params.maxDepth, minSamplesLeaf: params.minSamplesLeaf, seed: params.seed, labels: data.labels };
  // The tree trainers take the rows as they are (their column copy is the only one).
  switch (params.kind) {
    case 'rf': return trainForest(X, labels, nf, nc, tree);
    case 'et': return trainExtraTrees(X, labels, nf, nc, tree);
    case 'dt': return trainDecisionTree(X, labels, nf, nc, tree);
    case 'nc': return trainNearestCentroid(flatten(X), labels, nf, nc, { labels: data.labels });
    case 'nb': return trainGaussianNB(flatten(X), labels, nf, nc, { labels: data.labels });
  }
  throw new Error('unreachable');
}

export function predictRows(model: Classifier, X: Float32Array[]): number[] {
  return X.map(function (x) { return model.predict(x); });
}
