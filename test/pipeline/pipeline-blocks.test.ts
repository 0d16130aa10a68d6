// GesturePipeline.pushBlock (a source's burst as one SampleBlock) against push() with each of
// the block's samples: the same windows at the same times, the same events and counters, for
// pick (one phase used or all of them), mean (not taken: sample by sample), a channel subset and
// order, any block size, a gap between blocks, a bias that is not finite, and quiet windows.
import { describe, it, expect } from 'vitest';
import { GesturePipeline } from '../../src/pipeline/pipeline';
import { ConsecutiveDebouncer } from '../../src/pipeline/debounce-consecutive';
import type { Classifier, FeatureSpec, SampleBlock } from '../../src/core/types';
import { seedRawSpec, SEED_CHANNELS } from './specs';
import { stdSpec } from './hand-classifier';
import { readSeedRecording } from './seed-recording';

var ACCEL = 9.80665 / 16384, GYRO = 1 / 131;
var rec = readSeedRecording('move_x_20210522_1.csv');
/** The recording as the MPU6500's FIFO words (accel x y z, gyro x y z per frame). */
var words = new Int16Array(rec.rows.length * 6);
rec.rows.forEach(function (r, i) { for (var c = 0; c < 6; c++) words[i * 6 + c] = Math.round(r[c] / (c < 3 ? ACCEL : GYRO)); });

/** A label from the window's numbers (not a trained model: enough to make events and quiet windows). */
function recordingClassifier(spec: FeatureSpec, seen: { f: Float32Array }[]): Classifier {
  return {
    labels: spec.labels,
    predict: function (f: Float32Array, scores?: Float32Array) {
      seen.push({ f: new Float32Array(f) });
      var label = Math.floor(Math.abs(f[0] * 3 + f[f.length - 1])) % 4;
      if (scores) { scores.fill(0.1); scores[label] = 0.7; }
      return label;
    }
  };
}

/** One pipeline's run: events, classified windows and counters. */
function run(spec: FeatureSpec, channels: string[], feed: (p: GesturePipeline) => void) {
  var events: any[] = [], seen: { f: Float32Array }[] = [];
  var p = new GesturePipeline({
    source: { channels: channels, rateHz: 100 },
    model: { spec: spec, classifier: recordingClassifier(spec, seen) },
    debouncer: new ConsecutiveDebouncer({ idleLabel: 0, count: 2, refractoryMs: 1500 }),
    onEvent: function (e) { events.push(e); }
  });
  feed(p);
  return { events: events, seen: seen, counters: JSON.parse(JSON.stringify(p.counters)) };
}

interface Setup { sizes: number[]; channels?: string[]; gyroBias?: number[]; gapAfter?: number; }

/** The block a driver would deliver for frames [from, from + n), with t0/k0 on its timeline. */
function blockOf(channels: string[], from: number, n: number, t0: number, bias: number[]): SampleBlock {
  var nch = channels.length, b: SampleBlock = {
    raw: words.subarray(from * 6, (from + n) * 6), count: n, stride: 6, at: new Uint8Array(nch),
    scale: new Float64Array(nch), offset: new Float64Array(nch), t0: t0, k0: from, periodMs: 10
  };
  channels.forEach(function (ch, c) {
    var i = SEED_CHANNELS.indexOf(ch);
    b.at[c] = i;
    b.scale[c] = i < 3 ? ACCEL : GYRO;
    b.offset[c] = i < 3 ? 0 : bias[i - 3];
  });
  return b;
}

/** The block's samples one by one. */
function pushEach(p: GesturePipeline, b: SampleBlock) {
  var x = new Float32Array(b.at.length);
  for (var j = 0; j < b.count; j++) {
    for (var c = 0; c < x.length; c++) x[c] = b.raw[j * b.stride + b.at[c]] * b.scale[c] - b.offset[c];
    p.push(b.t0 + (b.k0 + j) * b.periodMs, x);
  }
}

function compare(spec: FeatureSpec, setup: Setup, takes = true) {
  var taken: boolean[] = [];
  var channels = setup.channels || SEED_CHANNELS, bias = setup.gyroBias || [0.5, -1.25, 0], n = rec.rows.length;
  var t0 = 1000, gap = setup.gapAfter === undefined ? -1 : setup.gapAfter;
  function timeOf(i: number) { return t0 + (i >= 0 && gap >= 0 && i >= gap ? 400 : 0); }
  var blocks = run(spec, channels, function (p) {
    for (var i = 0, s = 0; i < n; s++) {
      var size = Math.min(setup.sizes[s % setup.sizes.length], n - i);
      if (gap > i && gap < i + size) size = gap - i; // a block never spans the gap (a driver resets the FIFO there)
      var b = blockOf(channels, i, size, timeOf(i), bias);
      taken.push(p.pushBlock(b));
      if (!taken[taken.length - 1]) pushEach(p, b); // as the MPU6500 driver does with a block not taken
      i += size;
    }
  });
  var each = run(spec, channels, function (p) {
    for (var i = 0; i < n; i++) pushEach(p, blockOf(channels, i, 1, timeOf(i), bias));
  });
  expect(taken.every(function (t) { return t === takes; })).toBe(true);
  expect(each.seen.length).toBeGreaterThan(20);
  expect(blocks.counters).toEqual(each.counters);
  expect(blocks.events).toEqual(each.events);
  expect(blocks.seen.length).toBe(each.seen.length);
  var differ = 0;
  each.seen.forEach(function (w, j) { for (var q = 0; q < w.f.length; q++) if (blocks.seen[j].f[q] !== w.f[q]) differ++; });
  expect(differ).toBe(0);
  return each;
}

describe('GesturePipeline.pushBlock gives what push() gives sample by sample', () => {
  it('raw pick 100 -> 20 Hz at hops of 20, 50, 70 and 100 ms, FIFO-sized and odd blocks', () => {
    for (var hopMs of [20, 50, 70, 100]) {
      var r = compare(seedRawSpec({ hopMs: hopMs }), { sizes: [20, 7, 1, 33, 20] });
      expect(r.events.length).toBeGreaterThan(0);
      expect(r.counters.quiet).toBeGreaterThan(0);
    }
  });
  it('a channel subset in another order than the source, and a statistics model', () => {
    compare(seedRawSpec({ channels: ['gyro_z', 'acc_x', 'gyro_x'], hopMs: 50 }), { sizes: [20], channels: ['gyro_x', 'acc_z', 'acc_x', 'gyro_z'] });
    compare(stdSpec({ hopMs: 100 }), { sizes: [20, 3] });
  });
  it("'mean' downsampling (blocks not taken: sample by sample) and no downsampling", () => {
    compare(seedRawSpec({ downsample: 'mean', hopMs: 50 }), { sizes: [20, 9] }, false);
    compare(seedRawSpec({ rateHz: 100, points: 25, windowMs: 250, hopMs: 30 }), { sizes: [20, 11] });
  });
  it('a gap between blocks restarts windowing; a bias that is not finite skips the windows', () => {
    var r = compare(seedRawSpec({ hopMs: 50 }), { sizes: [20], gapAfter: 300 });
    expect(r.counters.gaps).toBe(1);
    var spec = seedRawSpec({ hopMs: 50 }), nan = run(spec, SEED_CHANNELS, function (p) {
      for (var i = 0; i + 20 <= rec.rows.length; i += 20) {
        var b = blockOf(SEED_CHANNELS, i, 20, 0, [NaN, 0, 0]);
        expect(p.pushBlock(b)).toBe(false);
        pushEach(p, b);
      }
    });
    expect(nan.seen.length).toBe(0);
    expect(nan.counters.errors).toBeGreaterThan(0);
  });
});
