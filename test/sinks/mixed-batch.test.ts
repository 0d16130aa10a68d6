// A batch with one event the receiver refuses: the other five are stored, and the device's
// outbox (ESP32 bundle in the sandbox, real receiver) retires exactly the refused one,
// with its reason, instead of dropping the whole batch. Also: the outbox and the model
// encoder refuse label names the receiver would refuse, so such events are never queued.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installNetworkFakes } from '../../src/testing/fakes/network';
import { startReceiver, type Receiver } from '../../src/server';
import { createOutbox } from '../../src/sinks/outbox';
import { labelProblem } from '../../src/core/names';
import { validateEventBatch } from '../../src/server/validate';

var LABELS = ['idle', 'x', 'y', 'circle'];
var rx: Receiver;
var dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'eg-mixed-'));
  rx = await startReceiver({ port: 0, dataDir: dir, dashboard: false });
});
afterAll(async () => {
  await rx?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mixed batch: 5 valid events + 1 refused', () => {
  it.each([false, true])('stores 5, and the outbox retires exactly the refused one with its reason (minified: %s)', async (minified) => {
    var deviceId = minified ? 'esp32-mixed-min' : 'esp32-mixed';
    var token = (await rx.createToken(deviceId)).token;
    var sb = createEspruinoSandbox({ board: 'ESP32', startEpochMs: Date.now() - 60_000 });
    var net = installNetworkFakes(sb, { hosts: { 'receiver.local': rx.port } });
    sb.loadBundle('esp32', { minified });
    // The fourth event carries a confidence the receiver refuses (1.5; a custom classifier's
    // scores are not checked on the device): it refuses that one event, never the batch. (A
    // time from before the clock was set is no longer sent at all: the outbox holds it.)
    var box = sb.run(`
      var eg = require('espruino-gestures');
      var wifi = require('Wifi');
      wifi.connect('lab', {});
      var errors = [];
      var box = eg.createOutbox({ deviceId: ${JSON.stringify(deviceId)}, labels: ${JSON.stringify(LABELS)}, batchSize: 10, batchDelayMs: 500,
        toEpochMs: function (t) { return t; },
        onError: function (e) { errors.push({ code: e.code, id: e.id, reason: e.reason, message: e.message }); },
        sink: eg.createHttpSink({ host: 'receiver.local', port: 8080, token: ${JSON.stringify(token)}, wifi: wifi }) });
      box;`);
    await sb.advance(1000);
    var now = Date.now();
    var ids: number[] = [];
    for (var k = 0; k < 6; k++) ids.push(box.push({ timeMs: now - 10_000 + k * 100, label: 1 + (k % 3), score: k === 3 ? 1.5 : 0.9 }));
    for (var s = 0; s < 10; s++) { await sb.advance(500); await net.settle(); }
    expect(net.httpRequests.length).toBe(1);
    var stored = await rx.store.queryEvents({ device: deviceId, limit: 100 });
    expect(stored.map((e) => e.id).sort((a, b) => a! - b!)).toEqual(ids.filter((_, k) => k !== 3));
    expect(box.stats()).toMatchObject({ queued: 0, sent: 5, rejected: 1, failures: 0 });
    var errors = sb.run('errors');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'BAD_INPUT', id: ids[3], reason: 'invalid_event' });
    expect(errors[0].message).toMatch(new RegExp('^Receiver refused event ' + ids[3] + ': \\[3\\]\\.score: must be a confidence'));
  });
});

describe('one name rule for device and receiver', () => {
  var sink = { maxBatch: 10, send: () => {} };
  it('the outbox refuses labels the receiver would refuse, naming why', () => {
    for (var bad of ['a'.repeat(65), 'tab\there', '\u0085', '\u202eevil', 'x\ud800', '']) {
      expect(() => createOutbox({ deviceId: 'd', labels: ['idle', bad], sink }), JSON.stringify(bad)).toThrow(/label 1 /);
      // ... and the receiver refuses an event with it, for the same reason.
      expect(() => validateEventBatch({ device_id: 'd', id: 1, time: Date.now(), gesture: bad, move: 1, score: 0.5 }, Date.now(), 10)).toThrow(labelProblem(bad)!);
    }
    expect(() => createOutbox({ deviceId: 'd', labels: ['idle', 'a'.repeat(64), 'Drehung', 'wave'], sink })).not.toThrow();
  });

  it('labelProblem accepts well-formed text including astral characters', () => {
    expect(labelProblem('wave \ud83d\udc4b')).toBeNull();
    expect(labelProblem('é')).toBeNull();
    expect(labelProblem('\udc4b\ud83d')).toMatch(/lone surrogate/);
  });
});
