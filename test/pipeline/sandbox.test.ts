// The pipeline from the built ESP32 bundle inside the Espruino sandbox: the simulated MPU6500
// replays a seed recording over the fake I2C bus, the driver feeds GesturePipeline, events
// come out. Run `npm run build` first (npm test does).
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { SimulatedMPU6500 } from '../../src/testing/mpu6500-sim';
import { readRecordingFile } from '../../src/testing/recording';
import { GesturePipeline, ConsecutiveDebouncer, windowsFromRecording } from '../../src/pipeline';
import type { PipelineEvent } from '../../src/pipeline';
import { SEED_DIR, readSeedRecording } from './seed-recording';
import { makeHandClassifier, stdSpec, LABELS, DEVICE_HAND_CLASSIFIER as DEVICE_CLASSIFIER } from './hand-classifier';
import { seedRawSpec } from './specs';


function hostEvents(name: string): PipelineEvent[] {
  var rec = readSeedRecording(name);
  var events: PipelineEvent[] = [];
  var p = new GesturePipeline({
    source: { channels: rec.channels, rateHz: 100 },
    model: { spec: stdSpec(), classifier: makeHandClassifier() },
    debouncer: new ConsecutiveDebouncer({ idleLabel: 0, refractoryMs: 1500 }),
    onEvent: (e) => events.push(e)
  });
  rec.rows.forEach((row, i) => p.push(rec.times[i], row));
  return events;
}

describe.each([false, true])('pipeline in the Espruino sandbox (ESP32 bundle, minified: %s)', (minified) => {
  it.each([
    ['move_x_20210522_1.csv', 'x'],
    ['move_circle_20210522_1.csv', 'circle']
  ])('simulated MPU6500 replaying %s -> one %s event per repetition, as on the host', async (file, gesture) => {
    var rec = readRecordingFile(path.join(SEED_DIR, 'validation', file));
    var sb = createEspruinoSandbox({ board: 'ESP32' });
    var sim = new SimulatedMPU6500({ now: sb.now });
    sb.i2c.I2C1.attach(0x68, sim);
    sb.loadBundle('esp32', { minified });
    sb.run(`
      var eg = require('espruino-gestures');
      I2C1.setup({ scl: D22, sda: D21, bitrate: 400000 });
      var imu = eg.connectI2C(I2C1, { rateHz: 100 });
      var events = [];
      var errors = [];
      var pipeline = new eg.GesturePipeline({
        source: imu,
        model: { spec: ${JSON.stringify(stdSpec())}, classifier: ${DEVICE_CLASSIFIER} },
        debouncer: new eg.ConsecutiveDebouncer({ idleLabel: 0, refractoryMs: 1500 }),
        onEvent: function (e) { events.push(e); },
        onError: function (err) { errors.push(err.code + ' ' + err.message); }
      });
      var ready = false;
      imu.init().then(function () { ready = true; });
    `);
    await sb.advance(500);
    expect(sb.run('ready')).toBe(true);
    sim.play(rec);
    sb.run('pipeline.start()');
    await sb.advance(rec.length * 10 + 500);
    sb.run('pipeline.stop()');

    expect(sb.run('errors')).toEqual([]);
    var counters = sb.run('pipeline.counters');
    expect(counters.dropped).toBe(0);
    expect(counters.samples).toBeGreaterThanOrEqual(rec.length);
    // Every window is classified, or quiet (in the 1.5 s after an event: no event can come then).
    expect(counters.quiet).toBeGreaterThan(0);
    expect(counters.inferences + counters.quiet).toBe(counters.windows);
    var events = sb.run('events') as PipelineEvent[];
    var expected = hostEvents(file);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(events.map((e) => e.gesture)).toEqual(expected.map((e) => e.gesture));
    events.forEach((e) => expect(e.gesture).toBe(gesture));
    // Same moments of the recording (device times start when the FIFO does): within a hop or two.
    var t0 = events[0].timeMs - expected[0].timeMs;
    events.forEach((e, i) => expect(Math.abs(e.timeMs - expected[i].timeMs - t0)).toBeLessThanOrEqual(40));
    var stats = sb.run('pipeline.inferenceTime()');
    expect(stats.count).toBe(counters.inferences);
  });

  it('computes the same feature vectors as the host code, raw (bit for bit) and stats (native E path)', () => {
    var rec = readSeedRecording('move_y_20210522_1.csv');
    var rows = rec.rows.slice(0, 400);
    var specs = [seedRawSpec({ hopMs: 30 }), stdSpec({ stats: ['mean', 'std', 'min', 'max', 'rms', 'mad', 'zc'], hopMs: 50, downsample: 'mean' })];
    specs.forEach(function (spec) {
      var host: number[][] = [];
      windowsFromRecording(spec, rec.channels, 100, rows, (t, f) => host.push([t].concat(Array.from(f))));
      var sb = createEspruinoSandbox({ board: 'ESP32' });
      sb.loadBundle('esp32', { minified });
      var device = sb.run(`
        var eg = require('espruino-gestures');
        var out = [];
        var rows = ${JSON.stringify(rows)};
        var w = new eg.Windower(${JSON.stringify(spec)}, ${JSON.stringify(rec.channels)}, 100, function (t, f) {
          var row = [t];
          for (var i = 0; i < f.length; i++) row.push(f[i]);
          out.push(row);
        });
        for (var i = 0; i < rows.length; i++) w.push(i * 10, rows[i]);
        out;
      `) as number[][];
      expect(device.length).toBe(host.length);
      expect(host.length).toBeGreaterThan(5);
      for (var i = 0; i < host.length; i++) {
        if (spec.features === 'raw') expect(device[i]).toEqual(host[i]);
        else host[i].forEach((v, j) => expect(Math.abs(device[i][j] - v)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(v))));
      }
    });
  });
});

describe.each([
  ['puckjs', 'PUCKJS'],
  ['pixljs', 'PIXLJS'],
  ['banglejs2', 'BANGLEJS2']
] as const)('pipeline in the %s bundle', (dir, board) => {
  it('runs GesturePipeline with the original debouncer to the same events as the host', () => {
    var rec = readSeedRecording('move_y_20210522_1.csv');
    var spec = stdSpec({ hopMs: 20 });
    var expected: PipelineEvent[] = [];
    var hp = new GesturePipeline({ source: { channels: rec.channels, rateHz: 100 }, model: { spec, classifier: makeHandClassifier() }, onEvent: (e) => expected.push(e) });
    rec.rows.forEach((row, i) => hp.push(rec.times[i], row));
    var sb = createEspruinoSandbox({ board });
    sb.loadBundle(dir, { minified: true });
    var events = sb.run(`
      var eg = require('espruino-gestures');
      var events = [];
      var p = new eg.GesturePipeline({
        source: { channels: ${JSON.stringify(rec.channels)}, rateHz: 100 },
        model: { spec: ${JSON.stringify(spec)}, classifier: ${DEVICE_CLASSIFIER} },
        // named: the Puck.js bundle has no default debouncer (docs/boards.md)
        debouncer: new eg.OriginalDebouncer({ idleLabel: ${spec.idleLabel} }),
        onEvent: function (e) { events.push(e); }
      });
      var rows = ${JSON.stringify(rec.rows)};
      var v = new Float32Array(6);
      for (var i = 0; i < rows.length; i++) { v.set(rows[i]); p.push(i * 10, v); }
      events;
    `) as PipelineEvent[];
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(events).toEqual(expected.map((e) => ({ timeMs: e.timeMs, label: e.label, score: e.score, gesture: e.gesture })));
  });
});

describe('pipeline in the sandbox when the bus fails for longer than the MPU6500 FIFO holds', () => {
  it('counts the samples the driver dropped (its own count) and never windows across the gap', async () => {
    var rec = readRecordingFile(path.join(SEED_DIR, 'validation', 'move_circle_20210522_1.csv'));
    var sb = createEspruinoSandbox({ board: 'ESP32' });
    var sim = new SimulatedMPU6500({ now: sb.now });
    sb.i2c.I2C1.attach(0x68, sim);
    sb.loadBundle('esp32');
    sb.run(`
      var eg = require('espruino-gestures');
      var imu = eg.connectI2C(I2C1, { rateHz: 100, readIntervalMs: 200, fifoBytes: 512 });
      var errors = [];
      var windowTimes = [];
      var pipeline = new eg.GesturePipeline({
        source: imu,
        model: { spec: ${JSON.stringify(stdSpec())}, classifier: ${DEVICE_CLASSIFIER} },
        onEvent: function () {},
        onWindow: function (t) { windowTimes.push(t); },
        onError: function (err) { errors.push({ code: err.code, dropped: err.dropped }); }
      });
      var ready = false;
      imu.init().then(function () { ready = true; });
    `);
    await sb.advance(500);
    expect(sb.run('ready')).toBe(true);
    sim.play(rec);
    sb.run('pipeline.start()');
    await sb.advance(3000);
    // The bus fails for 1.5 s: the 512-byte FIFO (420 ms at 100 Hz) overflows meanwhile.
    sb.i2c.I2C1.fault = 'nack';
    await sb.advance(1500);
    sb.i2c.I2C1.fault = null;
    await sb.advance(3000);
    sb.run('pipeline.stop()');

    var errors = sb.run('errors') as { code: string; dropped: number }[];
    // An outage is not an overflow: the driver clears the overflow bit latched meanwhile when
    // it restarts the FIFO, so only the bus error is reported.
    expect(errors.map((e) => e.code)).toEqual(['I2C_NACK']);
    var counters = sb.run('pipeline.counters');
    var dropped = sb.run('imu.stats.dropped');
    expect(dropped).toBeGreaterThan(100);
    expect(counters.dropped).toBe(dropped); // one count: the driver's
    expect(counters.errors).toBe(errors.length);
    // Windows every 2 samples (20 ms), except once: across the gap a full second is needed again.
    var times = sb.run('windowTimes') as number[];
    var steps = [];
    for (var i = 1; i < times.length; i++) if (Math.abs(times[i] - times[i - 1] - 20) > 1e-6) steps.push(times[i] - times[i - 1]);
    expect(steps.length).toBe(1);
    expect(steps[0]).toBeGreaterThanOrEqual(1000 + 1500);
  });
});

describe('pipeline in the sandbox after a short bus fault', () => {
  it('sees the frames the driver skips on resuming as a time gap and restarts windowing', async () => {
    var rec = readRecordingFile(path.join(SEED_DIR, 'validation', 'move_x_20210522_1.csv'));
    var sb = createEspruinoSandbox({ board: 'ESP32' });
    var sim = new SimulatedMPU6500({ now: sb.now });
    sb.i2c.I2C1.attach(0x68, sim);
    sb.loadBundle('esp32');
    sb.run(`
      var eg = require('espruino-gestures');
      var imu = eg.connectI2C(I2C1, { rateHz: 100 });
      var errors = [];
      var windowTimes = [];
      var pipeline = new eg.GesturePipeline({
        source: imu,
        model: { spec: ${JSON.stringify(stdSpec())}, classifier: ${DEVICE_CLASSIFIER} },
        onEvent: function () {},
        onWindow: function (t) { windowTimes.push(t); },
        onError: function (err) { errors.push(err.code); }
      });
      imu.init();
    `);
    await sb.advance(500);
    sim.play(rec);
    sb.run('pipeline.start()');
    await sb.advance(3000);
    sb.i2c.I2C1.fault = 'nack';
    await sb.advance(300);
    sb.i2c.I2C1.fault = null;
    await sb.advance(3000);
    sb.run('pipeline.stop()');
    var errors = sb.run('errors') as string[];
    expect(errors.indexOf('FIFO_OVERFLOW')).toBe(-1);
    expect(errors.length).toBeGreaterThan(0);
    var skipped = sb.run('imu.stats.dropped');
    var counters = sb.run('pipeline.counters');
    var times = sb.run('windowTimes') as number[];
    var steps = [];
    for (var i = 1; i < times.length; i++) if (Math.abs(times[i] - times[i - 1] - 20) > 1e-6) steps.push(times[i] - times[i - 1]);
    expect(skipped).toBeGreaterThan(0);
    expect(counters.gaps).toBe(1);
    expect(steps.length).toBe(1);
    expect(steps[0]).toBeGreaterThanOrEqual(1000 + skipped * 10);
  });
});
