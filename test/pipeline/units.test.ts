// A model carries the units it was trained on (model file v2); a GesturePipeline refuses a
// source of the SDK that delivers another unit, naming the channel and both units, and
// checks nothing where either side does not say.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GesturePipeline } from '../../src/pipeline/pipeline';
import { MPU6500 } from '../../src/drivers/mpu6500';
import { PuckAccelSource } from '../../src/drivers/puck';
import { BangleAccelSource } from '../../src/drivers/bangle';
import { loadModel } from '../../src/classifiers/load-model';
import { encodeModel } from '../../src/classifiers/model-encode';
import { FakeI2CBus } from '../../src/testing/i2c-bus';
import { createFakePuck } from '../../src/testing/fakes/accel-puck';
import { createFakeBangle } from '../../src/testing/fakes/accel-bangle';
import type { FeatureSpec, InputUnits } from '../../src/core/types';
import { seedRawSpec } from './specs';

var ROOT = path.resolve(__dirname, '../..');

function model(spec: FeatureSpec) {
  return { spec, classifier: { labels: spec.labels, predict: () => 0 } };
}

function errorOf(f: () => unknown): any {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

/** The shipped Puck.js model (52 Hz, acc_x..acc_z) written again as v2 with these units. */
function puckModelIn(units: InputUnits) {
  var m = loadModel(new Uint8Array(readFileSync(path.join(ROOT, 'data/models/puckjs-cgestures.egm'))));
  return loadModel(encodeModel(Object.assign({}, m.spec, { units }), m.classifier).bytes);
}

var onEvent = () => {};

describe('GesturePipeline checks the source against the model\'s units', () => {
  it('refuses a Puck.js source for a model trained on raw counts, from the model file itself', () => {
    var m = puckModelIn({ accel: 'counts', gyro: 'unknown', countsPerG: 0 });
    expect(m.spec.units).toEqual({ accel: 'counts', gyro: 'unknown' });
    var source = new PuckAccelSource({ rateHz: 52, channels: ['acc_x', 'acc_y', 'acc_z'], puck: createFakePuck() });
    var e = errorOf(() => new GesturePipeline({ source, model: m, onEvent }));
    expect(e.code).toBe('UNIT_MISMATCH');
    expect(e.message).toBe('The model reads acc_x in counts but the source delivers m/s2: train it on m/s2');
    expect({ model: e.model, source: e.source }).toEqual({ model: 'counts', source: 'm/s2' });
  });

  it('refuses a Bangle.js source for a model trained in g', () => {
    var spec = seedRawSpec({ channels: ['acc_z', 'acc_x'], sourceRateHz: 25, rateHz: 25, points: 26, hopMs: 200, units: { accel: 'g', gyro: 'deg/s' } });
    var source = new BangleAccelSource({ rateHz: 25, channels: ['acc_x', 'acc_z'], bangle: createFakeBangle() });
    var e = errorOf(() => new GesturePipeline({ source, model: model(spec), onEvent }));
    expect(e.code).toBe('UNIT_MISMATCH');
    expect(e.message).toBe('The model reads acc_z in g but the source delivers m/s2: train it on m/s2');
  });

  it('refuses an MPU6500 for a model whose rotation is in rad/s, naming the first gyro channel it reads', () => {
    var spec = seedRawSpec({ channels: ['acc_x', 'gyro_y', 'gyro_x'], units: { accel: 'm/s2', gyro: 'rad/s' } });
    var source = new MPU6500(new FakeI2CBus(), { rateHz: 100 });
    var e = errorOf(() => new GesturePipeline({ source, model: model(spec), onEvent }));
    expect(e.code).toBe('UNIT_MISMATCH');
    expect(e.message).toBe('The model reads gyro_y in rad/s but the source delivers deg/s: train it on deg/s');
  });

  it('accepts matching units, an unknown unit, a unit of channels the model does not read, and sides that do not say', () => {
    var source = new MPU6500(new FakeI2CBus(), { rateHz: 100 });
    var cases: (InputUnits | undefined)[] = [
      { accel: 'm/s2', gyro: 'deg/s', countsPerG: 16384 }, // converted from counts on the host: m/s2, as the driver delivers
      { accel: 'unknown', gyro: 'unknown' },
      undefined, // a v1 model file
    ];
    for (var units of cases) {
      expect(new GesturePipeline({ source, model: model(seedRawSpec({ units })), onEvent }).counters.samples).toBe(0);
    }
    // gyro in counts, but the model reads acceleration only
    var accOnly = seedRawSpec({ channels: ['acc_x', 'acc_y', 'acc_z'], units: { accel: 'm/s2', gyro: 'counts' } });
    expect(() => new GesturePipeline({ source, model: model(accOnly), onEvent })).not.toThrow();
    // host replay: a recording checked (or converted) by the toolkit, with no units of its own
    var inG = seedRawSpec({ units: { accel: 'g', gyro: 'deg/s' } });
    expect(() => new GesturePipeline({ source: { channels: inG.channels, rateHz: 100 }, model: model(inG), onEvent })).not.toThrow();
  });

  it('checks again at start() when the source was reconfigured since construction', () => {
    var spec = seedRawSpec({ channels: ['acc_x'], units: { accel: 'g', gyro: 'deg/s' } });
    var source: any = { channels: ['acc_x'], rateHz: 100, units: { accel: 'g', gyro: 'deg/s' }, start() {}, stop() {} };
    var p = new GesturePipeline({ source, model: model(spec), onEvent });
    source.rateHz = 200; // what a driver's setRate does; its units now m/s2 as well
    source.units = { accel: 'm/s2', gyro: 'deg/s' };
    expect(errorOf(() => p.start()).code).toBe('UNIT_MISMATCH');
    expect(p.running).toBe(false);
  });
});
