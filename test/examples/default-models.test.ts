// The default models in data/models: trained only from the MIT emlearn recordings, at the
// rate each board's example runs its accelerometer, reproducible byte for byte by the script.
import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadForestModel } from '../../src/classifiers/load-forest-model';
import { loadForestOrNBModel } from '../../src/classifiers/load-small-model';
import { loadModel } from '../../src/classifiers/load-model';
import { GesturePipeline } from '../../src/pipeline';
import { PUCK_RATES } from '../../src/drivers/puck';
// @ts-ignore: plain ES module script, no types
import { DEFAULT_MODELS, trainDefaultModels } from '../../data/models/train-default-models.mjs';
import { ROOT, modelBytes } from './helpers';

var tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-default-models-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('default models', () => {
  it('are what data/models/train-default-models.mjs makes from data/emlearn-har, byte for byte', () => {
    var made = trainDefaultModels(tmp);
    expect(made.map((m: any) => path.basename(m.file))).toEqual(DEFAULT_MODELS.map((m: any) => m.file));
    for (var m of made) {
      expect(Buffer.compare(fs.readFileSync(m.file), fs.readFileSync(path.join(ROOT, 'data/models', path.basename(m.file)))), m.file).toBe(0);
      expect(m.loroAccuracy).toBeGreaterThan(0.8); // leave-one-recording-out, 4 classes
    }
  });

  it('load with the loader of their board and fit the rate their examples use', () => {
    // The Puck.js bundle decodes forests and naive Bayes (its default); the Pixl.js one forests only.
    var puckModel = loadForestOrNBModel(modelBytes('puckjs-cgestures.egm'));
    expect(puckModel.kind).toBe('gaussian-nb');
    expect(() => loadForestModel(modelBytes('puckjs-cgestures.egm'))).toThrow(/model kind 3 is not supported by this build/);
    var puck = puckModel.spec;
    expect(puck).toMatchObject({ labels: ['idle', 'snake', 'updown', 'wave'], channels: ['acc_x', 'acc_y', 'acc_z'], sourceRateHz: 52, rateHz: 13, hopMs: 250, motionGate: 0.3 });
    expect(PUCK_RATES).toContain(puck.sourceRateHz);
    var bangle = loadModel(modelBytes('banglejs2-cgestures.egm'));
    expect(bangle.spec).toMatchObject({ labels: ['idle', 'snake', 'updown', 'wave'], sourceRateHz: 50, rateHz: 10, hopMs: 300, motionGate: 0.3 });
    expect(Number.isInteger(1000 / bangle.spec.sourceRateHz)).toBe(true); // a whole poll interval in ms
    expect(loadForestOrNBModel(modelBytes('banglejs2-cgestures.egm')).kind).toBe('gaussian-nb'); // the same kind: the Puck.js bundle reads it too
  });

  it('are refused by the pipeline at a rate they were not made for', () => {
    var model = loadForestOrNBModel(modelBytes('puckjs-cgestures.egm'));
    var make = (rateHz: number) => () => new GesturePipeline({ source: { channels: ['acc_x', 'acc_y', 'acc_z'], rateHz }, model, onEvent: () => {} });
    expect(make(52)).not.toThrow();
    expect(make(104)).not.toThrow(); // a whole multiple: every model point still spans 1/13 s
    expect(make(26)).toThrow(/hopMs 250/); // a whole multiple of 13 Hz, but the 250 ms hop is 6.5 samples there
    expect(make(12.5)).toThrow(/13 Hz/);
    expect(make(100)).toThrow(/13 Hz/); // the emlearn data's own rate is not the Puck's
  });
});
