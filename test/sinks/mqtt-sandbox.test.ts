// The ESP32 bundle's MQTT client in the sandbox, over the fake Wi-Fi/net bridged to a real
// mosquitto, into the real receiver's MQTT ingestion: at-least-once through the outbox,
// exactly once in the store, across a Wi-Fi outage and a broker link that dies silently.
import { it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installNetworkFakes } from '../../src/testing/fakes/network';
import { startReceiver, type Receiver } from '../../src/server';
import { describeWithService, findMosquitto } from '../server/helpers';

var broker = await findMosquitto();
var LABELS = ['idle', 'x', 'y', 'circle'];

describeWithService('MQTT sink against mosquitto', broker, (url) => {
  var rx: Receiver;
  var dir: string;
  var brokerPort = Number(new URL(url).port || 1883);
  // A topic prefix per run, so parallel runs on one broker never mix.
  var prefix = 'gestures-sinks-' + process.pid + '-' + Date.now().toString(36);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'eg-mqtt-'));
    rx = await startReceiver({ port: 0, dataDir: dir, dashboard: false, mqtt: { url, prefix } });
  });
  afterAll(async () => {
    await rx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every event exactly once across a Wi-Fi outage', async () => {
    var sb = createEspruinoSandbox({ board: 'ESP32', startEpochMs: Date.now() - 600_000 });
    var net = installNetworkFakes(sb, { hosts: { 'broker.local': brokerPort } });
    sb.loadBundle('esp32');
    var dev = sb.run(`
      var eg = require('espruino-gestures');
      var wifi = require('Wifi');
      var mqtt = eg.createMqttSink({ host: 'broker.local', deviceId: 'esp32-mq', clientId: '${prefix}-mq', topic: '${prefix}/esp32-mq/events', wifi: wifi, keepAliveS: 4, ackTimeoutMs: 3000 });
      var box = eg.createOutbox({ deviceId: 'esp32-mq', labels: ${JSON.stringify(LABELS)}, sink: mqtt, retryMinMs: 500, retryMaxMs: 4000 });
      wifi.connect('lab', {});
      var n = 0;
      var timer = setInterval(function () {
        box.push({ timeMs: getTime() * 1000, label: 1 + (n % 3), score: 0.8 });
        if (++n === 30) clearInterval(timer);
      }, 600);
      ({ box: box, mqtt: mqtt });`);
    for (var step = 0; step < 1500; step++) {
      await sb.advance(100);
      // Down right after a push (every 600 ms) went out: its PUBLISH or PUBACK is lost.
      if (sb.now() === 6_000) net.setNetworkUp(false);
      if (sb.now() === 14_000) net.setNetworkUp(true);
      await net.settle();
      if (sb.now() > 20_000 && dev.box.size() === 0) break;
    }
    expect(dev.box.stats()).toMatchObject({ queued: 0, sent: 30, dropped: 0 });
    var mq = dev.mqtt.stats();
    expect(mq.published).toBeGreaterThan(mq.acked); // one PUBLISH lost its PUBACK and went again
    expect(mq.connacks).toBeGreaterThanOrEqual(2); // a fresh session after the outage
    expect(mq.pings).toBeGreaterThan(0);
    // The receiver's ingestion is asynchronous: wait (real time) for the last messages.
    var stored: any[] = [];
    for (var i = 0; i < 100; i++) {
      stored = await rx.store.queryEvents({ device: 'esp32-mq', limit: 100 });
      if (stored.length >= 30) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(stored.map((e) => e.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
    expect(stored.every((e) => e.source === 'mqtt')).toBe(true);
    dev.mqtt.stop();
    await net.settle();
  });

  it('gets a fresh session when the broker link dies without a word (keep-alive)', async () => {
    var sb = createEspruinoSandbox({ board: 'ESP32', startEpochMs: Date.now() - 600_000 });
    var net = installNetworkFakes(sb, { hosts: { 'broker.local': brokerPort }, requireWifiJoin: false });
    sb.loadBundle('esp32');
    var mqtt = sb.run(`require('espruino-gestures').createMqttSink({ host: 'broker.local', deviceId: 'esp32-ka', clientId: '${prefix}-ka', topic: '${prefix}/esp32-ka/events', keepAliveS: 4 })`);
    for (var s = 0; s < 10; s++) { await sb.advance(100); await net.settle(); }
    expect(mqtt.isUp()).toBe(true);
    // The route to the broker vanishes but no Wi-Fi event says so (requireWifiJoin: false).
    net.setNetworkUp(false);
    for (s = 0; s < 50; s++) { await sb.advance(100); await net.settle(); }
    expect(mqtt.isUp()).toBe(false); // a PINGREQ went unanswered
    net.setNetworkUp(true);
    for (s = 0; s < 400 && !mqtt.isUp(); s++) { await sb.advance(100); await net.settle(); }
    expect(mqtt.isUp()).toBe(true);
    expect(mqtt.stats()).toMatchObject({ connacks: 2, drops: 1 });
    mqtt.stop();
    await net.settle();
  });
});
