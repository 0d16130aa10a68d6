import { describe, it, expect, beforeAll } from 'vitest';
import { loadSeed20Hz, seedSpec, SeedTable } from './seed-table';
import { trainForest, trainNearestCentroid, trainGaussianNB, trainSoftmaxRegression } from '../../src/host/train/index';
import { encodeModel, modelToBase64 } from '../../src/classifiers/model-encode';
import { loadModel } from '../../src/classifiers/load-model';
import { loadForestModel } from '../../src/classifiers/load-forest-model';
import { crc32 } from '../../src/classifiers/model-format';
import type { Classifier } from '../../src/core/types';

var seed: SeedTable;
var forest: ReturnType<typeof trainForest>;
var file: Uint8Array;

beforeAll(() => {
  seed = loadSeed20Hz();
  forest = trainForest(seed.X, seed.y, seed.nFeatures, 4, { nTrees: 10, maxDepth: 8, seed: 42, labels: seedSpec().labels });
  file = encodeModel(seedSpec(), forest).bytes;
});

/** Same label and bit-identical scores on every window of the seed table. */
function expectSameOnEveryWindow(a: Classifier, b: Classifier) {
  var sa = new Float32Array(4), sb = new Float32Array(4), nf = seed.nFeatures, mismatches = 0;
  for (var i = 0; i < seed.y.length; i++) {
    var x = seed.X.subarray(i * nf, (i + 1) * nf);
    if (a.predict(x, sa) !== b.predict(x, sb)) mismatches++;
    for (var c = 0; c < 4; c++) if (sa[c] !== sb[c]) mismatches++;
  }
  expect(mismatches).toBe(0);
}

/** A copy of the file with `edit` applied to the decoded views, checksum recomputed. */
function tampered(edit: (m: any, bytes: Uint8Array) => void): Uint8Array {
  var copy = new Uint8Array(file.length);
  copy.set(file);
  var decoded = loadModel(copy.buffer).classifier as any; // views over `copy`
  edit(decoded, copy);
  new DataView(copy.buffer).setUint32(copy.length - 4, crc32(copy, copy.length - 4), true);
  return copy;
}

function errorOf(fn: () => unknown): any {
  try { fn(); } catch (e) { return e; }
  throw new Error('expected an error');
}

describe('model file: round trip', () => {
  it('decodes the seed forest to the same predictions and scores on every window', () => {
    var loaded = loadModel(file);
    expect(loaded.kind).toBe('forest');
    expect(loaded.bytes).toBe(file.length);
    expect(loaded.spec).toEqual(seedSpec());
    expectSameOnEveryWindow(forest, loaded.classifier);
  });

  it('accepts ArrayBuffer, Uint8Array, binary string and base64 alike', () => {
    var binary = String.fromCharCode.apply(null, Array.from(file));
    for (var input of [file.buffer as ArrayBuffer, file, binary, modelToBase64(file)]) {
      var m = loadModel(input).classifier;
      expect(m.predict(seed.X.subarray(0, seed.nFeatures))).toBe(forest.predict(seed.X.subarray(0, seed.nFeatures)));
    }
  });

  it('builds views into the given buffer instead of copying', () => {
    var m = loadModel(file.buffer as ArrayBuffer).classifier as any;
    expect(m.threshold.buffer).toBe(file.buffer);
    expect(m.leaves.buffer).toBe(file.buffer);
  });

  it('reads a Uint8Array at an unaligned offset (a Node Buffer slice) by copying once', () => {
    var big = new Uint8Array(file.length + 3);
    big.set(file, 3);
    var m = loadModel(big.subarray(3)).classifier;
    expectSameOnEveryWindow(forest, m);
  });

  it('round-trips nearest centroid, Gaussian naive Bayes and softmax regression', () => {
    var labels = seedSpec().labels;
    for (var train of [trainNearestCentroid, trainGaussianNB, trainSoftmaxRegression]) {
      var model = train(seed.X, seed.y, seed.nFeatures, 4, { labels: labels, epochs: 20 } as any);
      var loaded = loadModel(encodeModel(seedSpec(), model).bytes);
      expectSameOnEveryWindow(model, loaded.classifier);
    }
  });

  it('encodes the same model to the same bytes', () => {
    expect(Array.from(encodeModel(seedSpec(), forest).bytes)).toEqual(Array.from(file));
  });
});

describe('model file: rejected with a specific error', () => {
  it('a flipped byte anywhere after the header: MODEL_CORRUPT (checksum)', () => {
    var codes: string[] = [];
    for (var at = 12; at < file.length; at += 37) {
      var bad = file.slice();
      bad[at] ^= 0x10;
      var e = errorOf(() => loadModel(bad));
      codes.push(e.code + ' ' + /checksum/.test(e.message));
    }
    expect(codes.length).toBeGreaterThan(100);
    expect(codes.filter(function (c) { return c !== 'MODEL_CORRUPT true'; })).toEqual([]);
  });

  it('not a model file: MODEL_CORRUPT (bad magic)', () => {
    var bad = file.slice();
    bad[0] = 0x58;
    var e = errorOf(() => loadModel(bad));
    expect(e.code).toBe('MODEL_CORRUPT');
    expect(e.message).toMatch(/magic/);
  });

  it('a short file: MODEL_TRUNCATED', () => {
    var e = errorOf(() => loadModel(file.slice(0, file.length - 100)));
    expect(e.code).toBe('MODEL_TRUNCATED');
    expect(e.message).toMatch(new RegExp('header says ' + file.length + ' bytes, got ' + (file.length - 100)));
    expect(errorOf(() => loadModel(file.slice(0, 6))).code).toBe('MODEL_TRUNCATED');
  });

  it('an unknown version: MODEL_VERSION', () => {
    var bad = file.slice();
    bad[4] = 7;
    var e = errorOf(() => loadModel(bad));
    expect(e.code).toBe('MODEL_VERSION');
    expect(e.message).toMatch(/version 7 is not supported/);
  });

  it('a kind the bundle lacks: MODEL_VERSION naming what it has', () => {
    var nb = encodeModel(seedSpec(), trainGaussianNB(seed.X, seed.y, seed.nFeatures, 4, { labels: seedSpec().labels })).bytes;
    var e = errorOf(() => loadForestModel(nb));
    expect(e.code).toBe('MODEL_VERSION');
    expect(e.message).toMatch(/kind 3 is not supported by this build \(it has: forest\)/);
  });

  it('a child index out of range: MODEL_INCONSISTENT', () => {
    var bad = tampered(function (m) { m.left[0] = m.feature.length + 5; });
    var e = errorOf(() => loadModel(bad));
    expect(e.code).toBe('MODEL_INCONSISTENT');
    expect(e.message).toMatch(/child index \d+ out of range/);
  });

  it('a child pointing back to its parent (a loop): MODEL_INCONSISTENT', () => {
    var bad = tampered(function (m) { m.right[2] = 1; });
    expect(errorOf(() => loadModel(bad)).code).toBe('MODEL_INCONSISTENT');
  });

  it('a leaf reference past the leaf rows: MODEL_INCONSISTENT', () => {
    var bad = tampered(function (m) { m.roots[0] = -(m.leaves.length / 4) - 1; });
    var e = errorOf(() => loadModel(bad));
    expect(e.code).toBe('MODEL_INCONSISTENT');
    expect(e.message).toMatch(/root index -\d+ out of range/);
  });

  it('a feature index past the spec: MODEL_INCONSISTENT', () => {
    var bad = tampered(function (m) { m.feature[0] = 126; });
    var e = errorOf(() => loadModel(bad));
    expect(e.code).toBe('MODEL_INCONSISTENT');
    expect(e.message).toMatch(/reads feature 126 of 126/);
  });

  it('a non-finite threshold: MODEL_INCONSISTENT', () => {
    var bad = tampered(function (m) { m.threshold[1] = NaN; });
    var e = errorOf(() => loadModel(bad));
    expect(e.code).toBe('MODEL_INCONSISTENT');
    expect(e.message).toMatch(/non-finite threshold/);
  });

  it('leaf width different from the label count: MODEL_INCONSISTENT', () => {
    var bad = tampered(function (m, bytes) {
      // The u16 width sits 6 bytes before the leaves' data (array header: type, 0, width, count).
      new DataView(bytes.buffer).setUint16(m.leaves.byteOffset - 6, 3, true);
    });
    var e = errorOf(() => loadModel(bad));
    expect(e.code).toBe('MODEL_INCONSISTENT');
    expect(e.message).toMatch(/leaf distributions have 3 values, but there are 4 labels/);
  });

  it('a feature count the spec does not imply: MODEL_INCONSISTENT', () => {
    var bad = tampered(function (m, bytes) { new DataView(bytes.buffer).setUint16(6, 66, true); });
    var e = errorOf(() => loadModel(bad));
    expect(e.code).toBe('MODEL_INCONSISTENT');
    expect(e.message).toMatch(/spec implies 126 features \(6 channels x 21 points\) but the model reads 66/);
  });

  it('a string that is neither model data nor a Storage file: BAD_INPUT', () => {
    var e = errorOf(() => loadModel('gestures.model'));
    expect(e.code).toBe('BAD_INPUT');
    expect(errorOf(() => loadModel(42 as any)).code).toBe('BAD_INPUT');
  });
});

describe('model file: values that would poison predict are refused', () => {
  it('a 24-byte file with an empty spec: MODEL_INCONSISTENT, not a RangeError', () => {
    var hex = '45474d4601010000180000000000000000000000eb3042b8', b = new Uint8Array(24);
    for (var i = 0; i < 24; i++) b[i] = parseInt(hex.substr(i * 2, 2), 16);
    var e = errorOf(() => loadModel(b));
    expect(e.code).toBe('MODEL_INCONSISTENT');
    expect(e.message).toMatch(/feature spec too short/);
  });

  it('forest leaves that are NaN, infinite, negative, above 1 or do not sum to 1', () => {
    for (var v of [NaN, Infinity, -Infinity, -0.3, 1.2]) {
      var e = errorOf(() => loadModel(tampered(function (m) { m.leaves[5] = v; })));
      expect(e.code).toBe('MODEL_INCONSISTENT');
      expect(e.message).toMatch(/leaf row 1 is not a distribution/);
    }
    expect(errorOf(() => loadModel(tampered(function (m) { m.leaves[0] = m.leaves[0] / 2 + 0.01; }))).code).toBe('MODEL_INCONSISTENT');
  });

  it('a non-finite spec rate: MODEL_INCONSISTENT naming the field', () => {
    var bad = tampered(function (m, bytes) { new DataView(bytes.buffer).setFloat64(14 + 8, Infinity, true); });
    expect(errorOf(() => loadModel(bad)).message).toMatch(/feature spec rateHz is Infinity/);
  });

  it('bytes after the last array: MODEL_INCONSISTENT', () => {
    var longer = new Uint8Array(file.length + 4);
    longer.set(file.subarray(0, file.length - 4));
    var dv = new DataView(longer.buffer);
    dv.setUint32(8, longer.length, true);
    dv.setUint32(longer.length - 4, crc32(longer, longer.length - 4), true);
    expect(errorOf(() => loadModel(longer)).message).toMatch(/4 bytes after the last array/);
  });

  it('NaN or infinite weights, means and biases, and variances <= 0, in the other kinds', () => {
    var labels = seedSpec().labels, cases: [any, string, number][] = [
      [trainNearestCentroid, 'centroids', NaN], [trainNearestCentroid, 'weights', Infinity], [trainNearestCentroid, 'weights', -1],
      [trainGaussianNB, 'means', NaN], [trainGaussianNB, 'invVars', 0], [trainGaussianNB, 'invVars', -2], [trainGaussianNB, 'invVars', Infinity], [trainGaussianNB, 'bias', -Infinity],
      [trainSoftmaxRegression, 'weights', NaN], [trainSoftmaxRegression, 'bias', Infinity],
    ];
    for (var [train, field, v] of cases) {
      var bytes = encodeModel(seedSpec(), train(seed.X, seed.y, seed.nFeatures, 4, { labels: labels, epochs: 5 })).bytes;
      (loadModel(bytes).classifier as any)[field][3] = v; // a view: writes into bytes
      new DataView(bytes.buffer).setUint32(bytes.length - 4, crc32(bytes, bytes.length - 4), true);
      var e = errorOf(() => loadModel(bytes));
      expect(e.code, field + ' = ' + v).toBe('MODEL_INCONSISTENT');
      expect(e.message, field + ' = ' + v).toMatch(/\[3\] is /);
    }
  });
});

describe('models at extreme feature values (log-scores in float64)', () => {
  it('nearest centroid, Gaussian naive Bayes and softmax give finite scores summing to 1 for features of 1e22..3.4e38', () => {
    var labels = seedSpec().labels, nf = seed.nFeatures, s = new Float32Array(4), bad: string[] = [];
    for (var train of [trainNearestCentroid, trainGaussianNB, trainSoftmaxRegression]) {
      var m = loadModel(encodeModel(seedSpec(), train(seed.X, seed.y, nf, 4, { labels: labels, epochs: 20 } as any)).bytes).classifier;
      for (var v of [1e22, -1e22, 1e30, 1e38, -1e38, 3.4028234663852886e38]) {
        m.predict(new Float32Array(nf).fill(v), s);
        var sum = s[0] + s[1] + s[2] + s[3];
        if (!(Math.abs(sum - 1) < 1e-6) || Array.from(s).some(function (x) { return !(x >= 0 && x <= 1); })) bad.push(train.name + ' ' + v + ': ' + Array.from(s));
      }
    }
    expect(bad).toEqual([]);
  });

  it('softmax at 1e30 picks the class with the largest weight sum (not class 0 by NaN); nearest centroid ties evenly', () => {
    var nf = seed.nFeatures, labels = seedSpec().labels, x = new Float32Array(nf).fill(1e30), s = new Float32Array(4);
    var sm = trainSoftmaxRegression(seed.X, seed.y, nf, 4, { labels: labels, epochs: 20 }) as any;
    // Far out along the diagonal z_c ~ 1e30 * sum_f W_cf: the largest weight sum wins outright.
    var best = 0, bestSum = -Infinity;
    for (var c = 0; c < 4; c++) {
      var sum = 0;
      for (var f = 0; f < nf; f++) sum += sm.weights[c * nf + f];
      if (sum > bestSum) { bestSum = sum; best = c; }
    }
    expect(sm.predict(x, s)).toBe(best);
    expect(s[best]).toBe(1);
    // At 1e30 every centroid is equally far in float64 (x - c rounds to x): an honest tie, not NaN.
    var nc = trainNearestCentroid(seed.X, seed.y, nf, 4, { labels: labels });
    expect(nc.predict(x, s)).toBe(0);
    expect(Array.from(s)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

describe('model file: encoder refuses what cannot load', () => {
  it('labels that differ from the spec', () => {
    var spec = seedSpec();
    spec.labels = ['a', 'b', 'c', 'd'];
    expect(errorOf(() => encodeModel(spec, forest)).message).toMatch(/labels .* differ/);
  });

  it('a spec that implies another feature count than the model reads', () => {
    var spec = seedSpec();
    spec.points = 11;
    var e = errorOf(() => encodeModel(spec, forest));
    expect(e.code).toBe('MODEL_INCONSISTENT');
  });

  it('a name outside Latin-1', () => {
    var spec = seedSpec();
    spec.channels = spec.channels.slice();
    spec.channels[0] = 'acc_\u03b1';
    expect(errorOf(() => encodeModel(spec, forest)).message).toMatch(/Latin-1/);
  });

  it('an object that is no known model kind', () => {
    var own = { labels: seedSpec().labels, predict: function () { return 0; } };
    expect(errorOf(() => encodeModel(seedSpec(), own)).message).toMatch(/not a forest/);
  });
});
