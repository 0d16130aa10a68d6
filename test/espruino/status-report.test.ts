// Status reports from the esp32 bundle in the real interpreter (16,383 variables, bundle in
// RAM as the espruino CLI uploads it): the outbox's counters (one event dropped because the
// queue was full, one refused by the receiver, two sent) reach a REAL receiver over the Linux
// build's own http module and, through a real mosquitto, over its net module; the receiver's
// /api/v1/devices then shows exactly the device's own stats().
import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EspruinoWorld, BOARD_BUILDS } from '../../src/testing/espruino-real';
import { startReceiver, type Receiver } from '../../src/server';
import { describeWithService, findMosquitto, request } from '../server/helpers';
import { describeReal, bundle } from './helpers';

var broker = await findMosquitto();

/** Pushes four events into a 3-event outbox (the first is dropped, the second is 3 days ahead: refused), then reports stats(). */
function deviceScript(sinkCode: string): string {
  return [
    'Modules.addCached("espruino-gestures",function(){' + bundle('esp32', true) + '\n});',
    'setTimeout(function () {',
    'var eg = require("espruino-gestures");',
    'var sink = ' + sinkCode + ';',
    'var box = eg.createOutbox({ deviceId: DEVICE, labels: ["idle", "x"], sink: sink, capacity: 3 });',
    'var now = getTime() * 1000;',
    '[0, 3 * 86400000, 1, 2].forEach(function (d) { box.push({ label: 1, timeMs: now + d, score: 0.9 }); });',
    // Two report periods after the batch went: the last report has the final counters.
    'setTimeout(function () { report("STATS", box.stats()); box.close(); report("END", 1); }, 2500);',
    '}, 10);',
  ].join('\n');
}

describeReal('status reports from the esp32 bundle in the real interpreter', () => {
  var dir: string;
  var rx: Receiver;
  var world: EspruinoWorld;
  var prefix = 'gestures-status-real-' + process.pid + '-' + Date.now().toString(36);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-real-status-'));
    rx = await startReceiver({ port: 0, dataDir: dir, dashboard: false, mqtt: broker.value ? { url: broker.value, prefix } : undefined });
    world = new EspruinoWorld({ build: BOARD_BUILDS.esp32, timeoutS: 60 });
  });
  afterAll(async () => {
    world?.cleanup();
    await rx?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function expectReported(device: string, source: string, stats: any) {
    var h: any;
    for (var i = 0; i < 40; i++) {
      h = (await request(rx.url + '/api/v1/devices?device=' + device)).body.devices[0];
      if (h?.status?.sent === stats.sent) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(h.state).toBe('online');
    expect(h.status).toEqual({
      reported_at: expect.any(Number), source, queued: stats.queued, sent: stats.sent, dropped: stats.dropped, rejected: stats.rejected,
      failures: stats.failures, persist_errors: stats.persistErrors, held: stats.held, estimated: stats.estimated, next_id: stats.nextId,
      other: { linkUp: true },
    });
  }

  it('over HTTP: POST /api/v1/status carries the outbox counters', async () => {
    var device = 'esp32-status-http';
    var token = (await rx.createToken(device)).token;
    var sink = 'eg.createHttpSink({ host: "127.0.0.1", port: ' + rx.port + ', token: ' + JSON.stringify(token) + ', statusEveryMs: 400, setClock: false })';
    var r = await world.run('var DEVICE = ' + JSON.stringify(device) + ';\n' + deviceScript(sink), { until: 'END' });
    expect(r.uncaught, r.stdout).toEqual([]);
    var stats = r.records('STATS')[0];
    expect(stats, r.stdout).toMatchObject({ queued: 0, sent: 2, dropped: 1, rejected: 1, nextId: 5 });
    expect((await rx.store.queryEvents({ device, limit: 10 })).map((e) => e.id).sort()).toEqual([3, 4]);
    await expectReported(device, 'http', stats);
  }, 120_000);

  describeWithService('over MQTT', broker, (url) => {
    it('publishes the counters to <prefix>/<device>/status', async () => {
      var device = 'esp32-status-mqtt';
      var u = new URL(url);
      var sink = 'eg.createMqttSink({ host: ' + JSON.stringify(u.hostname) + ', port: ' + Number(u.port || 1883) + ', deviceId: DEVICE, statusEveryMs: 400,' +
        ' topic: ' + JSON.stringify(prefix + '/' + device + '/events') + ', statusTopic: ' + JSON.stringify(prefix + '/' + device + '/status') + ' })';
      var r = await world.run('var DEVICE = ' + JSON.stringify(device) + ';\n' + deviceScript(sink), { until: 'END' });
      expect(r.uncaught, r.stdout).toEqual([]);
      var stats = r.records('STATS')[0];
      // MQTT carries no per-event answer to the device: the event 3 days ahead counts as sent
      // there, and the receiver keeps it as a dead letter (docs/receiver.md, limits).
      expect(stats, r.stdout).toMatchObject({ queued: 0, sent: 3, dropped: 1, rejected: 0, nextId: 5 });
      await expectReported(device, 'mqtt', stats);
    }, 120_000);
  });
});
