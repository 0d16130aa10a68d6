// Must-show of the sensor end: the built esp32 bundle's driver, inside the Espruino
// sandbox, reading the simulated MPU6500 that replays the seed's circle recording.
import { describe, expect, it } from 'vitest';
import { loadCircle, rowOf, worstLsbError } from './helpers';
import { sandboxRig } from './sandbox-helpers';

var circle = loadCircle();

async function replay(options: string, minified = false) {
  var rig = sandboxRig({}, 'ESP32', 'esp32', minified);
  rig.sb.run(`var mpu = g.connectI2C(I2C1, ${options});
    mpu.init().then(function () { got.ready = true; }, function (e) { got.initError = e.code + ': ' + e.message; });`);
  await rig.sb.advance(300);
  expect(rig.sb.run('got.initError')).toBe(null);
  expect(rig.sb.run('got.ready')).toBe(true);
  rig.sim.play(circle);
  var startedAt = rig.sb.now();
  rig.sb.run('mpu.start(onSample, onError)');
  return { ...rig, startedAt };
}

describe('MPU6500 driver in the Espruino sandbox (esp32 bundle), FIFO mode', () => {
  it.each([false, true])('at 100 Hz returns every recording sample in order, within one LSB, none dropped (minified: %s)', async (minified) => {
    var rig = await replay('{ rateHz: 100, readIntervalMs: 200 }', minified);
    await rig.sb.advance(circle.length * 10 + 400);
    rig.sb.run('mpu.stop()');
    var { times, values } = rig.samples();
    expect(rig.errors()).toEqual([]);
    expect(values.length).toBeGreaterThanOrEqual(circle.length);
    expect(worstLsbError(values.slice(0, circle.length), circle)).toBeLessThanOrEqual(1);
    // Timestamps come from the sensor's clock: exactly 10 ms apart, the first one period after start.
    expect(times[0]).toBeCloseTo(rig.startedAt + 10, 6);
    for (var i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeCloseTo(10, 6);
    var stats = rig.stats();
    expect(stats.dropped).toBe(0);
    expect(stats.overflows).toBe(0);
    expect(stats.samples).toBe(values.length);
  });

  it('at 200 Hz with reads every 250 ms drops nothing', async () => {
    var rig = await replay('{ rateHz: 200, readIntervalMs: 250 }');
    await rig.sb.advance(circle.length * 10 + 500);
    rig.sb.run('mpu.stop()');
    var { times, values } = rig.samples();
    expect(rig.errors()).toEqual([]);
    expect(values.length).toBeGreaterThanOrEqual(2 * circle.length);
    // The simulator holds each 100 Hz row for two 5 ms samples (sample-and-hold).
    expect(worstLsbError(values.slice(0, 2 * circle.length), circle, 2)).toBeLessThanOrEqual(1);
    for (var i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeCloseTo(5, 6);
    expect(rig.stats().dropped).toBe(0);
    // Bursts stay small (Espruino's readFrom needs n + 256 bytes of stack).
    expect(rig.sb.i2c.I2C1.stats.bytesRead / rig.sb.i2c.I2C1.stats.reads).toBeLessThan(256);
  });

  it('with reads too slow, detects and counts the overflow and recovers without a misaligned frame', async () => {
    var rig = await replay('{ rateHz: 100, readIntervalMs: 700, fifoBytes: 512 }');
    await rig.sb.advance(circle.length * 10);
    rig.sb.run('mpu.stop()');
    var { times, values } = rig.samples();
    var errors = rig.errors();
    expect(errors.map((e) => e.code)).toEqual(['FIFO_OVERFLOW']);
    expect(errors[0].message).toMatch(/FIFO overflowed: \d+ samples dropped/);
    var stats = rig.stats();
    expect(stats.overflows).toBe(1);
    expect(errors[0].dropped).toBe(stats.dropped);
    expect(stats.dropped).toBeGreaterThanOrEqual(42); // more than the FIFO holds
    // Every frame delivered is a whole recording row, and its timestamp names the row.
    expect(values.length).toBeGreaterThan(circle.length - 100);
    for (var i = 0; i < values.length; i++) {
      var row = Math.round((times[i] - rig.startedAt - 10) / 10);
      if (row >= circle.length) break;
      expect(rowOf(values[i], circle, row)).toBe(row);
    }
    // Delivered + dropped accounts for every sample the sensor took.
    var sampled = Math.round((times[times.length - 1] - rig.startedAt) / 10);
    expect(values.length + stats.dropped).toBe(sampled);
  });
});

describe('MPU6500 driver from the pixljs bundle (nRF52 sandbox)', () => {
  it('reads the recording at 50 Hz: every other row, whole and in order', async () => {
    var rig = sandboxRig({}, 'PIXLJS', 'pixljs');
    rig.sb.run(`var mpu = g.connectI2C(I2C1, { rateHz: 50 });
      mpu.init().then(function () { got.ready = true; });`);
    await rig.sb.advance(300);
    expect(rig.sb.run('got.ready')).toBe(true);
    rig.sim.play(circle);
    rig.sb.run('mpu.start(onSample, onError)');
    await rig.sb.advance(5000);
    rig.sb.run('mpu.stop()');
    var { times, values } = rig.samples();
    expect(rig.errors()).toEqual([]);
    expect(values.length).toBeGreaterThanOrEqual(240);
    for (var i = 0; i < values.length; i++) expect(rowOf(values[i], circle, 2 * i)).toBe(2 * i);
    for (var j = 1; j < times.length; j++) expect(times[j] - times[j - 1]).toBeCloseTo(20, 6);
  });
});
