// Model file version 3: feature-block bits, the spectral band count and the motion gate
// survive encoding; specs a v1/v2 runtime can read still get v1/v2 files.
import { describe, it, expect } from 'vitest';
import { trainGaussianNB } from '../../src/host/train/index';
import { encodeModel } from '../../src/classifiers/model-encode';
import { loadModel } from '../../src/classifiers/load-model';
import { crc32 } from '../../src/classifiers/model-format';
import { specFeatureCount } from '../../src/core/spec';
import { readModelExtensions } from '../../src/classifiers/model-extensions';
import type { FeatureSpec } from '../../src/core/types';
import { seedRawSpec } from '../pipeline/specs';

function modelFor(spec: FeatureSpec) {
  var nf = specFeatureCount(spec), n = 40, X = new Float32Array(n * nf), y = new Int32Array(n);
  for (var i = 0; i < n; i++) {
    y[i] = i % 4;
    for (var f = 0; f < nf; f++) X[i * nf + f] = Math.sin(i * 0.7 + f) + (i % 4) * 0.5;
  }
  return trainGaussianNB(X, y, nf, 4, { labels: spec.labels });
}

function spec(extra: Partial<FeatureSpec>): FeatureSpec {
  return seedRawSpec(Object.assign({ stats: ['mean', 'std'] }, extra));
}

describe('model file v3', () => {
  it.each([
    ['stats+spectral+cross', { spectralBands: 5 }],
    ['spectral', { spectralBands: 16 }],
    ['cross', {}],
    ['raw+spectral', { spectralBands: 3 }],
    ['stats', { motionGate: 0.3 }],
    ['raw', { motionGate: 1.25 }],
  ] as [string, Partial<FeatureSpec>][])('%s %j: version 3, spec decoded as encoded', (features, extra) => {
    var s = spec(Object.assign({ features }, extra));
    if (features.indexOf('stats') < 0) delete s.stats;
    var bytes = encodeModel(s, modelFor(s)).bytes;
    expect(bytes[4]).toBe(3);
    var back = loadModel(bytes).spec;
    expect(back).toEqual(s);
  });

  it('raw and stats without a gate stay version 1 (2 with units), byte for byte readable by older runtimes', () => {
    var raw = spec({ features: 'raw' });
    delete raw.stats;
    expect(encodeModel(raw, modelFor(raw)).bytes[4]).toBe(1);
    var st = spec({ features: 'stats', motionGate: 0 });
    var b = encodeModel(st, modelFor(st)).bytes;
    expect(b[4]).toBe(1);
    expect(b[14 + 35]).toBe(1); // the features byte: 1 = stats, as v1 wrote it
    var withUnits = spec({ features: 'stats', units: { accel: 'm/s2', gyro: 'deg/s', countsPerG: 0 } });
    expect(encodeModel(withUnits, modelFor(withUnits)).bytes[4]).toBe(2);
  });

  it('v3 with units and training fingerprints: the host still reads its extension records', () => {
    var s = spec({ features: 'stats+spectral', spectralBands: 4, motionGate: 0.5, units: { accel: 'g', gyro: 'rad/s', countsPerG: 0 } });
    var bytes = encodeModel(s, modelFor(s), { training: ['0123456789abcdef'] }).bytes;
    expect(bytes[4]).toBe(3);
    var ext = readModelExtensions(bytes);
    expect(ext.units).toEqual({ accel: 'g', gyro: 'rad/s', countsPerG: 0 });
    expect(ext.training).toEqual(['0123456789abcdef']);
    var back = loadModel(bytes).spec;
    expect(back.spectralBands).toBe(4);
    expect(back.motionGate).toBe(0.5);
  });

  it('an unknown features bit or a bad band count is MODEL_INCONSISTENT naming the rule', () => {
    var s = spec({ features: 'stats+spectral', spectralBands: 4 });
    var bytes = encodeModel(s, modelFor(s)).bytes;
    var bad = (edit: (b: Uint8Array) => void) => {
      var c = bytes.slice();
      edit(c);
      new DataView(c.buffer).setUint32(c.length - 4, crc32(c, c.length - 4), true);
      try { loadModel(c); } catch (e: any) { return e.code + ': ' + e.message; }
      return 'loaded';
    };
    expect(bad((b) => { b[14 + 35] |= 16; })).toMatch(/^MODEL_INCONSISTENT: .*features must be one of raw, stats, spectral, cross.*got unknown features code 19/);
    // The band count sits after the idle label: 37 fixed bytes, 2 stat codes, the names, idle.
    var p = 14 + 37 + 2;
    for (var l = 0; l < 2; l++) { var n = bytes[p++]; for (var i = 0; i < n; i++) p += 1 + bytes[p]; }
    p += 1;
    expect(bytes[p]).toBe(4);
    expect(bad((b) => { b[p] = 0; })).toMatch(/^MODEL_INCONSISTENT: .*features 'spectral' needs spectralBands/);
    expect(bad((b) => { b[p] = 5; })).toBe('MODEL_INCONSISTENT: model inconsistent: feature spec implies 42 features (6 channels x stats+spectral) but the model reads 36');
  });

  it('a gate without an idle class is refused when encoding', () => {
    var s = spec({ features: 'stats', motionGate: 0.5, idleLabel: -1 });
    expect(() => encodeModel(s, modelFor(s))).toThrow(/motionGate needs an idle label/);
  });
});
