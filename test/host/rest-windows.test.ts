// Label boundaries of recordings labelled as a whole: with a motion gate, the windows of a
// gesture recording that the device's gate stops (the wearer had not started yet) are
// labelled idle and flagged gated, counted in a warning; they are the windows the device
// pipeline gates; cross-validation scores gated windows idle, as the device says.
import { describe, it, expect } from 'vitest';
import { buildDataset } from '../../src/host/dataset/variants';
import { makeSpec } from '../../src/host/dataset/spec';
import { leaveOneGroupOut } from '../../src/host/workflow/cross-validate';
import { GesturePipeline } from '../../src/pipeline';
import type { Recording } from '../../src/host/recording';

const CH = ['acc_x', 'acc_y', 'acc_z'];

/** 4 s at 100 Hz: still (gravity on z) for stillMs, then a 3 Hz swing of `amp` m/s2 on x. */
function recording(source: string, stillMs: number, amp: number): Recording {
  const n = 400, timesMs = new Float64Array(n), values = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    timesMs[i] = i * 10;
    values[i * 3] = i * 10 >= stillMs ? amp * Math.sin((2 * Math.PI * 3 * i) / 100) : 0;
    values[i * 3 + 2] = 9.81;
  }
  return { source, channels: CH, rateHz: 100, timesMs, values, warnings: [] };
}
const whole = (file: string, label: string) => ({ file, startMs: 0, endMs: Infinity, label });
const spec = (motionGate?: number) =>
  makeSpec({ channels: CH, sourceRateHz: 100, rateHz: 25, downsample: 'mean', windowMs: 1000, hopMs: 250, features: 'stats', labels: ['idle', 'wave'], motionGate });

describe('windows at rest in recordings labelled as a whole', () => {
  const late = recording('/rec/late_wave.npy', 2000, 3);

  it('labels the gated windows of a gesture recording idle and counts them', () => {
    const ds = buildDataset([late], [whole(late.source, 'wave')], spec(0.3), { variant: 'centered' });
    expect(ds.gated!.length).toBe(ds.X.length);
    const rest = ds.gated!.filter(Boolean).length;
    // Windows ending before 2 s are still; the swing starts at 2 s, so later ones all move.
    expect(rest).toBeGreaterThanOrEqual(4);
    expect(rest).toBeLessThan(ds.X.length - 4);
    ds.y.forEach((y, i) => expect(y).toBe(ds.gated![i] ? 0 : 1));
    expect(ds.gated!.slice(0, rest).every(Boolean)).toBe(true); // the still ones come first
    expect(ds.warnings).toContain(rest + ' windows of gesture recordings labelled as a whole are at rest (below the motion gate 0.3 m/s2): labelled idle');
  });

  it('flags exactly the windows the device pipeline gates', () => {
    const s = spec(0.3);
    const ds = buildDataset([late], [whole(late.source, 'wave')], s, { variant: 'centered' });
    const classified: number[] = [];
    const p = new GesturePipeline({
      source: { channels: CH, rateHz: 100 }, model: { spec: s, classifier: { predict: () => 1, labels: ['idle', 'wave'] } as any },
      onWindow: (t: number) => classified.push(t), onEvent: () => {},
    });
    for (let i = 0; i < late.timesMs.length; i++) p.push(late.timesMs[i], late.values.subarray(i * 3, i * 3 + 3));
    expect(p.counters.gated).toBe(ds.gated!.filter(Boolean).length);
    expect(p.counters.windows).toBe(ds.X.length);
    expect(classified.length).toBe(ds.gated!.filter((g) => !g).length);
  });

  it('keeps the label without a gate, and never relabels idle or moving recordings', () => {
    const none = buildDataset([late], [whole(late.source, 'wave')], spec(), { variant: 'centered' });
    expect(none.gated).toBeUndefined();
    expect(none.y.every((y) => y === 1)).toBe(true);
    const moving = recording('/rec/all_wave.npy', 0, 3), still = recording('/rec/still_idle.npy', 4000, 0);
    const ds = buildDataset([moving, still], [whole(moving.source, 'wave'), whole(still.source, 'idle')], spec(0.3), { variant: 'centered' });
    ds.y.forEach((y, i) => expect(y).toBe(ds.groups[i] === moving.source ? 1 : 0));
    expect(ds.gated!.filter(Boolean).length).toBe(ds.groups.filter((g) => g === still.source).length);
    expect(ds.warnings.filter((w) => /at rest/.test(w))).toEqual([]);
  });

  it('scores gated windows idle in cross-validation, whatever the model says', () => {
    // Trained without the gate every window says wave (both recordings are labelled wave);
    // scored with the gate's flags, the still windows are idle.
    const other = recording('/rec/other_wave.npy', 2000, 3);
    const events = [whole(late.source, 'wave'), whole(other.source, 'wave')];
    const train = buildDataset([late, other], events, spec(), { variant: 'centered' });
    const test = buildDataset([late, other], events, spec(0.3), { variant: 'centered' });
    const wholeTruth = Object.assign({}, test, { y: train.y });
    const cv = leaveOneGroupOut(train, { kind: 'dt', maxDepth: 4 }, null, wholeTruth);
    const rest = test.gated!.filter(Boolean).length;
    expect(cv.predicted.filter((p) => p === 0).length).toBe(rest);
    expect(cv.accuracy).toBeCloseTo((test.X.length - rest) / test.X.length, 6);
    expect(leaveOneGroupOut(train, { kind: 'dt', maxDepth: 4 }, null, test).accuracy).toBe(1);
  });
});
