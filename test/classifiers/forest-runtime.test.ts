import { describe, it, expect } from 'vitest';
import { createForest } from '../../src/classifiers/forest';
import { loadModel } from '../../src/classifiers/load-model';
import { encodeModel } from '../../src/classifiers/model-encode';
import type { FeatureSpec } from '../../src/core/types';

/** float32 neighbours of a float32 value, through its bit pattern. */
function nextFloat32(v: number, dir: 1 | -1): number {
  var f = new Float32Array([v]), bits = new Int32Array(f.buffer);
  bits[0] += v >= 0 ? dir : -dir;
  return f[0];
}

// One stump on feature 1: x[1] <= t -> leaf 0 (class a), else leaf 1 (class b).
function stump(t: number) {
  return createForest(['a', 'b'], {
    feature: new Uint16Array([1]),
    threshold: new Float32Array([t]),
    left: new Int16Array([-1]),
    right: new Int16Array([-2]),
    roots: new Int16Array([0]),
    leaves: new Float32Array([1, 0, 0, 1])
  });
}

var spec2: FeatureSpec = {
  channels: ['acc_x', 'acc_y'], sourceRateHz: 50, rateHz: 50, windowMs: 0, points: 1, hopMs: 20,
  downsample: 'pick', features: 'raw', labels: ['a', 'b'], idleLabel: -1
};

describe('forest runtime: float32 threshold boundaries', () => {
  var t = new Float32Array([0.1])[0]; // 0.1 is not a float32: this is its float32 rounding
  var cases: Array<[string, number, number]> = [
    ['x equal to the threshold goes left', t, 0],
    ['the next float32 above goes right', nextFloat32(t, 1), 1],
    ['the next float32 below goes left', nextFloat32(t, -1), 0],
    ['NaN goes right (x <= t is false)', NaN, 1],
    ['-Infinity goes left', -Infinity, 0],
    ['+Infinity goes right', Infinity, 1]
  ];
  for (var [name, x, expected] of cases) {
    it(name, ((x: number, expected: number) => () => {
      var direct = stump(t);
      var decoded = loadModel(encodeModel(spec2, direct).bytes).classifier;
      var input = new Float32Array([123, x]);
      expect(direct.predict(input)).toBe(expected);
      expect(decoded.predict(input)).toBe(expected);
    })(x, expected));
  }

  it('stores a double threshold as float32, so x = float32(0.1) is "<= 0.1" as on the device', () => {
    // Compared in doubles, float32(0.1) = 0.10000000149 > 0.1 would go right; the Float32Array makes both sides equal.
    expect(t).toBeGreaterThan(0.1);
    var f = stump(0.1);
    expect(f.threshold[0]).toBe(t);
    expect(f.predict(new Float32Array([0, 0.1]))).toBe(0);
  });
});

describe('forest runtime: scores', () => {
  // Tree 1: leaf [0.25, 0.75, 0]; tree 2: split on x[0] <= 0 -> [1,0,0] else [0,0,1].
  var f = createForest(['p', 'q', 'r'], {
    feature: new Uint16Array([0]),
    threshold: new Float32Array([0]),
    left: new Int16Array([-2]),
    right: new Int16Array([-3]),
    roots: new Int16Array([-1, 0]),
    leaves: new Float32Array([0.25, 0.75, 0, 1, 0, 0, 0, 0, 1])
  });

  it('averages leaf distributions over trees and returns the argmax', () => {
    var s = new Float32Array(3);
    expect(f.predict(new Float32Array([-1]), s)).toBe(0);
    expect(Array.from(s)).toEqual([0.625, 0.375, 0]);
    expect(f.predict(new Float32Array([1]), s)).toBe(2);
    expect(Array.from(s)).toEqual([0.125, 0.375, 0.5]);
  });

  it('breaks ties toward the lowest label index', () => {
    var tie = createForest(['p', 'q'], {
      feature: new Uint16Array(0), threshold: new Float32Array(0), left: new Int16Array(0), right: new Int16Array(0),
      roots: new Int16Array([-1, -2]), leaves: new Float32Array([0, 1, 1, 0])
    });
    var s = new Float32Array(2);
    expect(tie.predict(new Float32Array([5]), s)).toBe(0);
    expect(Array.from(s)).toEqual([0.5, 0.5]);
  });

  it('gives the same scores when every root is a split node (the walk without a root test)', () => {
    // Tree 1 of f as a split whose two children are both its leaf row: no root is a leaf.
    var splits = createForest(['p', 'q', 'r'], {
      feature: new Uint16Array([0, 0]),
      threshold: new Float32Array([3, 0]),
      left: new Int16Array([-1, -2]),
      right: new Int16Array([-1, -3]),
      roots: new Int16Array([0, 1]),
      leaves: new Float32Array([0.25, 0.75, 0, 1, 0, 0, 0, 0, 1])
    });
    var a = new Float32Array(3), b = new Float32Array(3);
    [-1, 0, 1, 5, NaN].forEach(function (v) {
      var x = new Float32Array([v]);
      expect(splits.predict(x, b)).toBe(f.predict(x, a));
      expect(Array.from(b)).toEqual(Array.from(a));
    });
  });

  it('breaks a tie between higher labels toward the lower one when every root splits', () => {
    var tie = createForest(['p', 'q', 'r'], {
      feature: new Uint16Array([0, 0]), threshold: new Float32Array([0, 0]), left: new Int16Array([-2, -3]), right: new Int16Array([-2, -3]),
      roots: new Int16Array([0, 1]), leaves: new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1])
    });
    var s = new Float32Array(3);
    expect(tie.predict(new Float32Array([1]), s)).toBe(1);
    expect(Array.from(s)).toEqual([0, 0.5, 0.5]);
  });

  it('works without a scores array and leaves a given one fully overwritten', () => {
    var s = new Float32Array([9, 9, 9]);
    expect(f.predict(new Float32Array([1]))).toBe(2);
    f.predict(new Float32Array([1]), s);
    expect(s[0] + s[1] + s[2]).toBeCloseTo(1, 6);
  });
});
