// Poison messages on MQTT against a real mosquitto: every refused or failing message is
// acknowledged (PUBACK), counted under its reason and kept as a dead letter, so none can
// fill the broker's in-flight window (20 by default) and block the fleet, now or after a
// restart.
import { it, expect, beforeAll, afterAll } from 'vitest';
import mqtt from 'mqtt';
import { startReceiver, type Receiver, type EventStore, openSqliteStore } from '../../src/server';
import { describeWithService, findMosquitto, tempDir, removeDir, request, makeEvent } from './helpers';

var broker = await findMosquitto();

describeWithService('MQTT poison messages (mosquitto)', broker, (url) => {
  var dir: string;
  var rx: Receiver;
  var device: mqtt.MqttClient;
  var prefix = 'gestures-poison-' + process.pid + '-' + Date.now().toString(36);
  var clientId = prefix + '-rx';

  /** The SQLite store, except that a label "boom" makes the insert fail: an internal error. */
  function storeWithInternalError(): EventStore {
    var inner = openSqliteStore(dir);
    return Object.assign(Object.create(inner), {
      insertEvents: (rows: any[]) => (rows.some((r) => r.gesture === 'boom') ? Promise.reject(new Error('simulated driver failure')) : inner.insertEvents(rows)),
      close: () => inner.close(),
    });
  }
  var start = () => startReceiver({ port: 0, store: storeWithInternalError(), mqtt: { url, prefix, clientId } });

  beforeAll(async () => {
    dir = tempDir();
    rx = await start();
    device = await mqtt.connectAsync(url, { clientId: prefix + '-device' });
  });
  afterAll(async () => {
    await device?.endAsync();
    await rx?.close();
    removeDir(dir);
  });

  async function waitFor(what: string, ok: () => Promise<boolean>) {
    for (var i = 0; i < 300; i++) {
      if (await ok()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('timed out waiting for ' + what);
  }

  it('25 poison messages, then 10 valid ones: all 10 stored, the 25 counted and kept; a restart redelivers none', async () => {
    var d = 'esp32-p';
    var topic = prefix + '/' + d + '/events';
    var poison: [string, string][] = [];
    for (var t of [1e308, 1e20, 8.64e15 + 1, -1e308, Number.MAX_SAFE_INTEGER]) poison.push([topic, JSON.stringify(makeEvent({ device_id: d, id: 1, time: t }))]);
    for (var g of ['\ud800', 'a'.repeat(65), '\u202eevil', '\u0085', '']) poison.push([topic, JSON.stringify(makeEvent({ device_id: d, id: 2, gesture: g }))]);
    for (var raw of ['{"id": 1,', '', 'null', '[]', '\u0000\u0001', '[' .repeat(3000)]) poison.push([topic, raw]);
    poison.push([topic, JSON.stringify(makeEvent({ device_id: 'esp32-other', id: 3 }))]);
    poison.push([topic, JSON.stringify(Array.from({ length: 501 }, (_, i) => makeEvent({ device_id: d, id: 100 + i })))]);
    poison.push([prefix + '/bad device!/events', JSON.stringify(makeEvent({ device_id: d, id: 4 }))]);
    poison.push([topic, 'x'.repeat(70 * 1024)]);
    for (var k = 0; k < 5; k++) poison.push([topic, JSON.stringify(makeEvent({ device_id: d, id: 50 + k, gesture: 'boom' }))]);
    expect(poison).toHaveLength(25);
    for (var [pt, payload] of poison) await device.publishAsync(pt, payload, { qos: 1 });
    var valid = Array.from({ length: 10 }, (_, i) => makeEvent({ device_id: d, id: 1000 + i, time: Date.now() - 10_000 + i }));
    for (var e of valid) await device.publishAsync(topic, JSON.stringify(e), { qos: 1 });

    var total = async () => (await request(rx.url + '/api/v1/stats?device=' + d)).body.total as number;
    await waitFor('10 valid events stored', async () => (await total()) === 10);
    var counters = (await request(rx.url + '/api/v1/health')).body.counters;
    var rejected = counters.rejected as Record<string, number>;
    expect(Object.values(rejected).reduce((a, b) => a + b, 0)).toBe(25);
    expect(rejected).toEqual({ invalid_event: 13, malformed_json: 4, forbidden: 1, invalid_topic: 1, body_too_large: 1, internal: 5 });
    var dead = (await request(rx.url + '/api/v1/dead-letters?limit=100')).body.dead_letters;
    expect(dead).toHaveLength(25);
    expect(dead.filter((x: any) => x.reason === 'internal')).toHaveLength(5);
    // Kept as received: the payload bytes come back.
    var boom = dead.find((x: any) => x.reason === 'internal');
    expect(JSON.parse(Buffer.from(boom.payload_base64, 'base64').toString('utf8')).gesture).toBe('boom');
    expect(dead.find((x: any) => x.reason === 'invalid_topic').device_id).toBeNull();

    // Restart with the same persistent session: nothing was left unacknowledged, so nothing comes back.
    await rx.close();
    rx = await start();
    await waitFor('MQTT connected after restart', async () => (await request(rx.url + '/api/v1/health')).body.mqtt === 'connected');
    // One more valid event marks the point where anything redelivered would already be in.
    await device.publishAsync(topic, JSON.stringify(makeEvent({ device_id: d, id: 2000 })), { qos: 1 });
    await waitFor('the marker event', async () => (await total()) === 11);
    var after = (await request(rx.url + '/api/v1/health')).body.counters;
    expect(after.rejected).toEqual({});
    expect(after.stored).toBe(1);
    expect((await request(rx.url + '/api/v1/dead-letters?limit=100')).body.dead_letters).toHaveLength(25);
    var ids = (await request(rx.url + '/api/v1/events?device=' + d + '&limit=100')).body.events.map((x: any) => x.id).sort((a: number, b: number) => a - b);
    expect(ids).toEqual([...valid.map((v) => v.id), 2000]);
  }, 120_000);

  it('a batch with one refused event stores the rest, acks per event and keeps the message as a dead letter', async () => {
    var d = 'esp32-q';
    var acks: any[] = [];
    await device.subscribeAsync(prefix + '/' + d + '/ack', { qos: 1 });
    device.on('message', (topic, payload) => { if (topic === prefix + '/' + d + '/ack') acks.push(JSON.parse(payload.toString())); });
    var before = (await request(rx.url + '/api/v1/dead-letters?limit=1000')).body.dead_letters.length;
    var batch = [makeEvent({ device_id: d, id: 1 }), makeEvent({ device_id: d, id: 2, gesture: 'a'.repeat(65) }), makeEvent({ device_id: d, id: 3 })];
    await device.publishAsync(prefix + '/' + d + '/events', JSON.stringify(batch), { qos: 1 });
    await waitFor('the ack', async () => acks.length > 0);
    expect(acks[0]).toMatchObject({ stored: 2, refused: 1 });
    expect(acks[0].results.map((r: any) => [r.id, r.status])).toEqual([[1, 'stored'], [2, 'refused'], [3, 'stored']]);
    expect(acks[0].results[1].message).toMatch(/^\[1\]\.gesture: has 65 characters/);
    var dead = (await request(rx.url + '/api/v1/dead-letters?limit=1000')).body.dead_letters;
    expect(dead.length).toBe(before + 1);
    expect(dead[0]).toMatchObject({ device_id: d, reason: 'invalid_event' });
  });
});
