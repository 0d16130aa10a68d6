// Training toolkit (Node): trainers that output the device runtime's own models, splits, costs.
export { trainForest, trainDecisionTree, trainExtraTrees } from './forest';
export type { ForestOptions, ForestModel } from './forest';
export type { TreeOptions } from './tree-builder';
export { trainNearestCentroid, trainGaussianNB, trainSoftmaxRegression } from './simple-models';
export type { ModelOptions, GaussianNBOptions, SoftmaxOptions } from './simple-models';
export { stratifiedKFold, holdOutSplit } from './split';
export type { Split } from './split';
export { checkTrainingSet, takeRows, takeLabels } from './dataset';
export type { TrainingSet, TrainingRows } from './dataset';
export { createRng } from './rng';
export type { Rng } from './rng';
export { modelSizeBytes, meanNodesVisited, forestShape, predictAll, accuracy } from './cost';
export { encodeModel, modelToBase64 } from '../../classifiers/model-encode';
export type { EncodedModel } from '../../classifiers/model-encode';
export { TRAINERS, trainModel } from './trainers';
export type { Trainer } from './trainers';
