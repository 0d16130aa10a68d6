// The MPU6500 driver against the register-level simulator on the host (fake timers).
// The same must-show scenarios also run inside the Espruino sandbox (mpu6500.sandbox.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MPU6500 } from '../../src/drivers/mpu6500';
import { Reg } from '../../src/drivers/mpu6500-registers';
import type { DeviceError } from '../../src/core/types';
import { loadCircle, rowOf, simOnBus, worstLsbError } from './helpers';

var circle = loadCircle();

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

function collect() {
  var times: number[] = [];
  var samples: Float32Array[] = [];
  var errors: DeviceError[] = [];
  return {
    times, samples, errors,
    onSample: (t: number, v: Float32Array) => { times.push(t); samples.push(new Float32Array(v)); },
    onError: (e: DeviceError) => { errors.push(e); }
  };
}

async function startReplay(options: any) {
  var { bus, sim } = simOnBus();
  var drv = new MPU6500(bus, options);
  var done = drv.init();
  await vi.advanceTimersByTimeAsync(300);
  await done;
  var out = collect();
  sim.play(circle);
  var startedAt = Date.now();
  drv.start(out.onSample, out.onError);
  return { bus, sim, drv, out, startedAt };
}

describe('MPU6500 FIFO mode, replaying the seed circle recording', () => {
  it('at 100 Hz returns every sample in order, within one LSB, none dropped', async () => {
    var { drv, out } = await startReplay({ rateHz: 100, readIntervalMs: 200 });
    await vi.advanceTimersByTimeAsync(circle.length * 10 + 400);
    drv.stop();
    expect(out.errors).toEqual([]);
    expect(out.samples.length).toBeGreaterThanOrEqual(circle.length);
    expect(worstLsbError(out.samples.slice(0, circle.length), circle)).toBeLessThanOrEqual(1);
    for (var i = 1; i < out.times.length; i++) expect(out.times[i] - out.times[i - 1]).toBeCloseTo(10, 9);
    expect(drv.stats.dropped).toBe(0);
    expect(drv.stats.overflows).toBe(0);
  });

  it('at 200 Hz with reads every 250 ms drops nothing (each 100 Hz row is held for two samples)', async () => {
    var { drv, out, bus } = await startReplay({ rateHz: 200, readIntervalMs: 250 });
    await vi.advanceTimersByTimeAsync(circle.length * 10 + 500);
    drv.stop();
    expect(out.errors).toEqual([]);
    expect(out.samples.length).toBeGreaterThanOrEqual(2 * circle.length);
    expect(worstLsbError(out.samples.slice(0, 2 * circle.length), circle, 2)).toBeLessThanOrEqual(1);
    for (var i = 1; i < out.times.length; i++) expect(out.times[i] - out.times[i - 1]).toBeCloseTo(5, 9);
    expect(drv.stats.dropped).toBe(0);
    expect(bus.stats.bytesRead / bus.stats.reads).toBeLessThan(256); // bursts stay small
  });

  it('with reads too slow, detects, counts and recovers from overflow without a misaligned frame', async () => {
    var { drv, out, sim, startedAt } = await startReplay({ rateHz: 100, readIntervalMs: 700, fifoBytes: 512 });
    await vi.advanceTimersByTimeAsync(circle.length * 10);
    drv.stop();
    var overflows = out.errors.filter((e) => e.code === 'FIFO_OVERFLOW');
    expect(out.errors.length).toBe(overflows.length);
    expect(overflows.length).toBe(1); // after it, the driver reads often enough (half the FIFO)
    expect(overflows[0].readIntervalMs).toBe(210);
    expect(drv.stats.overflows).toBe(overflows.length);
    var reported = overflows.reduce((n, e) => n + e.dropped, 0);
    expect(reported).toBe(drv.stats.dropped);
    // Every delivered frame is a real recording row, and its timestamp says which one
    // (row k was sampled 10 ms after the FIFO was started, plus 10 ms per row).
    expect(out.samples.length).toBeGreaterThan(circle.length - 100);
    for (var i = 0; i < out.samples.length; i++) {
      var expectedRow = Math.round((out.times[i] - startedAt - 10) / 10);
      if (expectedRow >= circle.length) break;
      expect(rowOf(out.samples[i], circle, expectedRow)).toBe(expectedRow);
    }
    // Nothing vanishes unaccounted: delivered + dropped = what the sensor sampled.
    var sampled = Math.round((out.times[out.times.length - 1] - startedAt) / 10);
    expect(out.samples.length + drv.stats.dropped).toBeGreaterThanOrEqual(sampled);
    expect(out.samples.length + drv.stats.dropped).toBeLessThanOrEqual(sampled + 1);
    expect(sim.regs[Reg.USER_CTRL] & 0x40).toBe(0); // stop() switched the FIFO off
  });
});

describe('MPU6500 FIFO timestamps with a sensor clock that is off', () => {
  it.each([0.01, -0.01])('follow the board clock when the chip runs %s fast, increasing and evenly spaced', async (drift) => {
    var { bus } = simOnBus({ clockDrift: drift });
    var drv = new MPU6500(bus, { rateHz: 100 });
    var ready = drv.init();
    await vi.advanceTimersByTimeAsync(300);
    await ready;
    var out = collect();
    drv.start(out.onSample, out.onError);
    await vi.advanceTimersByTimeAsync(60_000);
    var end = Date.now();
    drv.stop();
    expect(out.errors).toEqual([]);
    expect(drv.stats.dropped).toBe(0);
    // 60 s at 1% off is 600 ms of drift: the last timestamp still lands within a period or two of now.
    expect(Math.abs(out.times[out.times.length - 1] - end)).toBeLessThanOrEqual(20);
    // Every sample the chip took: 1% more (or fewer) than 6000 in 60 s.
    expect(Math.abs(out.samples.length - 6000 * (1 + drift))).toBeLessThanOrEqual(2);
    for (var i = 1; i < out.times.length; i++) {
      var step = out.times[i] - out.times[i - 1];
      expect(step).toBeGreaterThan(0);
      expect(Math.abs(step - 10)).toBeLessThanOrEqual(5);
    }
  });
});

describe('MPU6500 on a clone that ignores the FIFO size bits', () => {
  it('notices the 512-byte FIFO at the first overflow and reads often enough from then on', async () => {
    var { bus } = simOnBus({ fixedFifoBytes: 512, signal: circle });
    var drv = new MPU6500(bus, { rateHz: 100, readIntervalMs: 450 }); // fine for 1 KB, too slow for 512 B
    var ready = drv.init();
    await vi.advanceTimersByTimeAsync(300);
    await ready;
    var out = collect();
    drv.start(out.onSample, out.onError);
    await vi.advanceTimersByTimeAsync(10_000);
    drv.stop();
    expect(out.errors.map((e) => e.code)).toEqual(['FIFO_OVERFLOW']);
    expect(out.errors[0].readIntervalMs).toBe(210);
    expect(out.errors[0].message).toMatch(/the FIFO holds 420 ms at 100 Hz/);
    expect(out.samples.length + drv.stats.dropped).toBeGreaterThanOrEqual(1000 - 21); // the last read's leftovers stay in the FIFO
  });
});

describe('MPU6500 after a power cycle on a chip that powers up awake', () => {
  it('recognises the cleared configuration and re-initialises', async () => {
    var { bus, sim } = simOnBus({ powerOnAwake: true, signal: circle });
    var drv = new MPU6500(bus, { rateHz: 100 });
    var ready = drv.init();
    await vi.advanceTimersByTimeAsync(300);
    await ready;
    var out = collect();
    drv.start(out.onSample, out.onError);
    await vi.advanceTimersByTimeAsync(1000);
    sim.unplug();
    sim.replug(); // awake, but rate, ranges and FIFO back at defaults
    await vi.advanceTimersByTimeAsync(2000);
    drv.stop();
    expect(out.errors).toEqual([]);
    expect(drv.stats.reinits).toBe(1);
    expect(out.times[out.times.length - 1]).toBeGreaterThan(Date.now() - 300);
  });
});
