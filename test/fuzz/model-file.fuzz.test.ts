// Fuzzing the model decoder (device code) with mutated files of every kind: truncation at
// every length, bit flips with the checksum recomputed, inflated lengths, non-finite and
// out-of-range values in every array. A file is either refused with an SDK code or loads
// into a model whose predict() gives finite scores in [0, 1] summing to 1. Seeded, bounded.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { loadModel } from '../../src/classifiers/load-model';
import { smallModelFiles, smallData, fixCrc, arrayLayout, N_FEATURES, N_CLASSES } from './small-models';

var MODEL_CODES = ['MODEL_CORRUPT', 'MODEL_TRUNCATED', 'MODEL_VERSION', 'MODEL_INCONSISTENT'];
var SEED = 20261201;
var files: { [kind: string]: Uint8Array };
var inputs: Float32Array[] = [];
var tried = 0, accepted = 0;
var refusedBy: { [code: string]: number } = {};

beforeAll(() => {
  files = smallModelFiles();
  var d = smallData();
  for (var i = 0; i < 6; i++) inputs.push(d.X.slice(i * N_FEATURES, (i + 1) * N_FEATURES));
  [0, 1e22, -1e22, 1e38, -1e38, 3.4028234663852886e38, -3.4028234663852886e38].forEach(function (v) { inputs.push(new Float32Array(N_FEATURES).fill(v)); });
  inputs.push(Float32Array.from([3e38, -3e38, 1e-45, -1e30, 7, 0]));
});

afterAll(() => {
  expect(tried).toBeGreaterThanOrEqual(10000);
});

/** Decodes; a refusal must carry an SDK model code, an accepted model must predict sane scores. Returns the code or 'ok'. */
function check(bytes: Uint8Array, what: string): string {
  tried++;
  var m;
  try {
    m = loadModel(bytes);
  } catch (e: any) {
    if (!e || MODEL_CODES.indexOf(e.code) < 0) throw new Error(what + ': error without an SDK model code: ' + (e && e.stack));
    refusedBy[e.code] = (refusedBy[e.code] || 0) + 1;
    return e.code;
  }
  accepted++;
  var s = new Float32Array(N_CLASSES);
  for (var i = 0; i < inputs.length; i++) {
    var label = m.classifier.predict(inputs[i], s), sum = 0;
    if (!(label >= 0 && label < N_CLASSES && label % 1 === 0)) throw new Error(what + ': predict returned ' + label);
    for (var c = 0; c < N_CLASSES; c++) {
      if (!(s[c] >= 0 && s[c] <= 1)) throw new Error(what + ': score ' + s[c] + ' for input ' + i);
      sum += s[c];
    }
    if (Math.abs(sum - 1) > 1e-3) throw new Error(what + ': scores sum to ' + sum + ' for input ' + i);
  }
  return 'ok';
}

function copyOf(b: Uint8Array): Uint8Array {
  var c = new Uint8Array(b.length);
  c.set(b);
  return c;
}

var KINDS = ['forest', 'nearest-centroid', 'gaussian-nb', 'softmax'];

describe('model file fuzz', () => {
  it('the unmutated files load and predict sanely', () => {
    KINDS.forEach(function (k) { expect(check(files[k], k)).toBe('ok'); });
  });

  it('the 24-byte file of issue 10 is MODEL_INCONSISTENT, not a RangeError', () => {
    var hex = '45474d4601010000180000000000000000000000eb3042b8';
    var b = new Uint8Array(hex.length / 2);
    for (var i = 0; i < b.length; i++) b[i] = parseInt(hex.substr(i * 2, 2), 16);
    expect(check(b, 'issue hex')).toBe('MODEL_INCONSISTENT');
  });

  it('truncation at every length: cut, and cut with the header and checksum made to fit', () => {
    KINDS.forEach(function (k) {
      var f = files[k];
      for (var n = 0; n < f.length; n++) {
        expect(check(f.slice(0, n), k + ' cut at ' + n)).not.toBe('ok');
        if (n < 12) continue;
        var fitted = f.slice(0, n);
        new DataView(fitted.buffer).setUint32(8, n, true);
        fixCrc(fitted, n);
        expect(check(fitted, k + ' fitted at ' + n)).not.toBe('ok');
      }
    });
  });

  it('1 to 4 bit flips anywhere before the checksum, checksum recomputed', () => {
    var kind = fc.constantFrom.apply(fc, KINDS);
    var flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(kind, flips, function (k: string, fl: [number, number][]) {
      var b = copyOf(files[k]);
      fl.forEach(function (x) { b[x[0] % (b.length - 4)] ^= 1 << x[1]; });
      fixCrc(b);
      check(b, k + ' flips ' + JSON.stringify(fl));
    }), { seed: SEED, numRuns: 4000 });
  });

  it('inflated or shrunk lengths and counts (total, spec bytes, array count, each array count and width)', () => {
    var kind = fc.constantFrom.apply(fc, KINDS);
    var value = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 70 }), fc.constantFrom(0xffffffff, 0x7fffffff, 0x40000000, 0x3fffffff, 65535));
    fc.assert(fc.property(kind, fc.nat(), value, function (k: string, which: number, v: number) {
      var b = copyOf(files[k]), dv = new DataView(b.buffer), arrays = arrayLayout(b);
      var specEnd = 14 + dv.getUint16(12, true);
      var fields: [number, number][] = [[8, 4], [12, 2], [6, 2], [(specEnd + 3) & ~3, 4]];
      arrays.forEach(function (a) { fields.push([a.at + 4, 4], [a.at + 2, 2], [a.at, 1]); });
      var fld = fields[which % fields.length];
      if (fld[1] === 4) dv.setUint32(fld[0], v >>> 0, true);
      else if (fld[1] === 2) dv.setUint16(fld[0], v & 0xffff, true);
      else b[fld[0]] = v & 0xff;
      fixCrc(b, fld[0] === 8 ? undefined : b.length);
      check(b, k + ' field@' + fld[0] + '=' + v);
    }), { seed: SEED, numRuns: 2500 });
  });

  it('non-finite and out-of-range values in every element of every float array', () => {
    var bad = [NaN, Infinity, -Infinity, -0.5, 1.5, 3.4e38, -3.4e38, 0];
    KINDS.forEach(function (k) {
      arrayLayout(files[k]).forEach(function (a, ai) {
        if (a.type !== 5) return;
        for (var e = 0; e < a.count; e++) {
          bad.forEach(function (v) {
            var b = copyOf(files[k]);
            new DataView(b.buffer).setFloat32(a.dataAt + 4 * e, v, true);
            fixCrc(b);
            var got = check(b, k + ' array ' + ai + '[' + e + '] = ' + v);
            if (v !== v || v === Infinity || v === -Infinity) expect(got, k + ' array ' + ai + '[' + e + '] = ' + v).toBe('MODEL_INCONSISTENT');
          });
        }
      });
    });
  });

  it('out-of-range integers in the forest index arrays (feature, left, right, roots)', () => {
    var f = files.forest, arrays = arrayLayout(f);
    fc.assert(fc.property(fc.integer({ min: 0, max: 4 }), fc.nat(), fc.integer({ min: -40000, max: 70000 }), function (ai: number, e: number, v: number) {
      if (ai === 1) ai = 0; // array 1 is the float thresholds
      var a = arrays[ai], b = copyOf(f), dv = new DataView(b.buffer), at = a.dataAt + (e % a.count) * (a.type === 4 ? 4 : 2);
      if (a.type === 4) dv.setInt32(at, v, true);
      else if (a.type === 3) dv.setUint16(at, v & 0xffff, true);
      else dv.setInt16(at, v, true);
      fixCrc(b);
      check(b, 'forest array ' + ai + '[' + e + '] = ' + v);
    }), { seed: SEED, numRuns: 1500 });
  });

  it('counts what it tried', () => {
    // Shown with --reporter=verbose; the afterAll asserts at least 10,000 decodes.
    console.log('model fuzz: ' + tried + ' decodes, ' + accepted + ' accepted, refused: ' + JSON.stringify(refusedBy));
    expect(accepted).toBeGreaterThan(0);
  });
});
