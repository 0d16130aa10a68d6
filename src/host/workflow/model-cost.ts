// Size and inference cost of a trained model, the two device constraints of a grid search.
import type { Classifier, FeatureSpec } from '../../core/types';
import { encodeModel } from '../../classifiers/model-encode';
import { meanNodesVisited } from '../train';
import { flatten } from './train-model';

export interface ModelCost {
  /** Bytes of the model file (what Storage holds). */
  bytes: number;
  /** Forests: mean split nodes compared per prediction over all trees; others: multiply-adds. */
  perInference: number;
  unit: 'nodes' | 'multiply-adds';
}

export function modelCost(spec: FeatureSpec, model: Classifier, sample: Float32Array[]): ModelCost {
  var bytes = encodeModel(spec, model).byteLength;
  var m: any = model;
  if (m.roots && m.feature && m.threshold) {
    var nf = sample.length ? sample[0].length : 0;
    return { bytes: bytes, perInference: sample.length ? meanNodesVisited(m, flatten(sample), nf) : 0, unit: 'nodes' };
  }
  var nFeatures = sample.length ? sample[0].length : 0;
  return { bytes: bytes, perInference: nFeatures * model.labels.length, unit: 'multiply-adds' };
}
