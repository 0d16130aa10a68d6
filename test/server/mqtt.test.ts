// MQTT ingestion against a real mosquitto: same validation and idempotency as HTTP.
import { it, expect, beforeAll, afterAll } from 'vitest';
import mqtt from 'mqtt';
import { startReceiver, type Receiver } from '../../src/server';
import { describeWithService, findMosquitto, tempDir, removeDir, request, makeEvent } from './helpers';

var broker = await findMosquitto();

describeWithService('MQTT ingestion (mosquitto)', broker, (url) => {
  var dir: string;
  var rx: Receiver;
  var device: mqtt.MqttClient;
  // A prefix per run: parallel runs on one broker never see each other's messages.
  var prefix = 'gestures-test-' + process.pid + '-' + Date.now().toString(36);
  var acks: any[] = [];

  beforeAll(async () => {
    dir = tempDir();
    rx = await startReceiver({ port: 0, dataDir: dir, mqtt: { url, prefix, clientId: prefix + '-rx' } });
    device = await mqtt.connectAsync(url, { clientId: 'test-device-' + process.pid });
    await device.subscribeAsync(prefix + '/+/ack', { qos: 1 });
    device.on('message', (_topic, payload) => acks.push(JSON.parse(payload.toString())));
  });
  afterAll(async () => {
    await device?.endAsync();
    await rx?.close();
    removeDir(dir);
  });

  async function publishAndWaitAck(topicDevice: string, payload: string) {
    var n = acks.length;
    await device.publishAsync(prefix + '/' + topicDevice + '/events', payload, { qos: 1 });
    for (var i = 0; i < 100 && acks.length === n; i++) await new Promise((r) => setTimeout(r, 50));
    expect(acks.length, 'no ack on ' + prefix + '/' + topicDevice + '/ack').toBe(n + 1);
    return acks[n];
  }

  it('reports it is connected', async () => {
    expect((await request(rx.url + '/api/v1/health')).body.mqtt).toBe('connected');
  });

  it('stores an event published on the device topic and acknowledges it', async () => {
    var ack = await publishAndWaitAck('esp32-m', JSON.stringify(makeEvent({ device_id: 'esp32-m', id: 1 })));
    expect(ack.results).toEqual([{ id: 1, status: 'stored' }]);
    var list = await request(rx.url + '/api/v1/events?device=esp32-m');
    expect(list.body.events).toEqual([expect.objectContaining({ id: 1, source: 'mqtt' })]);
  });

  it('treats a redelivered id as a duplicate, also across HTTP and MQTT', async () => {
    var two = makeEvent({ device_id: 'esp32-m', id: 2 });
    var batch = JSON.stringify([two, makeEvent({ device_id: 'esp32-m', id: 3 })]);
    expect((await publishAndWaitAck('esp32-m', batch)).stored).toBe(2);
    var again = await publishAndWaitAck('esp32-m', batch);
    expect(again).toMatchObject({ stored: 0, duplicates: 2 });
    var token = (await rx.createToken('esp32-m')).token;
    var http = await request(rx.url + '/api/v1/events', { body: two, token });
    expect(http.body.results).toEqual([{ id: 2, status: 'duplicate' }]);
    expect((await request(rx.url + '/api/v1/stats?device=esp32-m')).body.total).toBe(3);
  });

  it('rejects a payload whose device_id does not match its topic', async () => {
    var ack = await publishAndWaitAck('esp32-m', JSON.stringify(makeEvent({ device_id: 'esp32-other', id: 9 })));
    expect(ack.error).toBe('forbidden');
    expect(ack.message).toMatch(/"esp32-m".*"esp32-other"/);
    expect((await request(rx.url + '/api/v1/stats?device=esp32-other')).body.total).toBe(0);
  });

  it('receives events published while it was down (persistent session)', async () => {
    await rx.close();
    await device.publishAsync(prefix + '/esp32-m/events', JSON.stringify(makeEvent({ device_id: 'esp32-m', id: 20 })), { qos: 1 });
    var n = acks.length;
    rx = await startReceiver({ port: 0, dataDir: dir, mqtt: { url, prefix, clientId: prefix + '-rx' } });
    for (var i = 0; i < 100 && acks.length === n; i++) await new Promise((r) => setTimeout(r, 50));
    expect(acks[n]?.results).toEqual([{ id: 20, status: 'stored' }]);
    var list = await request(rx.url + '/api/v1/events?device=esp32-m&limit=1');
    expect(list.body.events[0]).toMatchObject({ id: 20, source: 'mqtt' });
  });

  it('rejects malformed JSON and invalid events with the same messages as HTTP', async () => {
    var bad = await publishAndWaitAck('esp32-m', '{"id": 1,');
    expect(bad.error).toBe('malformed_json');
    var invalid = await publishAndWaitAck('esp32-m', JSON.stringify(makeEvent({ device_id: 'esp32-m', id: 10, score: 7 })));
    expect(invalid.error).toBe('invalid_event');
    expect(invalid.problems[0].path).toBe('score');
    expect((await request(rx.url + '/api/v1/stats?device=esp32-m')).body.total).toBe(4);
  });
});
