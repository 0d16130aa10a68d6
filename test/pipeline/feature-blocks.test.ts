// The 'spectral' and 'cross' feature blocks and their compositions: what they compute, that
// the host's loops and the device bundle in the sandbox (E.FFT, E.convolve, natives) give the
// same vectors on a seed recording, and how specs with them are checked.
import { describe, it, expect, afterEach } from 'vitest';
import { computeFeatures, featureCount, validateSpec, windowsFromRecording } from '../../src/pipeline';
import { FEATURE_KINDS } from '../../src/core/spec';
import { fftModulus } from '../../src/pipeline/spectral';
import { createE } from '../../src/testing/fakes/espruino-e';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { featureNames } from '../../src/host/dataset/feature-names';
import type { FeatureSpec } from '../../src/core/types';
import { readSeedRecording } from './seed-recording';
import { seedRawSpec } from './specs';

afterEach(() => {
  delete (globalThis as any).E;
});

function specOf(features: string, extra?: Partial<FeatureSpec>): FeatureSpec {
  return seedRawSpec(Object.assign({ features: features, stats: ['mean', 'std', 'min', 'max', 'mad'], spectralBands: 4 }, extra || {}));
}

/** One channel's window of `points` in a 3-channel time-major window: channel 0 = f(p), 1 = g(p), 2 = h(p). */
function window3(points: number, f: (p: number) => number, g: (p: number) => number, h: (p: number) => number): Float32Array {
  var w = new Float32Array(points * 3);
  for (var p = 0; p < points; p++) {
    w[p * 3] = f(p);
    w[p * 3 + 1] = g(p);
    w[p * 3 + 2] = h(p);
  }
  return w;
}

describe('spectral block', () => {
  var spec3 = (points: number, bands: number) =>
    seedRawSpec({ channels: ['acc_x', 'acc_y', 'acc_z'], points: points, features: 'spectral', spectralBands: bands });

  it('puts a sine in its band with the sine\'s std, and the bands\' squares sum to the variance', () => {
    // 32 points, FFT length 32, bins 1..16 in 4 bands of 4: bin 6 is band 1.
    var spec = spec3(32, 4);
    var w = window3(32, (p) => 3 * Math.sin((2 * Math.PI * 6 * p) / 32), (p) => 2 + 0.5 * Math.cos((2 * Math.PI * 14 * p) / 32), () => 9.81);
    var out = computeFeatures(spec, w, new Float32Array(featureCount(spec)));
    expect(out.length).toBe(12);
    var x = Array.from(out.subarray(0, 4)), y = Array.from(out.subarray(4, 8)), z = Array.from(out.subarray(8, 12));
    expect(x[1]).toBeCloseTo(3 / Math.SQRT2, 5);
    expect(x[0] + x[2] + x[3]).toBeLessThan(1e-5);
    expect(y[3]).toBeCloseTo(0.5 / Math.SQRT2, 5); // bin 14, the mean 2 removed
    expect(y[0] + y[1] + y[2]).toBeLessThan(1e-5);
    expect(z).toEqual([0, 0, 0, 0]); // constant: no spectrum, whatever its level
  });

  it('on points that are not a power of two (21: zero-padded to 32), the squares of the bands still sum to the variance', () => {
    var spec = spec3(21, 5);
    var w = window3(21, (p) => Math.sin(p * 0.9) * 4 + (p % 3), (p) => (p * p) % 7, (p) => 9.8 + 0.01 * p);
    var out = computeFeatures(spec, w, new Float32Array(featureCount(spec)));
    for (var c = 0; c < 3; c++) {
      var mean = 0, v = 0, s = 0;
      for (var p = 0; p < 21; p++) mean += w[p * 3 + c] / 21;
      for (p = 0; p < 21; p++) v += (w[p * 3 + c] - mean) ** 2 / 21;
      for (var b = 0; b < 5; b++) s += out[c * 5 + b] ** 2;
      expect(s).toBeCloseTo(v, 4);
    }
  });

  it('the loop FFT equals E.FFT (the sandbox\'s, as the firmware) within float32 rounding', () => {
    var E = createE({ Uint8Array: Uint8Array } as any);
    for (var n of [2, 8, 32, 64]) {
      var a = new Float32Array(n), b = new Float32Array(n), im = new Float32Array(n);
      for (var i = 0; i < n; i++) a[i] = b[i] = Math.sin(i * 1.3) * 5 + (i % 4) - 9.8;
      fftModulus(a, im);
      E.FFT(b);
      for (i = 0; i < n; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5 * (1 + Math.abs(b[i])));
    }
  });
});

describe('cross block', () => {
  it('magnitude statistics per sensor, then each pair\'s correlation in channel order', () => {
    var spec = seedRawSpec({ channels: ['acc_x', 'acc_y', 'gyro_z'], points: 8, features: 'cross' });
    var w = window3(8, (p) => p, (p) => -2 * p + 1, () => 5);
    var out = computeFeatures(spec, w, new Float32Array(featureCount(spec)));
    // acc has 2 axes (4 magnitude stats), gyro 1 (none); pairs (x,y) (x,gz) (y,gz).
    expect(out.length).toBe(4 + 3);
    var mags = [];
    for (var p = 0; p < 8; p++) mags.push(Math.hypot(p, -2 * p + 1));
    var mean = mags.reduce((s, m) => s + m, 0) / 8;
    expect(out[0]).toBeCloseTo(mean, 5);
    expect(out[1]).toBeCloseTo(Math.sqrt(mags.reduce((s, m) => s + (m - mean) ** 2, 0) / 8), 5);
    expect(out[2]).toBeCloseTo(Math.min(...mags), 5);
    expect(out[3]).toBeCloseTo(Math.max(...mags), 5);
    expect(out[4]).toBeCloseTo(-1, 6);
    expect(out[5]).toBe(0); // a constant channel
    expect(out[6]).toBe(0);
    expect(featureNames(spec)).toEqual(['acc_mag_mean', 'acc_mag_std', 'acc_mag_min', 'acc_mag_max', 'corr_acc_x_acc_y', 'corr_acc_x_gyro_z', 'corr_acc_y_gyro_z']);
  });
});

describe('composed blocks', () => {
  it('stats+spectral+cross is the stats, then the spectral, then the cross vectors, end to end', () => {
    var rec = readSeedRecording('move_circle_20210522_1.csv');
    var parts = ['stats', 'spectral', 'cross'].map((f) => { var out: Float32Array[] = []; windowsFromRecording(specOf(f), rec.channels, 100, rec.rows, (_t, v) => out.push(new Float32Array(v)), rec.times); return out; });
    var all: Float32Array[] = [];
    windowsFromRecording(specOf('stats+spectral+cross'), rec.channels, 100, rec.rows, (_t, v) => all.push(new Float32Array(v)), rec.times);
    expect(all.length).toBeGreaterThan(50);
    expect(all[0].length).toBe(6 * 5 + 6 * 4 + 2 * 4 + 15);
    for (var k = 0; k < all.length; k += 7) {
      expect(Array.from(all[k])).toEqual(Array.from(parts[0][k]).concat(Array.from(parts[1][k]), Array.from(parts[2][k])));
    }
    expect(featureNames(specOf('stats+spectral+cross')).length).toBe(all[0].length);
  });

  it('raw+spectral starts with the raw window', () => {
    var spec = specOf('raw+spectral');
    var w = new Float32Array(21 * 6).map((_, i) => Math.sin(i));
    var out = computeFeatures(spec, w, new Float32Array(featureCount(spec)));
    expect(out.length).toBe(21 * 6 + 24);
    expect(Array.from(out.subarray(0, 126))).toEqual(Array.from(w));
  });

  it('refuses unknown, repeated or out-of-order blocks, and missing or too many bands', () => {
    expect(() => validateSpec(specOf('spectral+stats'))).toThrow(/features must be one of raw, stats, spectral, cross or several joined by '\+' in that order, got spectral\+stats/);
    expect(() => validateSpec(specOf('stats+stats'))).toThrow(/in that order/);
    expect(() => validateSpec(specOf('fft'))).toThrow(/got fft/);
    expect(() => validateSpec(specOf('raw|stats'))).toThrow(/got raw\|stats/);
    expect(() => validateSpec(specOf('stats+'))).toThrow(/got stats\+/);
    expect(() => validateSpec(specOf('spectral', { spectralBands: undefined }))).toThrow(/features 'spectral' needs spectralBands, a whole number 1..16 for 21 points, got undefined/);
    expect(() => validateSpec(specOf('spectral', { spectralBands: 17 }))).toThrow(/1..16 for 21 points, got 17/);
    expect(() => validateSpec(specOf('cross', { channels: ['acc_x'] }))).toThrow(/features 'cross' needs at least 2 channels/);
    for (var kind of FEATURE_KINDS) expect(() => validateSpec(specOf(kind))).not.toThrow();
  });
});

describe('host loops vs the device bundle in the sandbox (E.FFT, E.convolve, E.sum, E.variance)', () => {
  var rec = readSeedRecording('move_y_20210522_1.csv');
  it.each(FEATURE_KINDS.concat(['raw+spectral+cross']))('%s: every 5th window of a seed recording agrees within float32 rounding', (kind) => {
    var spec = specOf(kind);
    var host: Float32Array[] = [], i = 0;
    windowsFromRecording(spec, rec.channels, 100, rec.rows, (_t, v) => { if (i++ % 5 === 0) host.push(new Float32Array(v)); }, rec.times);
    var sb = createEspruinoSandbox({ board: 'ESP32' });
    sb.loadBundle('esp32', { minified: true });
    var device = sb.run(`
      var eg = require('espruino-gestures'), rows = ${JSON.stringify(rec.rows)}, out = [], i = 0;
      var w = new eg.Windower(${JSON.stringify(spec)}, ${JSON.stringify(rec.channels)}, 100, function (t, f) { if (i++ % 5 === 0) out.push(new Float32Array(f)); });
      for (var r = 0; r < rows.length; r++) w.push(r * 10, rows[r]);
      out;
    `) as Float32Array[];
    expect(device.length).toBe(host.length);
    var worst = 0;
    for (var k = 0; k < host.length; k++) {
      for (var f = 0; f < host[k].length; f++) worst = Math.max(worst, Math.abs(host[k][f] - device[k][f]) / (1 + Math.abs(host[k][f])));
    }
    expect(worst).toBeLessThan(2e-5);
  });

  it('the Puck.js bundle, built without the spectral and cross blocks, refuses such a model by name', () => {
    var sb = createEspruinoSandbox({ board: 'PUCKJS' });
    sb.loadBundle('puckjs', { minified: true });
    var msg = sb.run(`
      var eg = require('espruino-gestures'), msg = '';
      try { new eg.Windower(${JSON.stringify(specOf('stats+spectral'))}, ${JSON.stringify(rec.channels)}, 100, function () {}); } catch (e) { msg = e.code + ': ' + e.message; }
      msg;
    `);
    expect(msg).toBe("BAD_CONFIG: Feature spec: the spectral and cross features are not in this board's bundle (left out to save flash, see docs/boards.md): use raw or stats features, or an esp32 or banglejs2 bundle, got stats+spectral");
    var ok = sb.run(`new eg.Windower(${JSON.stringify(specOf('stats'))}, ${JSON.stringify(rec.channels)}, 100, function () {}).features.length`);
    expect(ok).toBe(30);
  });
});
