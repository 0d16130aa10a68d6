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
