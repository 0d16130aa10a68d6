// The puckjs-ble example as built by the espruino CLI, in the Puck.js sandbox: the fake
// built-in accelerometer replays emlearn recordings (idle, wave, idle, updown, idle, snake,
// idle) and the events reach a BLE central as notifications that decode to those gestures.
import { describe, it, expect } from 'vitest';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installBleFakes } from '../../src/testing/fakes/ble';
import { createFakePuck } from '../../src/testing/fakes/accel-puck';
import { decodeGesturePayload } from '../../src/sinks/ble-payload';
import { loadForestOrNBModel } from '../../src/classifiers/load-small-model';
import { builtExample, builtUpload, uploadAndLoad, emlearnSignal, modelBytes, appStateVars, ROOT } from './helpers';
import { trainForest, encodeModel, modelToBase64 } from '../../src/host/train/index';
import { featureCount } from '../../src/core/spec';
import fs from 'node:fs';
import path from 'node:path';

var MODEL = 'puckjs-cgestures.egm';

describe('example puckjs-ble', () => {
  it('notifies one event per gesture of the replayed recordings, queued until a central connects', async () => {
    var sb = createEspruinoSandbox({ board: 'PUCKJS', startEpochMs: Date.UTC(2026, 10, 25, 9) });
    var ble = installBleFakes(sb);
    var puck = createFakePuck({ signal: emlearnSignal(), interpolation: 'linear', timers: { setInterval: sb.run('setInterval'), clearInterval: sb.run('clearInterval') } });
    sb.defineGlobal('Puck', puck);
    var bytes = modelBytes(MODEL);
    // What `espruino --storage .bootcde:- --storage gestures.model:...` sends: app and model into Storage.
    var code = uploadAndLoad(sb, builtUpload('puckjs-ble'), '.bootcde');
    expect(new Uint8Array(sb.storage.readArrayBuffer('gestures.model')!)).toEqual(bytes);
    expect(code.trim()).toBe(builtExample('puckjs-ble').trim()); // the same code as a RAM upload
    await sb.boot();
    await sb.advance(14_000); // idle, wave, idle, part of updown: nobody connected yet
    expect(ble.notifications.length).toBe(0);
    expect(sb.run('box.size()')).toBeGreaterThan(0);
    ble.central.connect();
    await sb.advance(16_000);
    expect(sb.errors).toEqual([]);
    expect(sb.run('source.rateHz')).toBe(52);

    var labels = loadForestOrNBModel(bytes).spec.labels;
    var decoded = ble.notifications.map((n) => decodeGesturePayload(n.bytes, { deviceId: 'puck-1', labels }));
    expect(decoded.map((e) => e.gesture)).toEqual(['wave', 'updown', 'snake']);
    expect(decoded.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(sb.run('pipeline.counters.events')).toBe(3);
    expect(sb.run('box.stats()')).toMatchObject({ sent: 3, queued: 0, dropped: 0 });
    // Each event lands inside its recording's 4 s (plus the window it takes to see it).
    var t0 = sb.epochMs() - sb.now();
    var at = decoded.map((e) => (e.time - t0) / 1000);
    [4, 12, 20].forEach((start, i) => { expect(at[i]).toBeGreaterThan(start); expect(at[i]).toBeLessThan(start + 5); });

    // Memory: code runs from Storage (flash) on the Puck; this is what the app holds in RAM.
    var state = appStateVars(sb, ['eg', 'CONFIG', 'startGestures', 'box', 'pipeline', 'source'], { modelInFlash: 'pipeline.classifier' });
    console.log('[memory] puckjs-ble: code ' + Buffer.byteLength(code) + ' B + model ' + bytes.length + ' B in Storage, app state ~' + state + ' vars');
    expect(Buffer.byteLength(code) + bytes.length).toBeLessThan(40_000 * 0.9);
    expect(state).toBeLessThan(2_630 * 0.5);
  });

  it('its own module reads its naive Bayes model and refuses a forest with MODEL_VERSION, saying to build the app again', () => {
    builtExample('puckjs-ble');
    var moduleCode = fs.readFileSync(path.join(ROOT, 'artifacts/examples/puckjs-ble/modules/app/espruino-gestures.min.js'), 'utf8');
    var sb = createEspruinoSandbox({ board: 'PUCKJS' });
    sb.defineGlobal('eg', sb.run('(function () { var exports = {}; ' + moduleCode + '\nreturn exports; })()', 'app-module.js'));
    var nb = modelBytes(MODEL);
    var spec = loadForestOrNBModel(nb).spec;
    // A forest for the same spec (any trees do: the kind byte is what the module refuses).
    var nf = featureCount(spec), n = 40, X = new Float32Array(n * nf), y = new Int32Array(n);
    for (var i = 0; i < X.length; i++) X[i] = Math.sin(i * 0.37);
    for (var j = 0; j < n; j++) y[j] = j % spec.labels.length;
    var forest = encodeModel(spec, trainForest(X, y, nf, spec.labels.length, { nTrees: 2, maxDepth: 3, seed: 1, labels: spec.labels })).bytes;
    var load = (bytes: Uint8Array) => sb.run('(function () { try { return eg.loadModel(E.toArrayBuffer(atob("' + modelToBase64(bytes) +
      '"))).kind; } catch (e) { return e.code + ": " + e.message; } })()');
    expect(load(nb)).toBe('gaussian-nb');
    expect(load(forest)).toMatch(/^MODEL_VERSION: model kind 1 is not supported by this build \(it has: gaussian-nb\); .*build the app again for this model/);
  });
});
