// The windower keeps its points per phase (one native copy per window part). Checked here
// against the definition itself: every emitted window equals the one built from the full
// list of samples, for pick and mean, several factors and hops, a channel subset, the
// direct path (model channels = source channels), an invalid sample and a gap.
import { describe, it, expect } from 'vitest';
import { Windower, PUSH_WINDOW } from '../../src/pipeline';
import { seedRawSpec, SEED_CHANNELS } from './specs';
import type { FeatureSpec } from '../../src/core/types';

/** Sample i of a deterministic 6-channel signal (not periodic in any window length). */
function signal(i: number): number[] {
  return [Math.sin(i * 0.37) * 3, Math.cos(i * 0.11) * 9.8, (i % 17) - 8.5, Math.sin(i * i * 0.001) * 200, i * 0.25, -i * 0.5];
}

/** The window ending at sample `last` of `samples` (model channel order), by definition. */
function expectedWindow(spec: FeatureSpec, k: number, samples: number[][], last: number): Float32Array {
  var P = spec.points, nch = spec.channels.length, out = new Float32Array(P * nch);
  var span = spec.downsample === 'mean' ? P * k : (P - 1) * k + 1, first = last - span + 1;
  for (var p = 0; p < P; p++) {
    for (var c = 0; c < nch; c++) {
      if (spec.downsample === 'pick') out[p * nch + c] = samples[first + p * k][c];
      else {
        var sum = 0;
        for (var j = 0; j < k; j++) sum += Math.fround(samples[first + p * k + j][c]);
        out[p * nch + c] = sum / k;
      }
    }
  }
  return out;
}

function check(spec: FeatureSpec, sourceChannels: string[], rateHz: number, n: number, spoil?: (i: number, v: number[]) => number) {
  var k = rateHz / spec.rateHz, got: { time: number; w: Float32Array }[] = [];
  var w = new Windower(spec, sourceChannels, rateHz, function (t, f) { got.push({ time: t, w: new Float32Array(f) }); });
  var picks = spec.channels.map(function (ch) { return sourceChannels.indexOf(ch); });
  var samples: number[][] = [], times: number[] = [], emittedAt: number[] = [], segmentStart = 0, time = 0;
  for (var i = 0; i < n; i++) {
    var v = signal(i);
    var values = sourceChannels.map(function (ch) { return v[SEED_CHANNELS.indexOf(ch)]; });
    time += spoil ? spoil(i, values) : 1000 / rateHz;
    if (time - (times.length ? times[times.length - 1] : time) > 5000 / rateHz) segmentStart = samples.length;
    samples.push(picks.map(function (p) { return values[p]; }));
    times.push(time);
    if (w.push(time, values) === PUSH_WINDOW) emittedAt.push(i);
  }
  expect(got.length).toBe(emittedAt.length);
  expect(got.length).toBeGreaterThan(3);
  var wrong = 0;
  emittedAt.forEach(function (last, j) {
    var e = expectedWindow(spec, k, samples, last);
    if (got[j].time !== times[last] || got[j].w.length !== e.length) wrong++;
    for (var q = 0; q < e.length; q++) if (got[j].w[q] !== e[q]) wrong++;
  });
  expect(wrong).toBe(0);
  return { windows: got.length, skipped: w.skippedWindows, segmentStart: segmentStart };
}

describe('windower phases against the definition', () => {
  it('pick, factor 5, hops of 1, 2, 7 and 20 samples, direct 6-channel source', () => {
    for (var hopMs of [10, 20, 70, 200]) check(seedRawSpec({ hopMs: hopMs }), SEED_CHANNELS, 100, 400);
  });

  it('mean, factors 2, 4 and 5, a 3-channel subset from a reordered source', () => {
    var source = ['gyro_z', 'acc_z', 'temp', 'acc_x', 'gyro_x', 'acc_y', 'gyro_y'];
    var base = { channels: ['acc_x', 'acc_y', 'acc_z'], downsample: 'mean' as const, points: 25, windowMs: 1000 };
    check(seedRawSpec(Object.assign({}, base, { sourceRateHz: 50, rateHz: 25, hopMs: 100 })), source, 50, 300);
    check(seedRawSpec(Object.assign({}, base, { sourceRateHz: 104, rateHz: 26, hopMs: 250, points: 26 })), source, 104, 500);
    check(seedRawSpec({ downsample: 'mean', points: 20, hopMs: 30 }), SEED_CHANNELS, 100, 400);
  });

  it('factor 1, and a source twice the spec rate (pick of 10)', () => {
    check(seedRawSpec({ rateHz: 100, points: 40, windowMs: 400, hopMs: 30 }), SEED_CHANNELS, 100, 200);
    check(seedRawSpec({ hopMs: 50 }), SEED_CHANNELS, 200, 600);
  });

  it('skips exactly the windows holding an invalid sample and restarts after a gap', () => {
    var r = check(seedRawSpec({ hopMs: 20 }), SEED_CHANNELS, 100, 600, function (i, values) {
      if (i === 150) values[2] = NaN;
      if (i === 151) values.length = 5; // a missing channel is invalid too
      return i === 400 ? 500 : 10; // a 500 ms gap before sample 400
    });
    // 101 samples per span, a window every 2: the invalid pair spoils 51 windows.
    expect(r.skipped).toBe(51);
  });
});
