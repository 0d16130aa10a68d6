// Test helper: one small trained model file of each kind (3 classes, 6 stats features), for
// the model-file fuzz tests. Synthetic data from the project's seeded PRNG: same files every run.
import type { FeatureSpec } from '../../src/core/types';
import { createRng } from '../../src/host/train/rng';
import { trainForest, trainNearestCentroid, trainGaussianNB, trainSoftmaxRegression } from '../../src/host/train/index';
import { encodeModel } from '../../src/classifiers/model-encode';
import { crc32 } from '../../src/classifiers/model-format';

export var N_FEATURES = 6;
export var N_CLASSES = 3;

export function smallSpec(): FeatureSpec {
  return {
    channels: ['acc_x', 'acc_y'], sourceRateHz: 100, rateHz: 20, windowMs: 1000, points: 21, hopMs: 200,
    downsample: 'pick', features: 'stats', stats: ['mean', 'std', 'max'], labels: ['idle', 'wave', 'tap'], idleLabel: 0,
  };
}

/** 90 rows: class c has feature means c * 2 + f / 3 with unit noise. */
export function smallData(): { X: Float32Array; y: Int32Array } {
  var rng = createRng(10), n = 90, X = new Float32Array(n * N_FEATURES), y = new Int32Array(n);
  for (var i = 0; i < n; i++) {
    y[i] = i % N_CLASSES;
    for (var f = 0; f < N_FEATURES; f++) X[i * N_FEATURES + f] = y[i] * 2 + f / 3 + (rng.next() - 0.5) * 2;
  }
  return { X: X, y: y };
}

/** kind name -> encoded model file. */
export function smallModelFiles(): { [kind: string]: Uint8Array } {
  var d = smallData(), spec = smallSpec(), o = { labels: spec.labels };
  return {
    forest: encodeModel(spec, trainForest(d.X, d.y, N_FEATURES, N_CLASSES, { nTrees: 3, maxDepth: 4, seed: 3, labels: spec.labels })).bytes,
    'nearest-centroid': encodeModel(spec, trainNearestCentroid(d.X, d.y, N_FEATURES, N_CLASSES, o)).bytes,
    'gaussian-nb': encodeModel(spec, trainGaussianNB(d.X, d.y, N_FEATURES, N_CLASSES, o)).bytes,
    softmax: encodeModel(spec, trainSoftmaxRegression(d.X, d.y, N_FEATURES, N_CLASSES, o)).bytes,
  };
}

/** Rewrites the checksum over the first `total` bytes (as the header says, when it fits). */
export function fixCrc(bytes: Uint8Array, total?: number) {
  var dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  var t = total === undefined ? (bytes.length >= 12 ? dv.getUint32(8, true) : 0) : total;
  if (t >= 4 && t <= bytes.length) dv.setUint32(t - 4, crc32(bytes, t - 4), true);
}

/** Where each array of a model file starts: type, width and count offsets, and its data. */
export interface ArrayLayout { at: number; type: number; count: number; dataAt: number }

export function arrayLayout(bytes: Uint8Array): ArrayLayout[] {
  var dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  var p = (14 + dv.getUint16(12, true) + 3) & ~3, n = dv.getUint32(p, true), out: ArrayLayout[] = [];
  p += 4;
  var sizes = [0, 1, 2, 2, 4, 4];
  for (var i = 0; i < n; i++) {
    var type = bytes[p], count = dv.getUint32(p + 4, true);
    out.push({ at: p, type: type, count: count, dataAt: p + 8 });
    p += 8 + ((count * sizes[type] + 3) & ~3);
  }
  return out;
}
