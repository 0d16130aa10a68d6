// The banglejs2-ble Storage app as built by the espruino CLI, in the Bangle.js 2 sandbox: the
// fake accelerometer replays emlearn recordings, each gesture shows on the screen and goes
// out as a BLE notification; leaving the app stops the polling.
import { describe, it, expect } from 'vitest';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installBleFakes } from '../../src/testing/fakes/ble';
import { createFakeBangle } from '../../src/testing/fakes/accel-bangle';
import { decodeGesturePayload } from '../../src/sinks/ble-payload';
import { loadModel } from '../../src/classifiers/load-model';
import { builtUpload, uploadAndLoad, emlearnSignal, modelBytes, appStateVars } from './helpers';

var MODEL = 'banglejs2-cgestures.egm';

/** The few Graphics calls the app makes, recorded. */
function fakeScreen() {
  var drawn: string[] = [];
  var g = {
    clear() { drawn.length = 0; return g; }, setFont() { return g; }, setFontAlign() { return g; },
    drawString(s: string) { drawn.push(String(s)); return g; }, getWidth: () => 176, getHeight: () => 176,
  };
  return { g, drawn };
}

describe('example banglejs2-ble', () => {
  it('shows and notifies one event per gesture of the replayed recordings', async () => {
    var sb = createEspruinoSandbox({ board: 'BANGLEJS2', startEpochMs: Date.UTC(2026, 10, 25, 9) });
    var ble = installBleFakes(sb);
    var bangle = createFakeBangle({ signal: emlearnSignal(), interpolation: 'linear', timers: { setInterval: sb.run('setInterval'), clearInterval: sb.run('clearInterval') } });
    var buzzes = 0;
    (bangle as any).buzz = () => { buzzes++; };
    sb.defineGlobal('Bangle', bangle);
    var screen = fakeScreen();
    sb.defineGlobal('g', screen.g);
    var bytes = modelBytes(MODEL);
    ble.central.connect();
    // The CLI's Storage upload: app, launcher entry and model; then the launcher loads the app.
    var code = uploadAndLoad(sb, builtUpload('banglejs2-ble'), 'gestures.app.js');
    expect(sb.storage.readJSON('gestures.info')).toMatchObject({ src: 'gestures.app.js', type: 'app' });
    expect(new Uint8Array(sb.storage.readArrayBuffer('gestures.model')!)).toEqual(bytes);
    expect(screen.drawn).toEqual(['ready', 'snake updown wave']);
    expect(bangle.getOptions().powerSave).toBe(false);
    await sb.advance(29_000);
    expect(sb.errors).toEqual([]);

    var labels = loadModel(bytes).spec.labels;
    var decoded = ble.notifications.map((n) => decodeGesturePayload(n.bytes, { deviceId: 'bangle-1', labels }));
    expect(decoded.map((e) => e.gesture)).toEqual(['wave', 'updown', 'snake']);
    expect(screen.drawn[0]).toBe('snake');
    expect(buzzes).toBe(3);
    var t0 = sb.epochMs() - sb.now();
    decoded.forEach((e, i) => {
      var s = (e.time - t0) / 1000;
      expect(s).toBeGreaterThan(4 + 8 * i);
      expect(s).toBeLessThan(9 + 8 * i);
    });

    // Memory (Bangle.js 2: 12,000 variables, code in Storage runs from flash).
    var state = appStateVars(sb, ['eg', 'CONFIG', 'show', 'startGestures', 'box', 'pipeline', 'source'], { modelInFlash: 'pipeline.classifier' });
    console.log('[memory] banglejs2-ble: code ' + Buffer.byteLength(code) + ' B + model ' + bytes.length + ' B in Storage, app state ~' + state + ' vars');
    expect(state).toBeLessThan(12_000 * 0.25);

    sb.context.E.emit('kill'); // leaving the app
    expect(bangle.getOptions().powerSave).toBe(true); // polling back to the watch's default
  });
});
