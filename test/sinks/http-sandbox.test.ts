// The ESP32 bundle in the sandbox posts gestures through the fake Wi-Fi/http, bridged to a
// real receiver on 127.0.0.1 behind a proxy that fails 30% of requests, with the network
// down for 10 s: every event must be stored exactly once.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installNetworkFakes } from '../../src/testing/fakes/network';
import { startReceiver, type Receiver } from '../../src/server';
import { startFlakyProxy, type FlakyProxy } from './flaky-proxy';

var LABELS = ['idle', 'x', 'y', 'circle'];
var rx: Receiver;
var proxy: FlakyProxy;
var dir: string;
var token: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'eg-sinks-'));
  rx = await startReceiver({ port: 0, dataDir: dir, dashboard: false, legacy: { open: true }, allowedHosts: ['receiver.local'] });
  token = (await rx.createToken('esp32-a')).token;
  proxy = await startFlakyProxy(rx.port, 0.3, 1234);
});

afterAll(async () => {
  await proxy?.close();
  await rx?.close();
  rmSync(dir, { recursive: true, force: true });
});

function deviceProgram(deviceId: string, tokenValue: string, count: number, everyMs: number) {
  return `
    var eg = require('espruino-gestures');
    var wifi = require('Wifi');
    var pushed = [];
    var sink = eg.createHttpSink({ host: 'receiver.local', port: 8080, token: ${JSON.stringify(tokenValue)}, wifi: wifi, timeoutMs: 4000 });
    var box = eg.createOutbox({ deviceId: ${JSON.stringify(deviceId)}, labels: ${JSON.stringify(LABELS)}, sink: sink,
      retryMinMs: 500, retryMaxMs: 4000, storage: require('Storage') });
    wifi.connect('lab', { password: 'secret' }, function (err) { if (err) console.log('wifi error ' + err); });
    var n = 0;
    var timer = setInterval(function () {
      var label = 1 + (n % 3);
      var id = box.push({ timeMs: getTime() * 1000, label: label, score: 0.5 + (n % 5) / 10 });
      pushed.push({ id: id, time: Math.round(Date.now()), gesture: ${JSON.stringify(LABELS)}[label] });
      if (++n === ${count}) clearInterval(timer);
    }, ${everyMs});
    ({ box: box, pushed: pushed });
  `;
}

describe('HTTP sink in the ESP32 sandbox against the real receiver', () => {
  it.each([false, true])('delivers every event exactly once with 30%% failing requests and a 10 s outage (minified bundle: %s)', async (minified) => {
    var sb = createEspruinoSandbox({ board: 'ESP32', startEpochMs: Date.now() - 3600_000 });
    var net = installNetworkFakes(sb, { hosts: { 'receiver.local': proxy.port }, wifi: { ssid: 'lab', password: 'secret' } });
    sb.loadBundle('esp32', { minified });
    var deviceId = minified ? 'esp32-min' : 'esp32-a';
    var deviceToken = (await rx.createToken(deviceId)).token;
    var dev = sb.run(deviceProgram(deviceId, deviceToken, 60, 700));
    var duplicatesBefore = rx.ingestor.counters.duplicates;
    var faultsBefore = { ...proxy.counts };
    var outage = { from: 14_700, to: 24_700 }; // 14.7 s: a push (every 700 ms) has a request in flight
    var requestsDuringOutage = -1;
    for (var step = 0; step < 3000; step++) {
      if (sb.now() === outage.to) {
        expect(net.httpRequests.length).toBe(requestsDuringOutage); // nothing left the device while down
        net.setNetworkUp(true);
      }
      await sb.advance(100);
      // Going down between advance() and settle() catches requests in flight: Espruino drops
      // them without an event, so only the sink's own timeout notices.
      if (sb.now() === outage.from) { net.setNetworkUp(false); requestsDuringOutage = net.httpRequests.length; }
      await net.settle();
      if (sb.now() > 45_000 && dev.box.size() === 0) break;
    }
    expect(dev.pushed.length).toBe(60);
    expect(dev.box.size()).toBe(0);

    var stored = await rx.store.queryEvents({ device: deviceId, limit: 1000 });
    var ids = stored.map((e) => e.id).sort((a, b) => (a as number) - (b as number));
    expect(ids).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    var byId = new Map(stored.map((e) => [e.id, e]));
    for (var p of dev.pushed) {
      expect(byId.get(p.id)).toMatchObject({ time: p.time, gesture: p.gesture, source: 'http' });
    }
    // The faults really happened, and the receiver really saw repeats it had to drop.
    expect(proxy.counts.refused).toBeGreaterThan(faultsBefore.refused);
    expect(proxy.counts.answerLost).toBeGreaterThan(faultsBefore.answerLost);
    expect(rx.ingestor.counters.duplicates).toBeGreaterThan(duplicatesBefore);
    expect(net.wifiStats.drops).toBe(1);
    expect(net.httpRequests.filter((r) => r.killed).length).toBeGreaterThan(0);
    expect(dev.box.stats()).toMatchObject({ dropped: 0, rejected: 0, sent: 60 });
    // Every request carried the bearer token and a correct length.
    for (var r of net.httpRequests) {
      expect(r.headers.Authorization).toBe('Bearer ' + deviceToken);
      expect(+r.headers['Content-Length']).toBe(Buffer.byteLength(r.body));
    }
  });

  it('keeps queued events across a reboot (Storage) and continues the ids', async () => {
    var deviceToken = (await rx.createToken('esp32-reboot')).token;
    var program = (joinWifi: boolean) => `
      var eg = require('espruino-gestures');
      var wifi = require('Wifi');
      var box = eg.createOutbox({ deviceId: 'esp32-reboot', labels: ${JSON.stringify(LABELS)}, storage: require('Storage'),
        sink: eg.createHttpSink({ host: 'receiver.local', port: 8080, token: ${JSON.stringify(deviceToken)}, wifi: wifi }) });
      if (${joinWifi}) wifi.connect('lab', { password: 'secret' });
      box;`;
    // First boot: no Wi-Fi; five gestures wait in the outbox when the power goes.
    var sb1 = createEspruinoSandbox({ board: 'ESP32', startEpochMs: Date.now() - 60_000 });
    installNetworkFakes(sb1, { hosts: { 'receiver.local': rx.port } });
    sb1.loadBundle('esp32');
    var box1 = sb1.run(program(false));
    for (var i = 0; i < 5; i++) { box1.push({ timeMs: sb1.epochMs(), label: 3, score: 0.9 }); await sb1.advance(1000); }
    expect(box1.size()).toBe(5);
    // Second boot with the same flash: the queue comes back and goes out once Wi-Fi joins.
    var sb2 = createEspruinoSandbox({ board: 'ESP32', startEpochMs: Date.now() - 30_000 });
    for (var name of Object.keys(sb1.storage.files)) sb2.storage.files[name] = sb1.storage.files[name];
    var net2 = installNetworkFakes(sb2, { hosts: { 'receiver.local': rx.port } });
    sb2.loadBundle('esp32');
    var box2 = sb2.run(program(true));
    expect(box2.size()).toBe(5);
    expect(box2.push({ timeMs: sb2.epochMs(), label: 1, score: 0.7 })).toBe(6);
    for (var s = 0; s < 50 && box2.size(); s++) { await sb2.advance(500); await net2.settle(); }
    var stored = await rx.store.queryEvents({ device: 'esp32-reboot', limit: 100 });
    expect(stored.map((e) => [e.id, e.gesture]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [1, 'circle'], [2, 'circle'], [3, 'circle'], [4, 'circle'], [5, 'circle'], [6, 'x'],
    ]);
  });

  it('speaks the original POST /api/write-move {device_id, time, move}', async () => {
    var sb = createEspruinoSandbox({ board: 'ESP32', startEpochMs: Date.now() - 10_000 });
    var net = installNetworkFakes(sb, { hosts: { 'receiver.local': rx.port } });
    sb.loadBundle('esp32');
    var box = sb.run(`
      var eg = require('espruino-gestures');
      var wifi = require('Wifi');
      wifi.connect('lab', {});
      eg.createOutbox({ deviceId: '42', labels: ${JSON.stringify(LABELS)},
        sink: eg.createHttpSink({ host: 'receiver.local', port: 8080, format: 'write-move', wifi: wifi }) });`);
    var pushedAt = sb.epochMs();
    box.push({ timeMs: pushedAt, label: 2, score: 0.8 });
    box.push({ timeMs: sb.epochMs() + 500, label: 3, score: 0.8 });
    for (var s = 0; s < 20 && box.size(); s++) { await sb.advance(500); await net.settle(); }
    expect(net.httpRequests.map((r) => [r.path, JSON.parse(r.body)])).toEqual([
      ['/api/write-move', { device_id: '42', time: Math.round(pushedAt), move: 2 }],
      ['/api/write-move', { device_id: '42', time: Math.round(pushedAt) + 500, move: 3 }],
    ]);
    var stored = await rx.store.queryEvents({ device: '42', limit: 10 });
    expect(stored.map((e) => [e.gesture, e.source]).sort()).toEqual([['circle', 'legacy'], ['y', 'legacy']]);
  });

  it('an unset clock: events are held (never refused as before 2001), the clock is set from the receiver\'s Date header, and they go out corrected', async () => {
    var clockToken = (await rx.createToken('esp32-clock')).token;
    var sb = createEspruinoSandbox({ board: 'ESP32' }); // a board that has just powered up
    var net = installNetworkFakes(sb, { hosts: { 'receiver.local': rx.port } });
    sb.loadBundle('esp32');
    var box = sb.run(`
      var eg = require('espruino-gestures');
      var wifi = require('Wifi');
      wifi.connect('lab', {});
      var errors = [];
      eg.createOutbox({ deviceId: 'esp32-clock', labels: ${JSON.stringify(LABELS)}, onError: function (e) { errors.push(e.code); },
        sink: eg.createHttpSink({ host: 'receiver.local', port: 8080, token: ${JSON.stringify(clockToken)}, wifi: wifi }) });`);
    await sb.advance(2000);
    var bootTime = sb.run('getTime() * 1000');
    expect(bootTime).toBe(2000); // counts from boot
    box.push({ timeMs: bootTime, label: 1, score: 0.9 });
    var before = Date.now();
    for (var s = 0; s < 10 && box.stats().queued; s++) { await sb.advance(1000); await net.settle(); }
    expect(net.httpRequests.map((r) => r.method + ' ' + r.path)).toEqual(['GET /api/v1/health', 'POST /api/v1/events']);
    expect(box.stats()).toMatchObject({ queued: 0, rejected: 0, sent: 1, held: 0 });
    expect(sb.run('errors')).toEqual(['CLOCK_UNSET']);
    var stored = await rx.store.queryEvents({ device: 'esp32-clock', limit: 10 });
    expect(stored.length).toBe(1);
    // Its true time was 2 s after boot; the Date header has whole seconds (the sink adds half of one).
    var clockSetAt = sb.run('getTime() * 1000') - (sb.now() - 2000);
    expect(Math.abs(stored[0].time - clockSetAt)).toBeLessThanOrEqual(1);
    expect(Math.abs(stored[0].time - before)).toBeLessThan(60_000); // the receiver's time, a few virtual seconds back
  });

});
