// The esp32-mqtt example as built by the espruino CLI, in the ESP32 sandbox: a simulated
// MPU6500 replays the seed's Y recording; events go over the fake Wi-Fi/net, bridged to a real
// mosquitto, into the real receiver's MQTT ingestion, once each, across a Wi-Fi outage.
import { it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installNetworkFakes } from '../../src/testing/fakes/network';
import { SimulatedMPU6500 } from '../../src/testing/mpu6500-sim';
import { readRecordingFile } from '../../src/testing/recording';
import { GesturePipeline, ConsecutiveDebouncer } from '../../src/pipeline';
import { loadModel } from '../../src/classifiers/load-model';
import { startReceiver, type Receiver } from '../../src/server';
import { readSeedRecording } from '../pipeline/seed-recording';
import { describeWithService, findMosquitto } from '../server/helpers';
import { builtExample, withConfig, trainSeedModel, writeStorage, appStateVars, codeVars, SEED, runWithOutage } from './helpers';

var RECORDING = 'move_y_20210522_1.csv';
var broker = await findMosquitto();

describeWithService('example esp32-mqtt (mosquitto)', broker, (url) => {
  var rx: Receiver;
  var dir: string;
  var modelBytes: Uint8Array;
  var prefix = 'gestures-examples-' + process.pid + '-' + Date.now().toString(36);
  var device = 'esp32-hall-' + process.pid;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-example-mqtt-'));
    modelBytes = await trainSeedModel(path.join(dir, 'gestures.model'));
    rx = await startReceiver({ port: 0, dataDir: path.join(dir, 'receiver'), dashboard: false, mqtt: { url, prefix } });
  });
  afterAll(async () => {
    await rx?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes every gesture of the Y recording; the receiver stores each once', async () => {
    var sb = createEspruinoSandbox({ board: 'ESP32' }); // the clock starts unset: the app sets it by SNTP
    var net = installNetworkFakes(sb, { hosts: { '192.168.1.10': Number(new URL(url).port || 1883) }, wifi: { ssid: 'my-network', password: 'my-password' } });
    var sim = new SimulatedMPU6500({ now: sb.now });
    sb.i2c.I2C1.attach(0x68, sim);
    writeStorage(sb, 'gestures.model', modelBytes);
    var code = builtExample('esp32-mqtt');
    sb.run(withConfig(code, { topicPrefix: prefix, deviceId: device }), 'esp32-mqtt.js');
    await sb.boot();
    await sb.advance(3000); // Wi-Fi joins (1.5 s), SNTP answers (0.8 s), then the IMU is configured
    expect(sb.run('eg.clockIsSet()')).toBe(true);
    expect(net.wifiStats.sntpSyncs).toBe(1);
    var rec = readRecordingFile(path.join(SEED, 'validation', RECORDING));
    sim.play(rec);
    var outage = { from: 6_000, to: 12_000 };
    var endMs = 3000 + rec.length * 10 + 1500;
    await runWithOutage(sb, net, outage, endMs, 1500);
    sb.run('pipeline.stop()');
    expect(sb.errors).toEqual([]);

    // What the host replay of the same model says.
    var model = loadModel(modelBytes);
    var seed = readSeedRecording(RECORDING);
    var expected: string[] = [];
    var p = new GesturePipeline({ source: { channels: seed.channels, rateHz: 100 }, model,
      debouncer: new ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 1500 }),
      onEvent: (e) => expected.push(e.gesture!) });
    seed.rows.forEach((row, i) => p.push(seed.times[i], row));
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(expected.every((g) => g === 'y')).toBe(true);

    expect(sb.run('box.stats()')).toMatchObject({ queued: 0, sent: expected.length, dropped: 0, rejected: 0 });
    expect(net.wifiStats.drops).toBe(1);
    var stored: any[] = [];
    for (var i = 0; i < 50 && stored.length < expected.length; i++) {
      stored = await rx.store.queryEvents({ device, limit: 100 });
      if (stored.length < expected.length) await new Promise((r) => setTimeout(r, 100));
    }
    stored.sort((a, b) => a.id - b.id);
    expect(stored.map((e) => [e.id, e.gesture, e.source])).toEqual(expected.map((g, i) => [i + 1, g, 'mqtt']));

    var state = appStateVars(sb, ['eg', 'CONFIG', 'startGestures', 'box', 'pipeline', 'imu', 'mqtt']);
    console.log('[memory] esp32-mqtt: code ' + Buffer.byteLength(code) + ' B (~' + codeVars(code) + ' vars in RAM), model ' + modelBytes.length + ' B in Storage, app state ~' + state + ' vars');
    expect(codeVars(code) + state).toBeLessThan(16_383 * 0.5);
  });
});
