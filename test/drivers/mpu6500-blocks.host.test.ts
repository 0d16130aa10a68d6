// The MPU6500's block path (start()'s onBlock: each FIFO burst one SampleBlock) against its
// per-sample path on the same simulated chip: the same samples, values and times, a gyro bias
// and a channel subset included, and an overflow in between.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MPU6500 } from '../../src/drivers/mpu6500';
import type { SampleBlock } from '../../src/core/types';
import { loadCircle, simOnBus } from './helpers';

var circle = loadCircle();

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

/** Samples (values and times) of one replay; blocks: through onBlock, expanded as a pipeline would. */
async function replay(options: any, blocks: boolean, stallAtMs?: number, take = true) {
  vi.setSystemTime(0);
  var { bus, sim } = simOnBus();
  var drv = new MPU6500(bus, options);
  var done = drv.init();
  await vi.advanceTimersByTimeAsync(300);
  await done;
  drv.setGyroBias(0.75, -0.5, 0.125);
  var times: number[] = [], values: number[][] = [], sizes: number[] = [], errors: string[] = [];
  function onSample(t: number, v: Float32Array) { times.push(t); values.push([].slice.call(v)); }
  function onBlock(b: SampleBlock) {
    if (!take) return false;
    sizes.push(b.count);
    var x = new Float32Array(b.at.length);
    for (var j = 0; j < b.count; j++) {
      for (var c = 0; c < x.length; c++) x[c] = b.raw[j * b.stride + b.at[c]] * b.scale[c] - b.offset[c];
      onSample(b.t0 + (b.k0 + j) * b.periodMs, x);
    }
    return true;
  }
  sim.play(circle);
  drv.start(onSample, function (e) { errors.push(e.code); }, blocks ? onBlock : undefined);
  if (stallAtMs) {
    await vi.advanceTimersByTimeAsync(stallAtMs);
    vi.setSystemTime(Date.now() + 1500); // the interpreter was busy: the FIFO overflows unread
  }
  await vi.advanceTimersByTimeAsync(circle.length * 10 + 400);
  drv.stop();
  return { times, values, sizes, errors, stats: drv.stats };
}

describe('MPU6500 FIFO bursts as SampleBlocks', () => {
  it('deliver exactly the samples and times of the per-sample path, in bursts', async () => {
    for (var options of [{ rateHz: 100 }, { rateHz: 100, channels: ['gyro_z', 'acc_x', 'gyro_x'] }, { rateHz: 100, channels: ['gyro_y', 'gyro_x'] }]) {
      var each = await replay(options, false), blocks = await replay(options, true);
      expect(each.times.length).toBeGreaterThanOrEqual(circle.length);
      expect(blocks.times).toEqual(each.times);
      expect(blocks.values).toEqual(each.values);
      expect(blocks.stats).toEqual(each.stats);
      expect(Math.max.apply(null, blocks.sizes)).toBeGreaterThan(1);
    }
  });
  it('a block the handler does not take comes sample by sample instead', async () => {
    var each = await replay({ rateHz: 100 }, false), refused = await replay({ rateHz: 100 }, true, undefined, false);
    expect(refused.sizes).toEqual([]);
    expect(refused.times).toEqual(each.times);
    expect(refused.values).toEqual(each.values);
  });
  it('an overflow between bursts is reported alike and the timeline goes on alike', async () => {
    var each = await replay({ rateHz: 100 }, false, 1000), blocks = await replay({ rateHz: 100 }, true, 1000);
    expect(each.errors).toContain('FIFO_OVERFLOW');
    expect(blocks.errors).toEqual(each.errors);
    expect(blocks.times).toEqual(each.times);
    expect(blocks.values).toEqual(each.values);
  });
});
