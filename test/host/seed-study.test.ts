// The original study, reproduced on its own data (read from ../shared, never copied here).
import { describe, it, expect, beforeAll } from 'vitest';
import * as path from 'node:path';
import { loadSeedData, seedHoldOut, seedStreamErrors, seedEventStudy, seedNestedEventStudy, SeedData } from '../../src/host/workflow/seed-study';
import { readLabelsCsv } from '../../src/host/labels/labels-csv';

const SEED = path.resolve(__dirname, '../../../shared/data/seed/data');
const LABELS = path.resolve(__dirname, '../fixtures/seed-validation-labels.csv');
let data: SeedData;
beforeAll(() => { data = loadSeedData(SEED); });

describe('seed study', () => {
  it('reads the 20 Hz table with the seed class counts and the three 100 Hz validation streams', () => {
    const counts = [0, 0, 0, 0];
    data.table.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual([1500, 408, 816, 616]);
    expect(data.table.pointsMs.length).toBe(21);
    expect(data.recordings.map((r) => r.recording.timesMs.length)).toEqual([1347, 1851, 1924]);
  });

  it('hold-out window accuracy of DT and RF is high on every variant, as the original reported', () => {
    const rows = seedHoldOut(data, ['base', 'centered', 'centered-aug', 'end'], [{ kind: 'dt', seed: 1 }, { kind: 'rf', trees: 10, seed: 1 }], 0.25, 1);
    expect(rows.length).toBe(8);
    for (const r of rows) expect(r.accuracy, r.variant + ' ' + r.model).toBeGreaterThanOrEqual(0.95);
  });

  it('stream error ratios on the validation streams are computed per gesture, before and after debouncing', () => {
    const rows = seedStreamErrors(data, ['base'], [{ kind: 'rf', trees: 10, seed: 1 }], 50, { kind: 'original' });
    const per = rows[0].perGesture;
    expect(per.map((p) => p.gesture)).toEqual(['circle', 'x', 'y']);
    for (const p of per) {
      const total = Object.values(p.predictionCounts).reduce((a, b) => a + b, 0);
      expect(total).toBe(p.predictions);
      expect(p.errorRatio).toBeCloseTo(p.wrongPredictions / p.predictions, 10);
    }
    // one prediction per 50 ms hop once the first 1 s window is full (x: 18.5 s of samples)
    expect(per[1].predictions).toBe(Math.floor((18500 - 1000) / 50) + 1);
  });

  it('the best configuration detects every labelled gesture with no wrong-gesture event', () => {
    const labels = readLabelsCsv(LABELS);
    expect(labels.length).toBe(16);
    const s = seedEventStudy(data, labels, 'centered-aug', { kind: 'rf', trees: 10, seed: 1 }, 20, { kind: 'consecutive', count: 4, minScore: 0.5, refractoryMs: 1000 }, 1000);
    expect(s.metrics.truths).toBe(16);
    expect(s.metrics.recall).toBe(1);
    expect(s.metrics.wrongGestureEvents).toBe(0);
    expect(s.metrics.precision).toBe(1);
  });

  it('the original debouncer with the base variant misses most of the short x and y gestures (why a grid search matters)', () => {
    const labels = readLabelsCsv(LABELS);
    const s = seedEventStudy(data, labels, 'base', { kind: 'rf', trees: 10, seed: 1 }, 50, { kind: 'original' }, 1000);
    expect(s.metrics.recall).toBeLessThan(0.5);
  });

  it('chooses the stream configuration without looking at the recording it scores', () => {
    const labels = readLabelsCsv(LABELS);
    const bad = { variant: 'base', model: { kind: 'rf' as const, trees: 10, seed: 1 }, hopMs: 50, debouncer: { kind: 'original' as const } };
    const good = { variant: 'centered-aug', model: { kind: 'rf' as const, trees: 10, seed: 1 }, hopMs: 20, debouncer: { kind: 'consecutive' as const, count: 4, minScore: 0.5 } };
    const r = seedNestedEventStudy(data, labels, [bad, good], 1000);
    expect(r.folds.map((f) => f.heldOut)).toEqual(['circle', 'x', 'y']);
    for (const f of r.folds) expect(f.chosen).toBe(good);
    expect(r.metrics.recall).toBe(1);
    expect(r.metrics.wrongGestureEvents).toBe(0);
  });

  it('breaks ties between equally scored configurations by the rule, not by list order', () => {
    const labels = readLabelsCsv(LABELS);
    // Same trained tree, two debouncers equal on these streams (a leaf-3 tree at hop 20: counts 2 and 3 both find 16/16).
    const a = { variant: 'base', model: { kind: 'dt' as const, minSamplesLeaf: 3, seed: 1 }, hopMs: 20, debouncer: { kind: 'consecutive' as const, count: 2, minScore: 0.5 } };
    const b = { variant: 'base', model: { kind: 'dt' as const, minSamplesLeaf: 3, seed: 1 }, hopMs: 20, debouncer: { kind: 'consecutive' as const, count: 3, minScore: 0.5 } };
    const forward = seedNestedEventStudy(data, labels, [a, b], 1000);
    const backward = seedNestedEventStudy(data, labels, [b, a], 1000);
    expect(forward.folds.map((f) => f.selectionF1)).toEqual([1, 1, 1]);
    expect(backward.folds.map((f) => f.chosen)).toEqual(forward.folds.map((f) => f.chosen));
  });
});
