// A hand-written classifier over per-channel std features (no training): strong acc_x
// motion is an X, strong acc_y motion a Y, strong rotation a circle. Good enough to tell
// the seed's single-gesture recordings apart, so pipeline tests have a real model.
import type { Classifier, FeatureSpec } from '../../src/core/types';
import { seedRawSpec, SEED_CHANNELS } from './specs';

export var LABELS = ['idle', 'x', 'y', 'circle'];

/** std of each of the six channels, 1 s at 20 Hz from 100 Hz, one window every 20 ms. */
export function stdSpec(overrides?: Partial<FeatureSpec>): FeatureSpec {
  return seedRawSpec(Object.assign({ channels: SEED_CHANNELS.slice(), features: 'stats', stats: ['std'], hopMs: 20 }, overrides));
}

export function makeHandClassifier(): Classifier & { calls: number; sawNaN: boolean } {
  return {
    labels: LABELS,
    calls: 0,
    sawNaN: false,
    predict(f: Float32Array, scores?: Float32Array): number {
      this.calls++;
      for (var i = 0; i < f.length; i++) if (f[i] !== f[i]) this.sawNaN = true;
      var label = 0;
      if (f[3] > 30) label = 3;
      else if (f[0] > 4 && f[1] < 3) label = 1;
      else if (f[1] > 4 && f[0] < 3) label = 2;
      if (scores) {
        scores.fill(0.1 / 3);
        scores[label] = 0.9;
      }
      return label;
    }
  };
}

/** The same rule as makeHandClassifier, as device code (ES5) to run inside the sandbox. */
export var DEVICE_HAND_CLASSIFIER = `({
  labels: ${JSON.stringify(LABELS)},
  predict: function (f, scores) {
    var label = 0;
    if (f[3] > 30) label = 3;
    else if (f[0] > 4 && f[1] < 3) label = 1;
    else if (f[1] > 4 && f[0] < 3) label = 2;
    if (scores) { scores.fill(0.1 / 3); scores[label] = 0.9; }
    return label;
  }
})`;
