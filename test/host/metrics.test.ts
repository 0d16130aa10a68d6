import { describe, it, expect } from 'vitest';
import { windowMetrics } from '../../src/host/eval/window-metrics';
import { streamErrorRatio } from '../../src/host/eval/stream-error';
import { eventMetrics } from '../../src/host/eval/event-metrics';

const L = ['idle', 'x', 'y'];

describe('window metrics', () => {
  it('computes accuracy, confusion and macro F1', () => {
    const m = windowMetrics([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], L);
    expect(m.accuracy).toBeCloseTo(4 / 6);
    expect(m.confusion).toEqual([[1, 1, 0], [0, 2, 0], [1, 0, 1]]);
    // idle P=1/2 R=1/2 F=1/2; x P=2/3 R=1 F=0.8; y P=1 R=1/2 F=2/3
    expect(m.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3);
  });
  it('rejects mismatched lengths and out-of-range classes', () => {
    expect(() => windowMetrics([0], [0, 1], L)).toThrow(/1 truths but 2 predictions/);
    expect(() => windowMetrics([0], [5], L)).toThrow(/out of range/);
  });
});

describe('stream error ratio', () => {
  it('counts predictions that are neither idle nor the recording gesture', () => {
    const r = streamErrorRatio([0, 0, 1, 1, 2, 0, 1, 2], [1, 2], L, 0, 1);
    expect(r.wrongPredictions).toBe(2);
    expect(r.errorRatio).toBeCloseTo(2 / 8);
    expect(r.predictionCounts).toEqual({ idle: 3, x: 3, y: 2 });
    expect(r.eventErrorRatio).toBeCloseTo(0.5);
  });
});

describe('event metrics', () => {
  const truth = [
    { startMs: 1000, endMs: 2000, label: 'x' },
    { startMs: 4000, endMs: 5000, label: 'x' },
    { startMs: 8000, endMs: 9000, label: 'x' },
  ];
  it('matches detections within tolerance, counts wrong-gesture and false events, latency', () => {
    const m = eventMetrics(truth, [
      { timeMs: 2400, label: 'x' },   // matches #1, latency 400
      { timeMs: 2600, label: 'x' },   // duplicate: false event
      { timeMs: 4500, label: 'y' },   // inside #2 but wrong gesture
      { timeMs: 8800, label: 'x' },   // matches #3, latency -200
    ], 60000, 1000);
    expect(m.truePositives).toBe(2);
    expect(m.precision).toBeCloseTo(0.5);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.falseEvents).toBe(2);
    expect(m.wrongGestureEvents).toBe(1);
    expect(m.falseEventsPerMinute).toBeCloseTo(2);
    expect(m.missed).toEqual([truth[1]]);
    expect(m.meanLatencyMs).toBeCloseTo(100);
  });
  it('does not match a detection beyond the tolerance', () => {
    const m = eventMetrics(truth.slice(0, 1), [{ timeMs: 3100, label: 'x' }], 10000, 1000);
    expect(m.truePositives).toBe(0);
  });
});
