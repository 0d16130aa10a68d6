// The unit check as the boards run it: the puckjs and banglejs2 bundles (plain and minified)
// in the Espruino sandbox decode a v2 model's units and refuse their built-in source with
// UNIT_MISMATCH when the model was trained on another unit; the same file in m/s2 runs.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { createFakePuck } from '../../src/testing/fakes/accel-puck';
import { createFakeBangle } from '../../src/testing/fakes/accel-bangle';
import { loadModel } from '../../src/classifiers/load-model';
import { encodeModel } from '../../src/classifiers/model-encode';
import type { AccelUnit } from '../../src/core/types';

var ROOT = path.resolve(__dirname, '../..');

function modelIn(file: string, accel: AccelUnit): Uint8Array {
  var m = loadModel(new Uint8Array(readFileSync(path.join(ROOT, 'data/models', file))));
  return encodeModel(Object.assign({}, m.spec, { units: { accel, gyro: 'unknown', countsPerG: 0 } }), m.classifier).bytes;
}

var BOARDS = [
  { board: 'puckjs', espruino: 'PUCKJS' as const, model: 'puckjs-cgestures.egm', global: 'Puck', fake: createFakePuck, source: 'new g.PuckAccelSource({ rateHz: 52, channels: ["acc_x", "acc_y", "acc_z"] })' },
  { board: 'banglejs2', espruino: 'BANGLEJS2' as const, model: 'banglejs2-cgestures.egm', global: 'Bangle', fake: createFakeBangle, source: 'new g.BangleAccelSource({ rateHz: m.spec.sourceRateHz, channels: m.spec.channels })' },
];

describe.each(BOARDS)('$board bundle: the source against the model\'s units', (b) => {
  function run(minified: boolean, accel: AccelUnit) {
    var sb = createEspruinoSandbox({ board: b.espruino });
    sb.defineGlobal(b.global, b.fake({ timers: { setInterval: sb.run('setInterval'), clearInterval: sb.run('clearInterval') } }));
    sb.loadBundle(b.board, { minified });
    var bytes = modelIn(b.model, accel), copy = new (sb.run('Uint8Array'))(bytes.length);
    copy.set(bytes);
    sb.defineGlobal('modelBuffer', copy.buffer);
    return JSON.parse(sb.run(`(function () {
      var g = require('espruino-gestures'), m = g.loadModel(modelBuffer);
      try {
        var p = new g.GesturePipeline({ source: ${b.source}, model: m, debouncer: new g.OriginalDebouncer({ idleLabel: 0 }), onEvent: function () {} });
        p.start(); p.stop();
        return JSON.stringify({ started: true, units: m.spec.units });
      } catch (e) { return JSON.stringify({ code: e.code, message: e.message }); }
    })()`));
  }

  it.each([false, true])('minified %s: refuses a model trained on raw counts, runs the one in m/s2', (minified) => {
    var spec = loadModel(new Uint8Array(readFileSync(path.join(ROOT, 'data/models', b.model)))).spec;
    expect(run(minified, 'counts')).toEqual({ code: 'UNIT_MISMATCH', message: 'The model reads ' + spec.channels[0] + ' in counts but the source delivers m/s2: train it on m/s2' });
    expect(run(minified, 'g').code).toBe('UNIT_MISMATCH');
    expect(run(minified, 'm/s2')).toEqual({ started: true, units: { accel: 'm/s2', gyro: 'unknown' } });
  });
});
