// A model file above 64 KB in the real interpreter: Espruino cannot make a typed-array view, nor
// read a DataView, at a byteOffset of 65,536 or more ("byteOffset too large"), so the loader refuses such a file
// with MODEL_VERSION and says why, instead of the interpreter's bare error. The same model
// loads on the host (no such limit there).
import { expect, it } from 'vitest';
import { EspruinoWorld, storageModules } from '../../src/testing/espruino-real';
import { createForest } from '../../src/classifiers/forest';
import { encodeModel } from '../../src/classifiers/model-encode';
import { loadModel } from '../../src/classifiers/load-model';
import type { FeatureSpec } from '../../src/core/types';
import { describeReal, bundle } from './helpers';

var SPEC: FeatureSpec = {
  channels: ['acc_x', 'acc_y', 'acc_z'], sourceRateHz: 50, rateHz: 25, downsample: 'mean',
  windowMs: 1000, points: 25, hopMs: 100, features: 'stats', stats: ['mean', 'std'],
  labels: ['idle', 'move'], idleLabel: 0,
};

/** `trees` one-split trees, 28 bytes each: above about 2,340 the file passes 64 KB. */
function bigModel(trees: number): Uint8Array {
  var feature = new Int16Array(trees), threshold = new Float32Array(trees), left = new Int16Array(trees), right = new Int16Array(trees);
  var roots = new Int16Array(trees), leaves = new Float32Array(trees * 4);
  for (var t = 0; t < trees; t++) {
    roots[t] = t; feature[t] = t % 6; threshold[t] = t / trees;
    left[t] = -(2 * t) - 1; right[t] = -(2 * t + 1) - 1;
    leaves.set([1, 0, 0, 1], t * 4);
  }
  return encodeModel(SPEC, createForest(SPEC.labels, { feature, threshold, left, right, roots, leaves })).bytes;
}

describeReal('model files above 64 KB in the real interpreter', () => {
  it('are refused with MODEL_VERSION naming the 64 KB view limit; a smaller one loads', async () => {
    var big = bigModel(2500), small = bigModel(100);
    expect(big.length).toBeGreaterThan(65536);
    expect(loadModel(big).classifier.labels).toEqual(SPEC.labels); // the host has no such limit
    var world = new EspruinoWorld({ build: 2630, timeoutS: 90 });
    try {
      await world.writeStorage({ 'eg.js': bundle('puckjs', true), 'big.model': big, 'small.model': small });
      var r = await world.run(storageModules({ 'espruino-gestures': 'eg.js' }) + [
        'var eg = require("espruino-gestures");',
        'try { eg.loadModel("big.model"); report("BIG", "loaded"); } catch (e) { report("BIG", { code: e.code, message: e.message, bytes: e.bytes }); }',
        'var m = eg.loadModel("small.model"); report("SMALL", m.classifier.roots.length);',
      ].join('\n'), { build: 2630 });
      expect(r.uncaught, r.stdout).toEqual([]);
      var err = r.records('BIG')[0];
      expect(err, JSON.stringify(err) + r.stdout).toMatchObject({ code: 'MODEL_VERSION' });
      expect(err.message).toBe('model too large for Espruino: ' + big.length + ' bytes, and a typed-array view or DataView read cannot start at byte 65536 or later ("byteOffset too large"); keep model files at most 64 KB');
      expect(err.bytes).toBe(big.length);
      expect(r.records('SMALL')).toEqual([100]);
    } finally {
      world.cleanup();
    }
  });
});
