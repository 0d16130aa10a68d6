// The whole device chain in the ESP32 sandbox: a simulated MPU6500 replays a seed circle
// recording, the driver feeds GesturePipeline, each event goes through the outbox and the
// HTTP sink over the fake Wi-Fi to the real receiver. The receiver must hold the gestures
// the host computes for the same recording, with epoch times inside the run.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installNetworkFakes } from '../../src/testing/fakes/network';
import { SimulatedMPU6500 } from '../../src/testing/mpu6500-sim';
import { readRecordingFile } from '../../src/testing/recording';
import { GesturePipeline, ConsecutiveDebouncer } from '../../src/pipeline';
import type { PipelineEvent } from '../../src/pipeline';
import { startReceiver, type Receiver } from '../../src/server';
import { makeHandClassifier, stdSpec, LABELS, DEVICE_HAND_CLASSIFIER as DEVICE_CLASSIFIER } from '../pipeline/hand-classifier';
import { readSeedRecording, SEED_DIR } from '../pipeline/seed-recording';

var FILE = 'move_circle_20210522_1.csv';

var rx: Receiver;
var dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-chain-'));
  rx = await startReceiver({ port: 0, dataDir: dir, dashboard: false });
});
afterAll(async () => {
  await rx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function hostEvents(): PipelineEvent[] {
  var rec = readSeedRecording(FILE);
  var events: PipelineEvent[] = [];
  var p = new GesturePipeline({
    source: { channels: rec.channels, rateHz: 100 },
    model: { spec: stdSpec(), classifier: makeHandClassifier() },
    debouncer: new ConsecutiveDebouncer({ idleLabel: 0, refractoryMs: 1500 }),
    onEvent: (e) => events.push(e),
  });
  rec.rows.forEach((row, i) => p.push(rec.times[i], row));
  return events;
}

describe('sensor to receiver in the ESP32 sandbox', () => {
  it('stores the gestures of a replayed recording, once each, with epoch times', async () => {
    var token = (await rx.createToken('esp32-chain')).token;
    var rec = readRecordingFile(path.join(SEED_DIR, 'validation', FILE));
    var startEpochMs = Date.now() - 3_600_000;
    var sb = createEspruinoSandbox({ board: 'ESP32', startEpochMs });
    var net = installNetworkFakes(sb, { hosts: { 'receiver.local': rx.port } });
    var sim = new SimulatedMPU6500({ now: sb.now });
    sb.i2c.I2C1.attach(0x68, sim);
    sb.loadBundle('esp32');
    sb.run(`
      var eg = require('espruino-gestures');
      var wifi = require('Wifi');
      wifi.connect('lab', {});
      var box = eg.createOutbox({ deviceId: 'esp32-chain', labels: ${JSON.stringify(LABELS)}, storage: require('Storage'),
        sink: eg.createHttpSink({ host: 'receiver.local', port: 8080, token: ${JSON.stringify(token)}, wifi: wifi }) });
      I2C1.setup({ scl: D22, sda: D21, bitrate: 400000 });
      var imu = eg.connectI2C(I2C1, { rateHz: 100 });
      var pipeline = new eg.GesturePipeline({
        source: imu,
        model: { spec: ${JSON.stringify(stdSpec())}, classifier: ${DEVICE_CLASSIFIER} },
        debouncer: new eg.ConsecutiveDebouncer({ idleLabel: 0, refractoryMs: 1500 }),
        onEvent: function (e) { box.push(e); }
      });
      imu.init().then(function () { pipeline.start(); });
    `);
    await sb.advance(2000); // Wi-Fi joins, the IMU is configured
    sim.play(rec);
    for (var t = 0; t < rec.length * 10 + 3000; t += 250) {
      await sb.advance(250);
      await net.settle();
    }
    sb.run('pipeline.stop()');
    var expected = hostEvents();
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(sb.run('box.stats()')).toMatchObject({ queued: 0, sent: expected.length, dropped: 0, rejected: 0 });
    var stored = (await rx.store.queryEvents({ device: 'esp32-chain', limit: 100 })).sort((a, b) => a.id! - b.id!);
    expect(stored.map((e) => e.gesture)).toEqual(expected.map((e) => e.gesture));
    expect(stored.map((e) => e.id)).toEqual(expected.map((_, i) => i + 1));
    for (var e of stored) {
      expect(e.time).toBeGreaterThanOrEqual(startEpochMs + 2000);
      expect(e.time).toBeLessThanOrEqual(startEpochMs + sb.now());
      expect(e.score).toBeCloseTo(0.9, 6);
    }
    // Same moments of the recording as on the host, within a hop or two.
    var offset = stored[0].time - expected[0].timeMs;
    stored.forEach((e, i) => expect(Math.abs(e.time - expected[i].timeMs - offset)).toBeLessThanOrEqual(40));
  });
});
