// loadModel for forests only: the small boards' bundles (puckjs, pixljs) export this as loadModel.
import type { LoadedModel, ModelInput, ModelKindTable } from './model-decode';
import { decodeModel } from './model-decode';
import { ModelKinds } from './model-format';
import { forestKind } from './forest-kind';

var FOREST_ONLY: ModelKindTable = {};
FOREST_ONLY[ModelKinds.forest] = forestKind;

/** Like loadModel, but knows only forests (decision tree, random forest, extra trees). */
export function loadForestModel(input: ModelInput): LoadedModel {
  return decodeModel(input, FOREST_ONLY);
}
