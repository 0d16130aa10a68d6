// The model file decoded inside the Espruino sandbox by the real board bundles (npm run build first).
import { describe, it, expect, beforeAll } from 'vitest';
import { createEspruinoSandbox, EspruinoSandbox, SandboxBoard } from '../../src/testing/sandbox';
import { loadSeed20Hz, seedSpec, SeedTable } from './seed-table';
import { trainForest, trainGaussianNB, trainNearestCentroid, trainSoftmaxRegression, encodeModel, modelToBase64 } from '../../src/host/train/index';
import type { Classifier } from '../../src/core/types';

var seed: SeedTable;
var forest: Classifier, forestFile: Uint8Array;
var nb: Classifier, nbFile: Uint8Array;

beforeAll(() => {
  seed = loadSeed20Hz();
  var labels = seedSpec().labels;
  forest = trainForest(seed.X, seed.y, seed.nFeatures, 4, { nTrees: 10, maxDepth: 8, seed: 7, labels: labels });
  forestFile = encodeModel(seedSpec(), forest).bytes;
  nb = trainGaussianNB(seed.X, seed.y, seed.nFeatures, 4, { labels: labels });
  nbFile = encodeModel(seedSpec(), nb).bytes;
});

function binary(bytes: Uint8Array): string {
  var s = '';
  for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** Hands the seed windows into the sandbox (its own Float32Array) as global X. */
function sandboxWithSeed(board: SandboxBoard): EspruinoSandbox {
  var sb = createEspruinoSandbox({ board: board });
  var X = sb.run('new Float32Array(' + seed.X.length + ')');
  X.set(seed.X);
  sb.defineGlobal('X', X);
  sb.defineGlobal('NF', seed.nFeatures);
  return sb;
}

/** Predicts every window inside the sandbox with global `model`; returns labels and scores. */
function predictInside(sb: EspruinoSandbox): { labels: Int32Array; scores: Float32Array } {
  return sb.run(
    'var n = X.length / NF, labels = new Int32Array(n), scores = new Float32Array(n * 4), s = new Float32Array(4);' +
    'for (var i = 0; i < n; i++) { labels[i] = model.classifier.predict(X.subarray(i * NF, (i + 1) * NF), s); scores.set(s, i * 4); }' +
    '({ labels: labels, scores: scores })');
}

function expectSameAsHost(host: Classifier, inside: { labels: Int32Array; scores: Float32Array }) {
  var s = new Float32Array(4), mismatches = 0, nf = seed.nFeatures;
  for (var i = 0; i < seed.y.length; i++) {
    if (host.predict(seed.X.subarray(i * nf, (i + 1) * nf), s) !== inside.labels[i]) mismatches++;
    for (var c = 0; c < 4; c++) if (s[c] !== inside.scores[i * 4 + c]) mismatches++;
  }
  expect(inside.labels.length).toBe(seed.y.length);
  expect(mismatches).toBe(0);
}

describe('models inside the Espruino sandbox', () => {
  for (var board of ['ESP32', 'PUCKJS'] as SandboxBoard[]) {
    it(board + ': forest from E.toArrayBuffer(atob(base64)) predicts as on the host, bit for bit', ((board: SandboxBoard) => () => {
      var sb = sandboxWithSeed(board);
      sb.loadBundle();
      sb.run('var model = require("espruino-gestures").loadModel(E.toArrayBuffer(atob("' + modelToBase64(forestFile) + '")));');
      expect(sb.run('model.kind + " " + model.bytes + " " + model.spec.labels.join("/")')).toBe('forest ' + forestFile.length + ' none/x/y/circle');
      expectSameAsHost(forest, predictInside(sb));
    })(board));

    it(board + ': forest from a Storage file predicts as on the host', ((board: SandboxBoard) => () => {
      var sb = sandboxWithSeed(board);
      sb.loadBundle();
      sb.storage.write('gestures.model', binary(forestFile));
      sb.run('var model = require("espruino-gestures").loadModel("gestures.model");');
      expectSameAsHost(forest, predictInside(sb));
    })(board));
  }

  it('ESP32: the native E.CRC32 path accepts the file and catches a flipped byte', () => {
    var sb = sandboxWithSeed('ESP32');
    // The firmware's algorithm (jswrap_espruino_CRC32): reflected 0xEDB88320, init and final inversion.
    sb.run('var crcCalls = 0; E.CRC32 = function (d) { crcCalls++; var c = -1; for (var i = 0; i < d.length; i++) { c ^= d[i];' +
      ' for (var k = 0; k < 8; k++) c = (c >>> 1) ^ (0xEDB88320 & -(c & 1)); } return (~c) >>> 0; };');
    sb.loadBundle();
    sb.run('var eg = require("espruino-gestures"), model = eg.loadModel(E.toArrayBuffer(atob("' + modelToBase64(forestFile) + '")));');
    expect(sb.run('crcCalls')).toBe(1);
    var bad = forestFile.slice();
    bad[200] ^= 1;
    expect(sb.run('try { eg.loadModel(atob("' + modelToBase64(bad) + '")); "loaded" } catch (e) { e.code }')).toBe('MODEL_CORRUPT');
  });

  it.each(['ESP32', 'PUCKJS'] as const)('%s: Gaussian naive Bayes decodes and predicts as on the host', (board) => {
    var sb = sandboxWithSeed(board);
    sb.loadBundle();
    sb.run('var model = require("espruino-gestures").loadModel(E.toArrayBuffer(atob("' + modelToBase64(nbFile) + '")));');
    var inside = predictInside(sb), s = new Float32Array(4), nf = seed.nFeatures, diffLabels = 0, maxDiff = 0;
    for (var i = 0; i < seed.y.length; i++) {
      if (nb.predict(seed.X.subarray(i * nf, (i + 1) * nf), s) !== inside.labels[i]) diffLabels++;
      for (var c = 0; c < 4; c++) maxDiff = Math.max(maxDiff, Math.abs(s[c] - inside.scores[i * 4 + c]));
    }
    expect(diffLabels).toBe(0);
    expect(maxDiff).toBe(0); // same code and same float64 arithmetic in the sandbox; a real device may differ in the last bits
  });

  it('PIXLJS: the forest-only loader names what it lacks for a naive Bayes file', () => {
    var sb = createEspruinoSandbox({ board: 'PIXLJS' });
    sb.loadBundle();
    var out = sb.run('try { require("espruino-gestures").loadModel(atob("' + modelToBase64(nbFile) + '")); "loaded" } catch (e) { e.code + ": " + e.message }');
    expect(out).toBe("MODEL_VERSION: model kind 3 is not supported by this build (it has: forest); a board bundle or an app's own module reads only some kinds: build the app again for this model (docs/boards.md)");
  });

  it('ESP32: nearest centroid, naive Bayes and softmax at features of 1e22..3.4e38 score as on the host (finite, sum 1)', () => {
    var nf = seed.nFeatures, labels = seedSpec().labels, rows: number[][] = [];
    [1e22, -1e22, 1e30, 1e38, -1e38, 3.4028234663852886e38].forEach(function (v) { rows.push(new Array(nf).fill(v)); });
    rows.push(Array.from(seed.X.subarray(0, nf), function (v, f) { return f % 2 ? v * 1e36 : -v * 1e25; }));
    var models = [
      trainNearestCentroid(seed.X, seed.y, nf, 4, { labels: labels }),
      nb,
      trainSoftmaxRegression(seed.X, seed.y, nf, 4, { labels: labels, epochs: 20 }),
    ];
    models.forEach(function (host) {
      var sb = createEspruinoSandbox({ board: 'ESP32' });
      sb.loadBundle();
      var X = sb.run('new Float32Array(' + rows.length * nf + ')');
      X.set(([] as number[]).concat.apply([], rows));
      sb.defineGlobal('X', X);
      sb.defineGlobal('NF', nf);
      sb.run('var model = require("espruino-gestures").loadModel(E.toArrayBuffer(atob("' + modelToBase64(encodeModel(seedSpec(), host).bytes) + '")));');
      var inside = sb.run('var n = X.length / NF, labels = [], scores = [], s = new Float32Array(4);' +
        'for (var i = 0; i < n; i++) { labels.push(model.classifier.predict(X.subarray(i * NF, (i + 1) * NF), s)); scores.push([s[0], s[1], s[2], s[3]]); }' +
        '({ labels: labels, scores: scores })');
      var s = new Float32Array(4);
      rows.forEach(function (row, i) {
        expect(host.predict(new Float32Array(row), s)).toBe(inside.labels[i]);
        expect(Array.from(s)).toEqual(Array.from(inside.scores[i]));
        expect(Math.abs(s[0] + s[1] + s[2] + s[3] - 1)).toBeLessThan(1e-6);
      });
    });
  });

  it('a missing Storage file is a clear BAD_INPUT', () => {
    var sb = createEspruinoSandbox({ board: 'PUCKJS' });
    sb.loadBundle();
    expect(sb.run('try { require("espruino-gestures").loadModel("nope.model"); "loaded" } catch (e) { e.code + ": " + e.message }'))
      .toMatch(/^BAD_INPUT: not a model: "nope.model"/);
  });
});
