// loadModel for the puckjs bundle: forests (what users train) and Gaussian naive Bayes (its default model).
import type { LoadedModel, ModelInput, ModelKindTable } from './model-decode';
import { decodeModel } from './model-decode';
import { ModelKinds } from './model-format';
import { forestKind } from './forest-kind';
import { gaussianNBKind } from './gaussian-nb';
import { BuildFeatures } from '../core/build-features';

var FOREST_AND_NB: ModelKindTable = {};
if (BuildFeatures.forestModels) FOREST_AND_NB[ModelKinds.forest] = forestKind;
FOREST_AND_NB[ModelKinds.gaussianNB] = gaussianNBKind;

/** Like loadModel, but knows only forests (decision tree, random forest, extra trees) and Gaussian naive Bayes. */
export function loadForestOrNBModel(input: ModelInput): LoadedModel {
  return decodeModel(input, FOREST_AND_NB);
}
