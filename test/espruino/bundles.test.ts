// Every board bundle, loaded the way its board loads it, loads its model from Storage and
// from base64 in the real interpreter and predicts what the host predicts for the same
// feature windows (labels equal, scores within float32).
import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EspruinoWorld, storageModules, BOARD_BUILDS } from '../../src/testing/espruino-real';
import { loadModel } from '../../src/classifiers/load-model';
import { describeReal, bundle } from './helpers';
import { defaultModelCase, earlierPuckForestCase, seedModelCase, type ModelCase } from './model-windows';

var dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-real-bundles-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

/**
 * Runs in the interpreter: loads both ways, predicts every row, reports memory and time. In a
 * timer, after the main script ended: its text (here the whole file) is freed by then.
 */
function deviceScript(nFeatures: number): string {
  return [
    'setTimeout(function () {',
    'var eg = require("espruino-gestures"), S = require("Storage");',
    'report("MEM_BUNDLE", process.memory().usage);',
    'var a = eg.loadModel("gestures.model");',
    'report("MEM_MODEL", process.memory().usage);',
    'var b = eg.loadModel(S.read("model.b64"));',
    'report("KIND", [a.kind, b.kind, a.bytes, a.classifier.labels]);',
    'var X = new Float32Array(S.readArrayBuffer("x.bin")), nf = ' + nFeatures + ', n = X.length / nf;',
    'var k = a.classifier.labels.length, sa = new Float32Array(k), sb = new Float32Array(k);',
    'function arr(t) { var o = []; for (var j = 0; j < t.length; j++) o.push(t[j]); return o; }',
    'var us = 0;',
    'for (var i = 0; i < n; i++) {',
    '  var f = X.subarray(i * nf, (i + 1) * nf), t0 = getTime();',
    '  var la = a.classifier.predict(f, sa);',
    '  us += (getTime() - t0) * 1e6;',
    '  var lb = b.classifier.predict(f, sb);',
    '  report("P", [la, lb, arr(sa), arr(sb)]);',
    '}',
    'report("US", us / n);',
    '}, 10);',
  ].join('\n');
}

/** Base64 with its "EGM" magic, as an app carries a model in its source. */
function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

async function runCase(board: string, c: ModelCase) {
  var build = BOARD_BUILDS[board];
  var world = new EspruinoWorld({ build, timeoutS: 90 });
  try {
    var code = bundle(board, true);
    var files: { [name: string]: string | Uint8Array } = {
      'gestures.model': c.bytes,
      'model.b64': b64(c.bytes),
      'x.bin': new Uint8Array(c.X.buffer, c.X.byteOffset, c.X.byteLength),
    };
    var prelude: string;
    if (board === 'esp32') {
      // ESP32: the espruino CLI uploads the bundle into RAM as a cached module function.
      prelude = 'Modules.addCached("espruino-gestures",function(){' + code + '\n});\n';
    } else {
      // nRF52 boards: the code lives in Storage and runs from flash.
      files['eg.js'] = code;
      prelude = storageModules({ 'espruino-gestures': 'eg.js' });
    }
    await world.writeStorage(files);
    var r = await world.run(prelude + deviceScript(c.nFeatures));
    return r;
  } finally {
    world.cleanup();
  }
}

function expectSameAsHost(r: any, c: ModelCase) {
  expect(r.uncaught, r.stdout).toEqual([]);
  expect(r.code, r.stdout).toBe(0);
  var host = loadModel(c.bytes);
  var k = host.classifier.labels.length;
  expect(r.records('KIND')[0][3]).toEqual(host.classifier.labels);
  var rows = r.records('P');
  expect(rows).toHaveLength(c.n);
  var scores = new Float32Array(k);
  var labelsSeen = new Set<number>();
  rows.forEach((row: any, i: number) => {
    var label = host.classifier.predict(c.X.subarray(i * c.nFeatures, (i + 1) * c.nFeatures), scores);
    labelsSeen.add(label);
    expect(row[0]).toBe(label);
    expect(row[1]).toBe(label);
    for (var j = 0; j < k; j++) {
      expect(row[2][j]).toBeCloseTo(scores[j], 5);
      expect(row[3][j]).toBeCloseTo(scores[j], 5);
    }
  });
  // The windows cover more than one gesture, so a constant answer cannot pass.
  expect(labelsSeen.size).toBeGreaterThan(1);
}

describeReal('board bundles load models in the real interpreter', () => {
  var figures: string[] = [];
  afterAll(() => { if (figures.length) console.log(figures.join('\n')); });

  it.each([
    ['puckjs', 'puckjs-cgestures.egm'],
    ['puckjs', 'a forest (the earlier Puck.js default)'],
    ['pixljs', 'a forest (the earlier Puck.js default)'],
    ['banglejs2', 'banglejs2-cgestures.egm'],
  ])('%s (from Storage) loads %s and predicts as the host', async (board, file) => {
    // The puckjs bundle decodes naive Bayes (its default) and forests; the pixljs one forests only.
    var c = file.indexOf('.egm') > 0 ? defaultModelCase(file) : earlierPuckForestCase();
    var r = await runCase(board, c);
    expectSameAsHost(r, c);
    figures.push(board + ' build ' + BOARD_BUILDS[board] + ': bundle ' + r.records('MEM_BUNDLE')[0] + ' vars, +model ' +
      (r.records('MEM_MODEL')[0] - r.records('MEM_BUNDLE')[0]) + ', ' + c.n + ' windows, ' + Math.round(r.records('US')[0]) + ' us/inference (code in Storage: ~5x slow here)');
  });

  it('esp32 (bundle in RAM) loads a seed-trained forest and predicts as the host', async () => {
    var c = await seedModelCase(dir);
    var r = await runCase('esp32', c);
    expectSameAsHost(r, c);
    figures.push('esp32 build 16383: bundle ' + r.records('MEM_BUNDLE')[0] + ' vars, +model ' +
      (r.records('MEM_MODEL')[0] - r.records('MEM_BUNDLE')[0]) + ', ' + c.n + ' windows, ' + Math.round(r.records('US')[0]) + ' us/inference');
  });
});
