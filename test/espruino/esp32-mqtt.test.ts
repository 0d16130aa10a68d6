// The esp32-mqtt example as the espruino CLI builds it (RAM), on the 16,383-variable build:
// the register-level MPU6500 stand-in replays the seed's Y recording in real time, and the app
// publishes over the Linux build's own net module to a REAL mosquitto, into the real
// receiver's MQTT ingestion (only joining Wi-Fi is a stand-in). The stored events are the host
// replay's: same gestures, same count, times within one hop.
import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadModel } from '../../src/classifiers/load-model';
import { ConsecutiveDebouncer } from '../../src/pipeline/debounce-consecutive';
import { startReceiver, type Receiver } from '../../src/server';
import { builtExample, withConfig, trainSeedModel } from '../examples/helpers';
import { readSeedRecording } from '../pipeline/seed-recording';
import { describeWithService, findMosquitto } from '../server/helpers';
import { describeReal } from './helpers';
import { deviceEvents, expectHostEvents } from './host-replay';
import { recordingBytes, monitorCode, standinModulesInRam, runRamApp, memLine } from './example-world';

var broker = await findMosquitto();

describeReal('example esp32-mqtt in the real interpreter (16,383 variables, RAM)', () => {
  describeWithService('with mosquitto', broker, (url) => {
    var dir: string;
    var rx: Receiver;
    var bytes: Uint8Array;
    var prefix = 'gestures-real-' + process.pid + '-' + Date.now().toString(36);
    var device = 'esp32-hall-' + process.pid;

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-real-mqtt-'));
      bytes = await trainSeedModel(path.join(dir, 'gestures.model'));
      rx = await startReceiver({ port: 0, dataDir: path.join(dir, 'receiver'), dashboard: false, mqtt: { url, prefix } });
    });
    afterAll(async () => {
      await rx?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('publishes the events of the host replay; the receiver stores each once', async () => {
      var model = loadModel(bytes);
      var rec = readSeedRecording('move_y_20210522_1.csv');
      var u = new URL(url);
      var app = withConfig(builtExample('esp32-mqtt'), { brokerHost: u.hostname, brokerPort: Number(u.port || 1883), topicPrefix: prefix, deviceId: device });
      var r = await runRamApp({
        build: 16383,
        app,
        files: { 'gestures.model': bytes, 'rec.bin': recordingBytes(rec.rows) },
        before: [
          'var m0 = process.memory().usage;',
          standinModulesInRam(['mpu6500', 'wifi']),
          'I2C1 = require("standin-mpu6500").create({ file: "rec.bin" });', // global.I2C1 = x is ignored for a peripheral
          'report("MEM_STANDINS", process.memory().usage - m0);',
        ].join('\n'),
        // The pipeline exists once init ran; samples flow after imu.init() resolves.
        after: 'var base = Math.floor(getTime() * 1000);\n' + monitorCode({ sampleTimes: 'base', sampleRow: 'I2C1.chip.readRows.shift()',
          played: 'I2C1.chip.stats.rowsPlayed >= I2C1.chip.rows && box.stats().queued === 0', tailMs: 1000,
          app: '{ box: box.stats(), counters: pipeline.counters, inference: pipeline.inferenceTime(), chip: I2C1.chip.stats }',
        }) + '\nsetTimeout(onFirstSample, 20); // E.emit("init") runs its listeners from the event loop',
        timeoutS: 90,
      });
      expect(r.uncaught, r.stdout).toEqual([]);
      expect(r.records('DONE'), r.stdout.slice(0, 4000)).toEqual([1]);
      var st = r.records('APP')[0];
      var debouncer = () => new ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 1500 });
      var h = deviceEvents(model, debouncer, rec.rows, 100, r.records);
      var stored: any[] = [];
      // MQTT delivery is asynchronous: wait until the receiver has stored them.
      for (var i = 0; i < 50 && stored.length < h.expected.length; i++) {
        stored = (await rx.store.queryEvents({ device, limit: 100 })).sort((a, b) => a.id! - b.id!);
        if (stored.length < h.expected.length) await new Promise((res) => setTimeout(res, 100));
      }
      var c = expectHostEvents(h, stored, 'device: ' + JSON.stringify(st));
      expect(stored.map((e) => e.source)).toEqual(stored.map(() => 'mqtt'));
      var expected = c.expected, diffs = c.diffs, full = c.full, lost = c.lost;
      expect(st.box).toMatchObject({ sent: expected.length, queued: 0, dropped: 0 });
      console.log('[real] esp32-mqtt on 16383: boot ' + memLine(r.records('MEM_BOOT')[0]) + ', running ' + memLine(r.records('MEM_RUN')[0]) +
        ', peak ' + r.records('MEM_PEAK')[0] + ' (stand-in ' + r.records('MEM_STANDINS')[0] + ' vars included); events ' + stored.length + '/' +
        expected.length + ' as host (' + expected.map((e) => e.gesture).join(',') + '; full recording ' + full.length + '), device minus host ' + diffs.join('/') +
        ' ms, samples lost to FIFO overflow ' + lost + '; inference ' +
        Math.round(st.inference.meanMs * 1000) + ' us mean of ' + st.inference.count + ' (code in RAM)');
    }, 240_000);
  });
});
