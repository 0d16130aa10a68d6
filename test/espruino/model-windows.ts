// Models and feature windows for the real-interpreter tier: the shipped default models with
// the emlearn recordings resampled to each board's rate, and a seed-trained model (trained
// at test time, the seed data never copied) with a seed recording.
import path from 'node:path';
import { windowsFromRecording } from '../../src/pipeline/replay';
import { loadModel } from '../../src/classifiers/load-model';
import { emlearnSignal, modelBytes, trainSeedModel } from '../examples/helpers';
import { readSeedRecording } from '../pipeline/seed-recording';
// @ts-ignore: plain ES module, no types
import { resample, DEFAULT_MODELS, PUCKJS_EARLIER_FOREST, trainBoardModelFile } from '../../data/models/train-default-models.mjs';

export interface ModelCase {
  bytes: Uint8Array;
  /** Feature vectors, row-major (n x nFeatures). */
  X: Float32Array;
  n: number;
  nFeatures: number;
}

/** Every `every`-th window's features of a recording, as the device's Windower computes them. */
function windows(bytes: Uint8Array, channels: string[], rateHz: number, rows: ArrayLike<ArrayLike<number>>, times: ArrayLike<number>, every: number): ModelCase {
  var model = loadModel(bytes);
  var kept: Float32Array[] = [];
  var i = 0;
  windowsFromRecording(model.spec, channels, rateHz, rows, (_t, f) => { if (i++ % every === 0) kept.push(new Float32Array(f)); }, times);
  var nf = kept[0].length;
  var X = new Float32Array(kept.length * nf);
  kept.forEach((f, k) => X.set(f, k * nf));
  return { bytes, X, n: kept.length, nFeatures: nf };
}

/** A shipped default model (data/models) over the emlearn sequence at the model's source rate. */
export function defaultModelCase(file: string, every = 3): ModelCase {
  return emlearnModelCase(modelBytes(file), every);
}

/** The Puck.js default's earlier forest (RF 10 depth 6, the same windows), trained here: a forest for the forest-only bundles. */
export function earlierPuckForestCase(every = 3): ModelCase {
  var puck = DEFAULT_MODELS.filter((m: any) => m.board === 'puckjs')[0];
  return emlearnModelCase(trainBoardModelFile(puck, PUCKJS_EARLIER_FOREST), every);
}

/** A model trained on the emlearn recordings over the emlearn sequence at the model's source rate. */
function emlearnModelCase(bytes: Uint8Array, every: number): ModelCase {
  var spec = loadModel(bytes).spec;
  var rec = resample(emlearnSignal(), spec.sourceRateHz);
  var rows: number[][] = [];
  for (var r = 0; r < rec.timesMs.length; r++) rows.push(Array.from(rec.values.subarray(r * 6, r * 6 + 6)));
  return windows(bytes, rec.channels, spec.sourceRateHz, rows, rec.timesMs, every);
}

var seedBytes: Uint8Array | null = null;

/** The seed RF of the examples' README (trained once per process) over a seed recording. */
export async function seedModelCase(dir: string, recording = 'move_circle_20210522_1.csv', every = 10): Promise<ModelCase> {
  if (!seedBytes) seedBytes = await trainSeedModel(path.join(dir, 'seed.model'));
  var rec = readSeedRecording(recording);
  return windows(seedBytes, rec.channels, rec.rateHz, rec.rows, rec.times, every);
}
