// The Puck.js bundle in the sandbox sends gestures over the fake NRF; the host decoder
// must turn what went on air back into the very events the outbox queued.
import { describe, it, expect } from 'vitest';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installBleFakes } from '../../src/testing/fakes/ble';
import { decodeGesturePayload, decodeAdvertisement } from '../../src/sinks/ble-payload';
import { GESTURE_SERVICE_UUID, GESTURE_EVENT_CHAR_UUID } from '../../src/sinks/ble';

var LABELS = ['idle', 'x', 'y', 'circle'];

function boot(board: 'PUCKJS' | 'BANGLEJS2' = 'PUCKJS', minified = false) {
  var sb = createEspruinoSandbox({ board, startEpochMs: Date.UTC(2026, 10, 25) });
  var ble = installBleFakes(sb);
  sb.loadBundle(board === 'PUCKJS' ? 'puckjs' : 'banglejs2', { minified });
  return { sb, ble };
}

/** Pushes gestures from inside the device and records the events as the outbox holds them. */
var PUSH = `
  var queued = [];
  function gesture(label, score) {
    box.push({ timeMs: getTime() * 1000, label: label, score: score }); // the device clock, as drivers use
    var e = box.peek(box.size() - 1);
    queued.push(e);
  }`;

describe('BLE sinks in the nRF52 sandbox', () => {
  it.each([false, true])('notifies each event once a central connects, and the payloads decode to the same events (minified: %s)', async (minified) => {
    var { sb, ble } = boot('PUCKJS', minified);
    sb.run(`
      var eg = require('espruino-gestures');
      var box = eg.createOutbox({ deviceId: 'puck-1', labels: ${JSON.stringify(LABELS)}, sink: eg.createBleNotifySink() });
      ${PUSH}`);
    expect(Object.keys(ble.services)).toEqual([GESTURE_SERVICE_UUID]);
    expect(ble.services[GESTURE_SERVICE_UUID][GESTURE_EVENT_CHAR_UUID]).toMatchObject({ notify: true, maxLen: 17 });
    expect(ble.serviceOptions.uart).toBe(true);
    for (var i = 0; i < 4; i++) { sb.run(`gesture(${1 + (i % 3)}, ${0.6 + i / 10})`); await sb.advance(800); }
    expect(ble.notifications.length).toBe(0); // nobody connected: queued, not lost
    ble.central.connect();
    await sb.advance(100);
    sb.run('gesture(3, 0.99)');
    await sb.advance(100);
    var decoded = ble.notifications.map((n) => decodeGesturePayload(n.bytes, { deviceId: 'puck-1', labels: LABELS }));
    var queued = JSON.parse(JSON.stringify(sb.run('queued')));
    expect(decoded).toEqual(queued);
    expect(decoded.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    expect(sb.run('box.stats()')).toMatchObject({ sent: 5, queued: 0 });
  });

  it.each([false, true])('notifies at once when a central was already connected before the app started (an upload from the Web IDE; minified: %s)', async (minified) => {
    var sb = createEspruinoSandbox({ board: 'BANGLEJS2', startEpochMs: Date.UTC(2026, 10, 25) });
    var ble = installBleFakes(sb, { connected: true }); // Espruino emits no 'connect' to the app
    sb.loadBundle('banglejs2', { minified });
    sb.run(`
      var eg = require('espruino-gestures');
      var box = eg.createOutbox({ deviceId: 'bangle-1', labels: ${JSON.stringify(LABELS)}, sink: eg.createBleNotifySink() });
      ${PUSH}`);
    sb.run('gesture(2, 0.8)');
    await sb.advance(100);
    expect(ble.notifications.length).toBe(1);
    expect(sb.run('box.stats()')).toMatchObject({ sent: 1, queued: 0, linkUp: true });
  });

  it('a connect before the app listens is not re-emitted to it (as Espruino): the sink still sees the link from the state', async () => {
    var { sb, ble } = boot('PUCKJS');
    ble.central.connect();
    await sb.advance(100);
    sb.run(`
      var eg = require('espruino-gestures');
      var heard = 0; NRF.on('connect', function () { heard++; });
      var box = eg.createOutbox({ deviceId: 'puck-1', labels: ${JSON.stringify(LABELS)}, sink: eg.createBleNotifySink() });
      ${PUSH}`);
    sb.run('gesture(1, 0.7)');
    await sb.advance(100);
    expect(sb.run('heard')).toBe(0);
    expect(ble.notifications.length).toBe(1);
  });

  it('pauses on disconnect and resumes on reconnect without losing or repeating events', async () => {
    var { sb, ble } = boot('BANGLEJS2');
    sb.run(`
      var eg = require('espruino-gestures');
      var box = eg.createOutbox({ deviceId: 'bangle-1', labels: ${JSON.stringify(LABELS)}, sink: eg.createBleNotifySink() });
      ${PUSH}`);
    ble.central.connect();
    await sb.advance(10);
    sb.run('gesture(1, 0.7)');
    await sb.advance(10);
    ble.central.disconnect();
    await sb.advance(10);
    sb.run('gesture(2, 0.8); gesture(3, 0.9)');
    await sb.advance(5000);
    expect(ble.notifications.length).toBe(1);
    ble.central.connect();
    await sb.advance(10);
    var ids = ble.notifications.map((n) => decodeGesturePayload(n.bytes, { deviceId: 'bangle-1' }).id);
    expect(ids).toEqual([1, 2, 3]);
  });

  it('advertises each event in Espruino manufacturer data within 31 bytes, decodable by a scanner', async () => {
    var { sb, ble } = boot();
    sb.run(`
      var eg = require('espruino-gestures');
      var box = eg.createOutbox({ deviceId: 'puck-2', labels: ${JSON.stringify(LABELS)}, sink: eg.createBleAdvertSink({ name: 'Puck', holdMs: 1500 }) });
      ${PUSH}
      gesture(1, 0.5); gesture(3, 0.75); gesture(2, 1);`);
    await sb.advance(1000);
    expect(ble.adverts.length).toBe(1); // the first stays on air for holdMs
    await sb.advance(5000);
    expect(ble.adverts.map((a) => a.at)).toEqual([0, 1500, 3000]);
    for (var a of ble.adverts) expect(a.bytes.length).toBeLessThanOrEqual(31);
    var decoded = ble.adverts.map((a) => decodeAdvertisement(a.bytes, { deviceId: 'puck-2', labels: LABELS }));
    expect(decoded).toEqual(JSON.parse(JSON.stringify(sb.run('queued'))));
  });

  it('refuses an advert name that would break the 31-byte limit', () => {
    var { sb } = boot();
    expect(() => sb.run(`require('espruino-gestures').createBleAdvertSink({ name: 'MyPuckJS' })`)).toThrow(/31 \(names of at most 5 characters\)/);
  });
});
