// A TypeScript user's file, type-checked against the installed package's declarations by
// the packaging test (tsc --noEmit, moduleResolution node16 and bundler, no skipLibCheck).
// The @ts-expect-error lines must stay errors: if the types got looser they would fail.
import type { Classifier, FeatureSpec, GestureEvent } from 'espruino-gestures';
import { GesturePipeline, ConsecutiveDebouncer, createForest, ErrorCodes } from 'espruino-gestures';
import { loadForestModel } from 'espruino-gestures/device';
import { trainModel, readNpyRecording } from 'espruino-gestures/host';
import { createEspruinoSandbox, lintEspruinoCode, SimulatedMPU6500 } from 'espruino-gestures/testing';
import type { ReceiverOptions, EventStore } from 'espruino-gestures/server';
import { espruino, espruinoHoist } from 'espruino-gestures/rollup';

// The user's own classifier: "tilt" when the first feature (mean acc_x) passes 3 m/s^2.
export const tilt: Classifier = {
  labels: ['idle', 'tilt'],
  predict(features: Float32Array, scores?: Float32Array): number {
    const label = features[0] > 3 ? 1 : 0;
    if (scores) { scores[0] = 1 - label; scores[1] = label; }
    return label;
  },
};

export const spec: FeatureSpec = {
  channels: ['acc_x'], sourceRateHz: 50, rateHz: 25, windowMs: 1000, points: 25, hopMs: 100,
  downsample: 'mean', features: 'stats', stats: ['mean'], labels: tilt.labels, idleLabel: 0,
};

export const pipeline = new GesturePipeline({
  source: { channels: ['acc_x'], rateHz: 50 },
  model: { spec, classifier: tilt },
  debouncer: new ConsecutiveDebouncer({ idleLabel: 0, count: 3, refractoryMs: 1000 }),
  onEvent: (e) => { const name: string | undefined = e.gesture; void name; },
});

export function toReceiver(e: GestureEvent): string { return e.device_id + '#' + e.id + ' ' + e.gesture; }

// @ts-expect-error predict returns the label index, not its name
export const byName: Classifier = { labels: ['a'], predict: () => 'a' };

// @ts-expect-error features is a feature kind: blocks joined by + in order
export const badSpec: FeatureSpec = { ...spec, features: 'fft' };

export const used = [createForest, loadForestModel, trainModel, readNpyRecording, createEspruinoSandbox, lintEspruinoCode,
  SimulatedMPU6500, espruino, espruinoHoist, ErrorCodes.BAD_INPUT];
export type Used = [ReceiverOptions, EventStore];
