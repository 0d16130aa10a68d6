// The unit check in the real interpreter: the puckjs bundle (minified, from Storage, 2,630
// variables) decodes the units of a v2 model file and refuses a PuckAccelSource for a model
// trained on raw counts with UNIT_MISMATCH, as the sandbox does; the same model in m/s2 runs
// on the Puck.js stand-in and windows its samples.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EspruinoWorld, storageModules } from '../../src/testing/espruino-real';
import { loadModel } from '../../src/classifiers/load-model';
import { encodeModel } from '../../src/classifiers/model-encode';
import type { AccelUnit } from '../../src/core/types';
import { describeReal, bundle, ROOT } from './helpers';
import { recordingBytes, standinFiles } from './example-world';

var PUCK_MODEL = loadModel(new Uint8Array(readFileSync(path.join(ROOT, 'data/models/puckjs-cgestures.egm'))));

function modelIn(accel: AccelUnit): Uint8Array {
  return encodeModel(Object.assign({}, PUCK_MODEL.spec, { units: { accel, gyro: 'unknown', countsPerG: 0 } }), PUCK_MODEL.classifier).bytes;
}

describeReal('the model\'s units in the real interpreter (puckjs bundle, 2,630 variables)', () => {
  it('refuses a Puck.js source for a model trained on raw counts with UNIT_MISMATCH; runs the model in m/s2', async () => {
    var rows: number[][] = [];
    for (var i = 0; i < 120; i++) rows.push([0.5, -0.25, 9.80665, 0, 0, 0]); // 2.3 s at 52 Hz, at rest
    var world = new EspruinoWorld({ build: 2630, timeoutS: 60 });
    try {
      await world.writeStorage(Object.assign(standinFiles(['puck']), {
        'eg.js': bundle('puckjs', true), 'rec.bin': recordingBytes(rows), 'counts.model': modelIn('counts'), 'ms2.model': modelIn('m/s2'),
      }));
      var r = await world.run(storageModules({ 'espruino-gestures': 'eg.js' }) + [
        'var eg = require("espruino-gestures"), puck = require("standin-puck").create({ file: "rec.bin" });',
        'function pipeline(file) {',
        '  return new eg.GesturePipeline({ source: new eg.PuckAccelSource({ rateHz: 52, channels: ["acc_x", "acc_y", "acc_z"], puck: puck }), model: eg.loadModel(file), debouncer: new eg.ConsecutiveDebouncer({ idleLabel: 0 }), onEvent: function () {} });',
        '}',
        'try { pipeline("counts.model"); report("COUNTS", "accepted"); } catch (e) { report("COUNTS", { code: e.code, message: e.message, model: e.model, source: e.source }); }',
        'var p = pipeline("ms2.model");',
        'report("UNITS", p.spec.units);',
        'p.start();',
        'setTimeout(function () { p.stop(); report("RAN", p.counters); }, 2000);',
      ].join('\n'), { build: 2630, until: 'RAN' });
      expect(r.uncaught, r.stdout).toEqual([]);
      expect(r.records('COUNTS')).toEqual([{ code: 'UNIT_MISMATCH', message: 'The model reads acc_x in counts but the source delivers m/s2: train it on m/s2', model: 'counts', source: 'm/s2' }]);
      expect(r.records('UNITS')).toEqual([{ accel: 'm/s2', gyro: 'unknown' }]);
      var ran = r.records('RAN')[0];
      expect(ran.samples, r.stdout).toBeGreaterThan(52);
      expect(ran.windows).toBeGreaterThan(0);
      expect(ran.errors).toBe(0);
    } finally {
      world.cleanup();
    }
  });
});
