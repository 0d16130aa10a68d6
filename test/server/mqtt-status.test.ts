// Status reports over MQTT (<prefix>/<device>/status; the device sink sends QoS 1, QoS 0 works too)
// through a real mosquitto: stored as the device's latest; a bad one is counted and kept
// as a dead letter; a report for another device than the topic's is refused.
import { it, expect, beforeAll, afterAll } from 'vitest';
import mqtt from 'mqtt';
import { startReceiver, type Receiver } from '../../src/server';
import { describeWithService, findMosquitto, tempDir, removeDir, request } from './helpers';

var broker = await findMosquitto();

describeWithService('MQTT status reports (mosquitto)', broker, (url) => {
  var dir: string;
  var rx: Receiver;
  var device: mqtt.MqttClient;
  var prefix = 'gestures-status-' + process.pid + '-' + Date.now().toString(36);

  beforeAll(async () => {
    dir = tempDir();
    rx = await startReceiver({ port: 0, dataDir: dir, mqtt: { url, prefix, clientId: prefix + '-rx' } });
    device = await mqtt.connectAsync(url, { clientId: prefix + '-dev' });
  });
  afterAll(async () => {
    await device?.endAsync();
    await rx?.close();
    removeDir(dir);
  });

  async function until(check: () => Promise<boolean>, what: string) {
    for (var i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out waiting for ' + what);
  }

  async function health(dev: string) {
    return (await request(rx.url + '/api/v1/devices?device=' + dev)).body.devices[0];
  }

  it('stores a status report (QoS 0 here) and shows the device online', async () => {
    await device.publishAsync(prefix + '/esp32-mq/status', JSON.stringify({ device_id: 'esp32-mq', queued: 1, sent: 7, dropped: 2, rejected: 0, nextId: 10, linkUp: true }), { qos: 0 });
    await until(async () => (await health('esp32-mq'))?.status?.sent === 7, 'the status report');
    expect(await health('esp32-mq')).toMatchObject({ state: 'online', status: { source: 'mqtt', queued: 1, dropped: 2, next_id: 10, other: { linkUp: true } } });
  });

  it('counts a bad report and keeps it as a dead letter; the stored report stays', async () => {
    await device.publishAsync(prefix + '/esp32-mq/status', JSON.stringify({ device_id: 'esp32-mq', dropped: 'many' }), { qos: 1 });
    await device.publishAsync(prefix + '/esp32-mq/status', JSON.stringify({ device_id: 'other-dev', sent: 1 }), { qos: 1 });
    await until(async () => (await request(rx.url + '/api/v1/dead-letters')).body.dead_letters.length === 2, 'two dead letters');
    var dead = (await request(rx.url + '/api/v1/dead-letters')).body.dead_letters;
    expect(dead.map((d: any) => d.reason).sort()).toEqual(['forbidden', 'invalid_status']);
    expect(dead.find((d: any) => d.reason === 'invalid_status').message).toContain('dropped: must be a non-negative integer');
    var counters = (await request(rx.url + '/api/health')).body.counters.rejected;
    expect(counters).toMatchObject({ invalid_status: 1, forbidden: 1 });
    expect((await health('esp32-mq')).status.sent).toBe(7);
    expect((await request(rx.url + '/api/v1/devices?device=other-dev')).body.devices).toEqual([]);
  });
});
