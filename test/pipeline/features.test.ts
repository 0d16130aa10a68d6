import { describe, it, expect, afterEach } from 'vitest';
import { computeFeatures, featureCount, windowsFromRecording } from '../../src/pipeline';
import type { FeatureSpec } from '../../src/core/types';
import { readSeedRecording } from './seed-recording';
import { seedRawSpec, SEED_CHANNELS } from './specs';

var ALL_STATS: FeatureSpec['stats'] = ['mean', 'std', 'min', 'max', 'rms', 'mad', 'zc'];

function statsSpec(channels: string[], points: number): FeatureSpec {
  return seedRawSpec({ channels: channels, points: points, features: 'stats', stats: ALL_STATS });
}

/** A fake Espruino E with the firmware's semantics, summing in a different order than the JS path. */
function installFakeE() {
  (globalThis as any).E = {
    calls: 0,
    sum(a: ArrayLike<number>) {
      this.calls++;
      var s = 0;
      for (var i = a.length - 1; i >= 0; i--) s += a[i];
      return s;
    },
    // Espruino's E.variance returns the SUM of squared deviations, not divided by N.
    variance(a: ArrayLike<number>, mean: number) {
      this.calls++;
      var s = 0;
      for (var i = a.length - 1; i >= 0; i--) s += (a[i] - mean) * (a[i] - mean);
      return s;
    }
  };
}

afterEach(() => {
  delete (globalThis as any).E;
});

describe('computeFeatures', () => {
  // Two channels, four points, time-major: (1,5) (3,5) (-2,5) (4,5).
  var window = new Float32Array([1, 5, 3, 5, -2, 5, 4, 5]);
  var expected = [
    // channel 0: mean, std (population), min, max, rms, mad, zc
    1.5, Math.sqrt(21 / 4), -2, 4, Math.sqrt(30 / 4), 13 / 3, 3,
    // channel 1: constant; at the mean counts as positive, so no crossings
    5, 0, 5, 5, 5, 0, 0
  ];

  it('computes each statistic as docs/pipeline.md defines it, channel-major in spec order (JS loops)', () => {
    var spec = statsSpec(['acc_x', 'acc_y'], 4);
    var out = new Float32Array(featureCount(spec));
    computeFeatures(spec, window, out);
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
  });

  it('gives the same values through E.sum / E.variance (Espruino path)', () => {
    installFakeE();
    var spec = statsSpec(['acc_x', 'acc_y'], 4);
    var out = new Float32Array(featureCount(spec));
    computeFeatures(spec, window, out);
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
    expect((globalThis as any).E.calls).toBeGreaterThan(0);
  });

  it('follows spec.stats order', () => {
    var spec = seedRawSpec({ channels: ['acc_x', 'acc_y'], points: 4, features: 'stats', stats: ['zc', 'max', 'mean'] });
    var out = new Float32Array(6);
    computeFeatures(spec, window, out);
    expect(Array.from(out)).toEqual([3, 4, 1.5, 0, 5, 5]);
  });

  it('both paths agree within float32 tolerance on every window of a seed recording', () => {
    var rec = readSeedRecording('move_y_20210522_1.csv');
    var spec = seedRawSpec({ features: 'stats', stats: ALL_STATS, hopMs: 100 });
    var plain: Float32Array[] = [];
    windowsFromRecording(spec, rec.channels, 100, rec.rows, (t, f) => plain.push(new Float32Array(f)));
    installFakeE();
    var native: Float32Array[] = [];
    windowsFromRecording(spec, rec.channels, 100, rec.rows, (t, f) => native.push(new Float32Array(f)));
    expect(native.length).toBe(plain.length);
    expect(plain.length).toBeGreaterThan(100);
    for (var w = 0; w < plain.length; w++) {
      for (var i = 0; i < plain[w].length; i++) {
        var a = plain[w][i];
        var b = native[w][i];
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(a)));
      }
    }
  });

  it("'raw' copies the time-major window unchanged", () => {
    var spec = seedRawSpec({ channels: ['acc_x', 'acc_y'], points: 4 });
    var out = new Float32Array(8);
    computeFeatures(spec, window, out);
    expect(out).toEqual(window);
  });

  it('rejects a window or output of the wrong length with BAD_INPUT', () => {
    var spec = statsSpec(SEED_CHANNELS, 21);
    expect(() => computeFeatures(spec, new Float32Array(125), new Float32Array(42))).toThrow(/126/);
    expect(() => computeFeatures(spec, new Float32Array(126), new Float32Array(41))).toThrow(/needs 42/);
  });
});
