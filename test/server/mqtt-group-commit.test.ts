// MQTT messages in the broker's in-flight window are handled together: they share group
// commits, each is answered after its commit, and each is stored once (mosquitto, real).
import { it, expect, afterAll } from 'vitest';
import mqtt from 'mqtt';
import { startReceiver } from '../../src/server';
import { describeWithService, findMosquitto, tempDir, removeDir, makeEvent } from './helpers';

var broker = await findMosquitto();

describeWithService('MQTT group commit (mosquitto)', broker, (url) => {
  var dir = tempDir();
  afterAll(() => removeDir(dir));

  it('shares commits across messages, stores each once, answers each after its commit', async () => {
    var prefix = 'gestures-group-' + process.pid + '-' + Date.now().toString(36);
    var rx = await startReceiver({ port: 0, dataDir: dir, mqtt: { url, prefix, clientId: prefix + '-rx' } });
    var device = await mqtt.connectAsync(url, { clientId: prefix + '-dev' });
    try {
      var answers: any[] = [];
      var storedWhenAnswered: number[] = [];
      await device.subscribeAsync(prefix + '/+/ack', { qos: 1 });
      device.on('message', (_t, payload) => {
        answers.push(JSON.parse(payload.toString()));
        storedWhenAnswered.push(rx.ingestor.counters.stored);
      });
      var N = 200;
      // Published at once, id 7 twice (a redelivery): the broker has up to 20 in flight to the receiver.
      var T = Date.now() - 1000;
      var body = (id: number) => JSON.stringify(makeEvent({ device_id: 'esp32-g', id, time: T + id }));
      for (var i = 1; i <= N; i++) device.publish(prefix + '/esp32-g/events', body(i), { qos: 1 });
      device.publish(prefix + '/esp32-g/events', body(7), { qos: 1 });
      for (var w = 0; w < 400 && answers.length < N + 1; w++) await new Promise((r) => setTimeout(r, 50));
      expect(answers).toHaveLength(N + 1);
      var statuses = answers.map((a) => a.results[0].status);
      expect(statuses.filter((s) => s === 'stored')).toHaveLength(N);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(1);
      // Each answer is sent after the commit that stored its event.
      answers.forEach((a, k) => { if (a.results[0].status === 'stored') expect(storedWhenAnswered[k]).toBeGreaterThanOrEqual(1); });
      var ids = (await rx.store.queryEvents({ limit: 1000, device: 'esp32-g' })).map((e) => e.id);
      expect(ids.sort((a, b) => a! - b!)).toEqual(Array.from({ length: N }, (_, k) => k + 1));
      var c = rx.ingestor.commits.stats;
      expect(c.requests).toBe(N + 1);
      // Handled one at a time, every message would be its own commit.
      expect(c.commits).toBeLessThan(c.requests);
    } finally {
      await device.endAsync();
      await rx.close();
    }
  }, 60_000);
});
