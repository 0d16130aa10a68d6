// The puckjs-ble example as built by the espruino CLI, in the Puck.js sandbox: the fake
// built-in accelerometer replays emlearn recordings (idle, wave, idle, updown, idle, snake,
// idle) and the events reach a BLE central as notifications that decode to those gestures.
import { describe, it, expect } from 'vitest';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installBleFakes } from '../../src/testing/fakes/ble';
import { createFakePuck } from '../../src/testing/fakes/accel-puck';
import { decodeGesturePayload } from '../../src/sinks/ble-payload';
import { loadForestOrNBModel } from '../../src/classifiers/load-small-model';
import { builtExample, builtUpload, uploadAndLoad, emlearnSignal, modelBytes, appStateVars } from './helpers';

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
});
