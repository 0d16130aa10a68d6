// The esp32-mpu6500-http example as the espruino CLI builds it (uploaded to RAM), on the
// 16,383-variable build: its MPU6500 driver reads a register-level stand-in replaying the
// seed's X recording in real time, and it POSTs over the Linux build's own http module to
// a REAL receiver started here (only joining Wi-Fi is a stand-in). The stored events are the
// host replay's: same gestures, same count, times within one hop.
import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadModel } from '../../src/classifiers/load-model';
import { ConsecutiveDebouncer } from '../../src/pipeline/debounce-consecutive';
import { startReceiver, type Receiver } from '../../src/server';
import { builtExample, withConfig, trainSeedModel } from '../examples/helpers';
import { readSeedRecording } from '../pipeline/seed-recording';
import { describeReal } from './helpers';
import { deviceEvents, expectHostEvents } from './host-replay';
import { recordingBytes, monitorCode, standinModulesInRam, runRamApp, memLine } from './example-world';

var DEVICE = 'esp32-kitchen';
var dir: string;
var rx: Receiver;
var bytes: Uint8Array;

describeReal('example esp32-mpu6500-http in the real interpreter (16,383 variables, RAM)', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-real-http-'));
    bytes = await trainSeedModel(path.join(dir, 'gestures.model'));
    rx = await startReceiver({ port: 0, dataDir: path.join(dir, 'receiver') });
  });
  afterAll(async () => {
    await rx?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('POSTs the events of the host replay to a real receiver', async () => {
    var token = (await rx.createToken(DEVICE)).token;
    var model = loadModel(bytes);
    var rec = readSeedRecording('move_x_20210522_1.csv');
    var app = withConfig(builtExample('esp32-mpu6500-http'), { receiverHost: '127.0.0.1', receiverPort: rx.port, token });
    var r = await runRamApp({
      build: 16383,
      app,
      files: { 'gestures.model': bytes, 'rec.bin': recordingBytes(rec.rows) },
      before: [
        'var m0 = process.memory().usage;',
        standinModulesInRam(['mpu6500', 'wifi']),
        // global.I2C1 = x is ignored for a peripheral (measured): assign the name itself.
        'I2C1 = require("standin-mpu6500").create({ file: "rec.bin" });',
        'report("MEM_STANDINS", process.memory().usage - m0);',
      ].join('\n'),
      // The pipeline exists once init ran; samples flow after imu.init() resolves.
      after: 'var base = Math.floor(getTime() * 1000);\n' + monitorCode({ sampleTimes: 'base', sampleRow: 'I2C1.chip.readRows.shift()',
        played: 'I2C1.chip.stats.rowsPlayed >= I2C1.chip.rows', tailMs: 3000,
        app: '{ box: box.stats(), counters: pipeline.counters, inference: pipeline.inferenceTime(), imu: imu.stats, chip: I2C1.chip.stats }',
        progress: '{ chip: I2C1.chip.stats, rows: I2C1.chip.rows, box: box.stats(), imu: imu.stats }',
      }) + '\nsetTimeout(onFirstSample, 20); // E.emit("init") runs its listeners from the event loop',
      timeoutS: 60,
    });
    expect(r.uncaught, r.stdout).toEqual([]);
    expect(r.records('DONE'), r.stdout.slice(0, 4000)).toEqual([1]);
    var st = r.records('APP')[0];
    expect(st.chip.rowsPlayed).toBe(rec.rows.length);

    var debouncer = () => new ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 1500 });
    var stored = (await rx.store.queryEvents({ device: DEVICE, limit: 100 })).sort((a, b) => a.id! - b.id!);
    var c = expectHostEvents(deviceEvents(model, debouncer, rec.rows, 100, r.records), stored, 'device: ' + JSON.stringify(st));
    expect(c.full.length).toBe(5); // the recording's five X gestures
    var expected = c.expected, diffs = c.diffs, full = c.full, lost = c.lost;
    expect(st.box).toMatchObject({ sent: expected.length, queued: 0, dropped: 0, rejected: 0 });
    expect(st.counters.events).toBe(expected.length);
    console.log('[real] esp32-mpu6500-http on 16383: boot ' + memLine(r.records('MEM_BOOT')[0]) + ', running ' + memLine(r.records('MEM_RUN')[0]) +
      ', peak ' + r.records('MEM_PEAK')[0] + ' (stand-in ' + r.records('MEM_STANDINS')[0] + ' vars included); events ' + stored.length + '/' +
      expected.length + ' as host (' + expected.map((e) => e.gesture).join(',') + '; full recording ' + full.length + '), device minus host ' + diffs.join('/') +
      ' ms, samples lost to FIFO overflow ' + lost + '; inference ' +
      Math.round(st.inference.meanMs * 1000) + ' us mean of ' + st.inference.count + ' (code in RAM)');
  }, 240_000);
});
