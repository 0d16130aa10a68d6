import { describe, it, expect } from 'vitest';
import { Windower, windowsFromRecording, PUSH_INVALID, PUSH_WINDOW } from '../../src/pipeline';
import { ErrorCodes } from '../../src/core/errors';
import { readSeedRecording } from './seed-recording';
import { seedRawSpec, SEED_CHANNELS } from './specs';

var rec = readSeedRecording('move_x_20210522_1.csv');
var f32 = Math.fround;

function collect(spec: ReturnType<typeof seedRawSpec>, channels = rec.channels, rows = rec.rows) {
  var out: { time: number; lastRow: number; features: Float32Array }[] = [];
  windowsFromRecording(spec, channels, 100, rows, function (time, features, lastRow) {
    out.push({ time: time, lastRow: lastRow, features: new Float32Array(features) });
  }, rec.times);
  return out;
}

describe('windower over a seed recording (100 Hz -> 20 Hz, 21 points)', () => {
  it('yields, every hop, exactly the rows at 0, 50, ..., 1000 ms, time-major like the seed tables', () => {
    var windows = collect(seedRawSpec({ hopMs: 50 }));
    // First window ends at row 100 (1000 ms); then one every 5 rows.
    expect(windows.length).toBe(Math.floor((rec.rows.length - 101) / 5) + 1);
    windows.forEach(function (w, i) {
      var start = i * 5;
      expect(w.lastRow).toBe(start + 100);
      expect(w.time).toBe(rec.times[start + 100]);
      expect(w.features.length).toBe(126);
      var expected = new Float32Array(126);
      for (var p = 0; p < 21; p++) {
        for (var c = 0; c < 6; c++) expected[p * 6 + c] = f32(rec.rows[start + p * 5][c]);
      }
      expect(w.features).toEqual(expected);
    });
  });

  it('respects a hop of one sample (the seed tables shift by 10 ms)', () => {
    var windows = collect(seedRawSpec({ hopMs: 10 }));
    expect(windows.length).toBe(rec.rows.length - 100);
    var w = windows[37];
    expect(w.lastRow).toBe(137);
    expect(w.features[0]).toBe(f32(rec.rows[37][0]));
    expect(w.features[125]).toBe(f32(rec.rows[137][5]));
  });

  it('respects a 200 ms hop', () => {
    var windows = collect(seedRawSpec({ hopMs: 200 }));
    expect(windows.map((w) => w.lastRow).slice(0, 4)).toEqual([100, 120, 140, 160]);
  });

  it('picks a channel subset in the model\'s order, whatever the source order', () => {
    // The original device fed gyro y where the model expected gyro x: channels go by name.
    var spec = seedRawSpec({ channels: ['gyro_x', 'acc_z', 'gyro_z'] });
    var sourceOrder = ['gyro_z', 'acc_x', 'gyro_x', 'acc_y', 'acc_z', 'gyro_y'];
    var reordered = rec.rows.map((r) => sourceOrder.map((name) => r[SEED_CHANNELS.indexOf(name)]));
    var windows = collect(spec, sourceOrder, reordered);
    var w = windows[3];
    expect(w.features.length).toBe(63);
    for (var p = 0; p < 21; p++) {
      var row = rec.rows[15 + p * 5];
      expect([w.features[p * 3], w.features[p * 3 + 1], w.features[p * 3 + 2]]).toEqual([f32(row[3]), f32(row[2]), f32(row[5])]);
    }
  });

  it("'mean' downsampling averages each group of k samples", () => {
    var spec = seedRawSpec({ downsample: 'mean', channels: ['acc_y'] });
    var windows = collect(spec);
    // A 'mean' window spans points * k = 105 samples: the first ends at row 104.
    expect(windows[0].lastRow).toBe(104);
    var w = windows[2];
    var start = 10;
    for (var p = 0; p < 21; p++) {
      var sum = 0;
      for (var j = 0; j < 5; j++) sum += f32(rec.rows[start + p * 5 + j][1]);
      expect(w.features[p]).toBeCloseTo(sum / 5, 5);
    }
  });
});

describe('windower configuration errors', () => {
  it('a missing channel is CHANNEL_MISMATCH naming what the model needs and what the source has', () => {
    var spec = seedRawSpec({ channels: ['acc_x', 'gyro_x'] });
    try {
      new Windower(spec, ['acc_x', 'acc_y', 'acc_z', 'gyro_y', 'gyro_z'], 100, () => {});
      expect.unreachable();
    } catch (e: any) {
      expect(e.code).toBe(ErrorCodes.CHANNEL_MISMATCH);
      expect(e.message).toContain('acc_x, gyro_x');
      expect(e.message).toContain('acc_x, acc_y, acc_z, gyro_y, gyro_z');
      expect(e.missing).toEqual(['gyro_x']);
    }
  });

  it('a source rate that is not a whole multiple of the model rate is RATE_MISMATCH', () => {
    try {
      new Windower(seedRawSpec(), SEED_CHANNELS, 50 * 1.5, () => {});
      expect.unreachable();
    } catch (e: any) {
      expect(e.code).toBe(ErrorCodes.RATE_MISMATCH);
      expect(e.message).toContain('20 Hz');
      expect(e.message).toContain('75 Hz');
    }
  });

  it('accepts any whole multiple (k = 5 at 100 Hz, k = 1 at 20 Hz)', () => {
    expect(new Windower(seedRawSpec(), SEED_CHANNELS, 100, () => {}).factor).toBe(5);
    expect(new Windower(seedRawSpec({ hopMs: 50 }), SEED_CHANNELS, 20, () => {}).spanSamples).toBe(21);
  });

  it('a hop that is not a whole number of source samples is BAD_CONFIG', () => {
    expect(() => new Windower(seedRawSpec({ hopMs: 15 }), SEED_CHANNELS, 100, () => {})).toThrow(/hopMs 15/);
  });

  it('rejects inconsistent specs with BAD_CONFIG', () => {
    var bad = [
      seedRawSpec({ points: 0 }),
      seedRawSpec({ channels: [] }),
      seedRawSpec({ features: 'stats' }),
      seedRawSpec({ features: 'stats', stats: ['mean', 'kurtosis' as any] }),
      seedRawSpec({ idleLabel: 4 }),
      seedRawSpec({ downsample: 'median' as any })
    ];
    bad.forEach(function (spec) {
      try {
        new Windower(spec, SEED_CHANNELS, 100, () => {});
        expect.unreachable();
      } catch (e: any) {
        expect(e.code).toBe(ErrorCodes.BAD_CONFIG);
      }
    });
  });
});

describe('windower runtime behaviour', () => {
  it('reuses one feature vector and allocates no typed array per sample or window', () => {
    var seen: Float32Array[] = [];
    var w = new Windower(seedRawSpec({ hopMs: 10, features: 'stats', stats: ['mean', 'std', 'zc'] }), SEED_CHANNELS, 100, (t, f) => {
      if (seen.indexOf(f) < 0) seen.push(f);
    });
    // Warm up (first window), then count typed-array constructions in steady state.
    for (var i = 0; i < 101; i++) w.push(i * 10, rec.rows[i]);
    var real = globalThis.Float32Array;
    var created = 0;
    (globalThis as any).Float32Array = new Proxy(real, {
      construct(target, args) {
        created++;
        return Reflect.construct(target, args);
      }
    });
    try {
      for (var j = 101; j < 600; j++) w.push(j * 10, rec.rows[j]);
    } finally {
      (globalThis as any).Float32Array = real;
    }
    expect(created).toBe(0);
    expect(seen.length).toBe(1);
    expect(seen[0]).toBe(w.features);
  });

  it('skips every window holding a NaN sample, and only those', () => {
    var times: number[] = [];
    var w = new Windower(seedRawSpec({ hopMs: 10 }), SEED_CHANNELS, 100, (t) => times.push(t));
    var results: number[] = [];
    for (var i = 0; i < 400; i++) {
      var row = rec.rows[i].slice();
      if (i === 150) row[4] = NaN;
      results.push(w.push(i * 10, row));
    }
    expect(results[150]).toBe(PUSH_INVALID);
    // Windows end at rows 100..399; those ending at 150..250 contain row 150.
    expect(times.length).toBe(300 - 101);
    expect(times).toContain(1490);
    expect(times).not.toContain(1500);
    expect(times).not.toContain(2500);
    expect(times).toContain(2510);
    expect(w.skippedWindows).toBe(101);
  });

  it('infinite and missing values are invalid too', () => {
    var w = new Windower(seedRawSpec({ channels: ['acc_x', 'gyro_z'] }), SEED_CHANNELS, 100, () => {});
    expect(w.push(0, [Infinity, 0, 0, 0, 0, 0])).toBe(PUSH_INVALID);
    expect(w.push(10, [0, 0, 0, 0, 0, -Infinity])).toBe(PUSH_INVALID);
    expect(w.push(20, [0, 0, 0, 0, 0])).toBe(PUSH_INVALID);
    expect(w.push(30, [0, 0, 0, 0, 0, 0])).not.toBe(PUSH_INVALID);
  });

  it('a NaN in a channel the model does not read is harmless', () => {
    var n = 0;
    var w = new Windower(seedRawSpec({ channels: ['acc_x'] }), SEED_CHANNELS, 100, () => n++);
    var row = [1, NaN, NaN, NaN, NaN, NaN];
    for (var i = 0; i < 101; i++) expect(w.push(i * 10, row)).not.toBe(PUSH_INVALID);
    expect(n).toBe(1);
  });

  it('restarts after a gap in the sample times, or time going backwards; maxGapMs sets the limit', () => {
    function windowsWith(times: number[], options?: { maxGapMs: number }) {
      var out: number[] = [];
      var w = new Windower(seedRawSpec({ hopMs: 10, points: 3 }), SEED_CHANNELS, 100, (t) => out.push(t), options);
      times.forEach((t, i) => w.push(t, rec.rows[i]));
      return { out: out, gaps: w.gaps };
    }
    var steady = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120];
    // points 3 at k = 5: a window spans 11 samples.
    expect(windowsWith(steady).out).toEqual([100, 110, 120]);
    expect(windowsWith(steady.map((t, i) => (i === 5 ? t + 40 : t))).gaps).toBe(0); // 50 ms step: not a gap
    var late = windowsWith([0, 10, 20, 30, 40, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210]);
    expect(late.gaps).toBe(1);
    expect(late.out).toEqual([210]); // the span restarts at 110 ms
    var back = windowsWith([500, 510, 520, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(back.gaps).toBe(1);
    expect(back.out).toEqual([100]);
    expect(windowsWith(steady.map((t, i) => (i > 5 ? t + 60 : t)), { maxGapMs: 100 }).gaps).toBe(0);
    expect(() => windowsWith(steady, { maxGapMs: -1 })).toThrow(/maxGapMs/);
  });

  it('reset() needs a full span again before the next window', () => {
    var n = 0;
    var w = new Windower(seedRawSpec({ hopMs: 10 }), SEED_CHANNELS, 100, () => n++);
    for (var i = 0; i < 101; i++) w.push(i * 10, rec.rows[i]);
    expect(n).toBe(1);
    w.reset();
    var results: number[] = [];
    for (var j = 0; j < 101; j++) results.push(w.push(j * 10, rec.rows[j]));
    expect(results.indexOf(PUSH_WINDOW)).toBe(100);
    expect(n).toBe(2);
  });
});
