// loadModel for forests only: the pixljs bundle exports this as loadModel (the puckjs one: load-small-model.ts).
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
