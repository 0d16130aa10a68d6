// loadModel with every model kind (Node, esp32, banglejs2 bundles).
import type { LoadedModel, ModelInput, ModelKindTable } from './model-decode';
import { decodeModel } from './model-decode';
import { ModelKinds } from './model-format';
import { forestKind } from './forest-kind';
import { nearestCentroidKind } from './nearest-centroid';
import { gaussianNBKind } from './gaussian-nb';
import { softmaxKind } from './softmax-regression';

var ALL_KINDS: ModelKindTable = {};
ALL_KINDS[ModelKinds.forest] = forestKind;
ALL_KINDS[ModelKinds.nearestCentroid] = nearestCentroidKind;
ALL_KINDS[ModelKinds.gaussianNB] = gaussianNBKind;
ALL_KINDS[ModelKinds.softmax] = softmaxKind;

/**
 * Reads a model file (ArrayBuffer, Uint8Array, binary string, base64 string or Storage
 * file name) into `{ spec, classifier, bytes, kind }`. Arrays are views over the input.
 */
export function loadModel(input: ModelInput): LoadedModel {
  return decodeModel(input, ALL_KINDS);
}
