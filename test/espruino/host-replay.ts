// The host replay the real-interpreter examples are compared with: the same model, debouncer
// and samples through the device code's GesturePipeline on Node.
import { expect } from 'vitest';
import { GesturePipeline } from '../../src/pipeline/pipeline';
import type { Debouncer, FeatureSpec, Classifier } from '../../src/core/types';
import { STANDARD_GRAVITY } from '../../src/core/types';
import { emlearnSignal } from '../examples/helpers';
// @ts-ignore: plain ES module, no types
import { resample } from '../../data/models/train-default-models.mjs';

export var CHANNELS6 = ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'];

export interface HostEvent { timeMs: number; gesture: string; score: number }

/** Replays rows (6 channels) at rateHz: row k at times[k] ms, or k * 1000 / rateHz. */
export function hostReplay(model: { spec: FeatureSpec; classifier: Classifier }, debouncer: Debouncer, rows: ArrayLike<ArrayLike<number>>, rateHz: number, times?: ArrayLike<number>, labels?: number[]): HostEvent[] {
  var out: HostEvent[] = [];
  if (labels) {
    var inner = model.classifier;
    model = { spec: model.spec, classifier: { labels: inner.labels, predict: (f, s) => { var l = inner.predict(f, s); labels.push(l); return l; } } };
  }
  var p = new GesturePipeline({
    source: { channels: CHANNELS6, rateHz }, model, debouncer,
    onEvent: (e) => out.push({ timeMs: e.timeMs, gesture: e.gesture, score: e.score }),
  });
  for (var k = 0; k < rows.length; k++) p.push(times ? times[k] : (k * 1000) / rateHz, rows[k]);
  return out;
}

/** The times the device's pipeline got its samples (ms from the stand-in's start), from TS records. */
export function deviceSampleTimes(ts: { from: number; t: number[] }[], n: number): Float64Array {
  var times = new Float64Array(n);
  var seen = 0;
  ts.forEach((b) => b.t.forEach((t, i) => { times[b.from + i] = t; seen++; }));
  if (seen !== n) throw new Error('the device reported ' + seen + ' sample times, expected ' + n);
  return times;
}

/** emlearn recordings back to back, resampled to rateHz, as rows of 6 (gyro 0). */
export function emlearnRows(names: string[], rateHz: number): number[][] {
  var rec = resample(emlearnSignal(names), rateHz);
  var rows: number[][] = [];
  for (var r = 0; r < rec.timesMs.length; r++) rows.push(Array.from(rec.values.subarray(r * 6, r * 6 + 6)));
  return rows;
}

/** Rows as a sensor reporting integer counts (lsbPerG) sees them: what the device gets. */
export function quantised(rows: number[][], lsbPerG: number): number[][] {
  var f = new Float32Array(1);
  return rows.map((r) => r.map((v, c) => {
    if (c >= 3) return 0;
    f[0] = v; // the stand-in reads Float32 rows
    return (Math.round((f[0] / STANDARD_GRAVITY) * lsbPerG) * STANDARD_GRAVITY) / lsbPerG;
  }));
}

/**
 * The rows the device's pipeline got from the register-level sensor and when: TS records with
 * r (the recording row of each frame, from the stand-in's FIFO) and t (ms from the base).
 * Samples after the recording (the stand-in holds its last row) are left out.
 */
export function deviceRows(ts: { from: number; t: number[]; r: number[] }[], rows: number[][]) {
  var picked: number[][] = [], times: number[] = [], index: number[] = [];
  ts.forEach((b) => b.t.forEach((t, i) => {
    var k = b.r[i];
    if (k < 0 || k >= rows.length) return;
    picked.push(rows[k]); times.push(t); index.push(k);
  }));
  return { rows: picked, times, index };
}

/** The host's side of an ESP32 tier's comparison (deviceEvents), then what expectHostEvents found. */
export interface HostComparison { expected: HostEvent[]; full: HostEvent[]; lost: number; base: number; hopMs: number; diffs: number[] }

/**
 * The host replay of exactly the samples the device's pipeline got (its TS records), at the
 * times it got them, and of the whole recording; `lost`: recording rows the device never got
 * (FIFO overflows on a starved machine, as on a board).
 */
export function deviceEvents(model: { spec: FeatureSpec; classifier: Classifier }, debouncer: () => Debouncer, rows: number[][], rateHz: number,
  records: (name: string) => any[]): HostComparison {
  var seen = deviceRows(records('TS'), rows);
  return {
    expected: hostReplay(model, debouncer(), seen.rows, rateHz, seen.times),
    full: hostReplay(model, debouncer(), rows, rateHz),
    lost: rows.length - new Set(seen.index).size,
    base: records('TS0')[0],
    hopMs: model.spec.hopMs,
    diffs: [],
  };
}

/**
 * The ESP32 tiers' check: the events the receiver stored are the host's (deviceEvents): same
 * gestures, ids 1..n, times within one hop. When no sample was lost (a machine that kept up),
 * they are also the host replay's of the whole recording. Fills h.diffs (device minus host ms).
 */
export function expectHostEvents(h: HostComparison, stored: { id?: number | null; gesture: string; time: number }[], what: string): HostComparison {
  expect(h.expected.length, 'host events').toBeGreaterThan(0);
  expect(stored.map((e) => [e.id, e.gesture]), what).toEqual(h.expected.map((e, k) => [k + 1, e.gesture]));
  h.diffs = stored.map((e, k) => Math.round(e.time - h.base - h.expected[k].timeMs));
  h.diffs.forEach((d) => expect(Math.abs(d), 'device minus host ms: ' + h.diffs).toBeLessThanOrEqual(h.hopMs + 1));
  if (h.lost === 0) expect(h.expected.map((e) => e.gesture)).toEqual(h.full.map((e) => e.gesture));
  return h;
}
