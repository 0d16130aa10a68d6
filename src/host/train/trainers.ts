// Trainers by name, for command lines and grid searches ("--model random-forest").
import type { Classifier } from '../../core/types';
import { trainForest, trainDecisionTree, trainExtraTrees } from './forest';
import { trainNearestCentroid, trainGaussianNB, trainSoftmaxRegression } from './simple-models';
import { badTraining } from './dataset';

export type Trainer = (X: Float32Array, y: Int32Array, nFeatures: number, nClasses: number, options?: any) => Classifier;

export var TRAINERS: { [name: string]: Trainer } = {
  'random-forest': trainForest,
  'decision-tree': trainDecisionTree,
  'extra-trees': trainExtraTrees,
  'nearest-centroid': trainNearestCentroid,
  'gaussian-nb': trainGaussianNB,
  'softmax': trainSoftmaxRegression
};

/** Trains the model called `name` (a key of TRAINERS); options go to that trainer. */
export function trainModel(name: string, X: Float32Array, y: Int32Array, nFeatures: number, nClasses: number, options?: any): Classifier {
  var trainer = Object.prototype.hasOwnProperty.call(TRAINERS, name) ? TRAINERS[name] : null;
  if (!trainer) throw badTraining('unknown model "' + name + '" (known: ' + Object.keys(TRAINERS).join(', ') + ')');
  return trainer(X, y, nFeatures, nClasses, options);
}
