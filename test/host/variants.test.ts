import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { buildDataset } from '../../src/host/dataset/variants';
import { makeSpec } from '../../src/host/dataset/spec';
import { smote } from '../../src/host/dataset/smote';
import { selectSeedVariant } from '../../src/host/dataset/seed-variants';
import { parseWindowTable, readWindowTable, reshapeWindowTable } from '../../src/host/readers/window-table';
import { windowsFromRecording } from '../../src/pipeline/replay';
import type { Recording } from '../../src/host/recording';

// A 10 s, 100 Hz one-channel ramp: a window's last raw point tells where it ends (value = time in ms).
function ramp(): Recording {
  const n = 1000;
  const timesMs = new Float64Array(n), values = new Float32Array(n);
  for (let i = 0; i < n; i++) { timesMs[i] = i * 10; values[i] = i * 10; }
  return { source: '/rec/ramp.csv', channels: ['acc_x'], rateHz: 100, timesMs, values, warnings: [] };
}
const spec = makeSpec({ channels: ['acc_x'], sourceRateHz: 100, rateHz: 20, windowMs: 1000, hopMs: 50, labels: ['idle', 'wave'] });
const event = [{ file: '/rec/ramp.csv', startMs: 3000, endMs: 3400, label: 'wave' }];
const lastPoint = (f: Float32Array) => f[f.length - 1];
const firstPoint = (f: Float32Array) => f[0];

describe('dataset variants from labelled events', () => {
  it('places the window as each variant says', () => {
    const gesture = (variant: any, o: any = {}) => {
      const ds = buildDataset([ramp()], event, spec, { variant, idleHopMs: 0, ...o });
      return ds.X.filter((_, i) => ds.y[i] === 1);
    };
    expect(gesture('baseline').map(firstPoint)).toEqual([3000]);
    expect(gesture('end').map(lastPoint)).toEqual([3400]);
    expect(gesture('centered').map(lastPoint)).toEqual([3700]); // centre 3200 + 500
    expect(gesture('centered-aug', { shiftMinMs: -100, shiftMaxMs: 100, shiftStepMs: 50 }).map(lastPoint)).toEqual([3600, 3650, 3700, 3750, 3800]);
  });

  it('computes the same vectors as the device windower', () => {
    const rec = ramp();
    const device: number[][] = [];
    windowsFromRecording(spec, rec.channels, 100, Array.from({ length: 1000 }, (_, i) => [rec.values[i]]), (t, f) => { device.push(Array.from(f)); });
    const ds = buildDataset([rec], [{ file: rec.source, startMs: 0, endMs: Infinity, label: 'wave' }], spec, { variant: 'centered' });
    expect(ds.X.map((x) => Array.from(x))).toEqual(device);
  });

  it('adds idle windows only from stretches clear of events', () => {
    const ds = buildDataset([ramp()], event, spec, { variant: 'end', idleHopMs: 500, idleMarginMs: 100 });
    const idle = ds.X.filter((_, i) => ds.y[i] === 0);
    expect(idle.length).toBeGreaterThan(5);
    for (const w of idle) expect(firstPoint(w) > 3500 || lastPoint(w) < 2900).toBe(true);
  });

  it('warns instead of inventing a window that would leave the recording', () => {
    const ds = buildDataset([ramp()], [{ file: '/rec/ramp.csv', startMs: 100, endMs: 300, label: 'wave' }], spec, { variant: 'end', idleHopMs: 0 });
    expect(ds.X.length).toBe(0);
    expect(ds.warnings[0]).toMatch(/no end window for wave at 100-300 ms/);
  });

  it('accepts a recording labelled twice with the same label, rejects two labels, skips unlabelled ones', () => {
    const whole = (label: string) => ({ file: '/rec/ramp.csv', startMs: 0, endMs: Infinity, label });
    expect(buildDataset([ramp()], [whole('wave'), whole('wave')], spec, { variant: 'centered' }).X.length).toBeGreaterThan(0);
    expect(() => buildDataset([ramp()], [whole('wave'), whole('idle')], spec, { variant: 'centered' })).toThrow(/ramp\.csv: labelled as a whole with different labels \(wave, idle\)/);
    const none = buildDataset([ramp()], [], spec, { variant: 'centered' });
    expect(none.X.length).toBe(0);
    expect(none.warnings).toEqual(['/rec/ramp.csv: no labels, skipped']);
  });

  it('rejects a label the model does not know and an unknown variant', () => {
    expect(() => buildDataset([ramp()], [{ ...event[0], label: 'jump' }], spec, { variant: 'end' })).toThrow(/label "jump" is not one of the model labels \(idle, wave\)/);
    expect(() => buildDataset([ramp()], event, spec, { variant: 'middle' as any })).toThrow(/unknown variant "middle"/);
  });
});

describe('SMOTE', () => {
  it('brings every class to the size of the largest with points between same-class neighbours', () => {
    const X = [[0, 0], [1, 0], [2, 0], [3, 0], [4, 0], [10, 10], [11, 11]].map((r) => new Float32Array(r));
    const y = [0, 0, 0, 0, 0, 1, 1];
    const out = smote(X, y, 2, { k: 1, seed: 3 });
    expect(out.y.filter((c) => c === 1).length).toBe(5);
    out.X.slice(7).forEach((v) => {
      expect(v[0]).toBeGreaterThanOrEqual(10); expect(v[0]).toBeLessThanOrEqual(11);
      expect(v[0]).toBeCloseTo(v[1], 5);
    });
  });
});

describe('seed window tables', () => {
  const SEED = path.resolve(__dirname, '../../../shared/data/seed/data/transformed');
  it('selects the original study\'s variants by shift', () => {
    const t = readWindowTable(path.join(SEED, '20210529_v2_data_all_20hz.csv'));
    const count = (v: string) => selectSeedVariant(t, v).length;
    expect(count('base')).toBe(100 + 24 + 48 + 56);
    expect(count('centered')).toBe(228);
    // the table has shifts -20, -19, -17, -16, -15 (no -18) for x and y
    expect(count('centered-aug')).toBe(5 * 100 + 5 * 24 + 5 * 48 + 5 * 56);
    expect(selectSeedVariant(t, 'end').every((i) => t.labels[i] === 0 || t.labels[i] === 3 ? t.shifts[i] === 0 : t.shifts[i] === -37)).toBe(true);
    expect(selectSeedVariant(t, 'base', { extraIdle: true }).length).toBe(228 + 400);
  });
  it('reshapes to a channel subset and a lower rate like the device\'s pick downsampling', () => {
    const t = readWindowTable(path.join(SEED, '20210529_v2_data_all_20hz.csv'));
    const t10 = readWindowTable(path.join(SEED, '20210529_v2_data_all_10hz.csv'));
    const r = reshapeWindowTable(t, t.channels, 10);
    expect(r.pointsMs).toEqual(t10.pointsMs);
    expect(Array.from(r.rows[0])).toEqual(Array.from(t10.rows[0]));
    const sub = reshapeWindowTable(t, ['gyro_x', 'acc_z'], 20);
    expect(sub.rows[0][0]).toBe(t.rows[0][3]);
    expect(sub.rows[0][1]).toBe(t.rows[0][2]);
  });
  it('fails on malformed tables with file and line', () => {
    expect(() => parseWindowTable('a_0,b_0,label\n1,2,0\n1,x,0\n', 't.csv')).toThrow(/t\.csv:3: column "b_0" is not a decimal number/);
    expect(() => parseWindowTable('a_0,b_0,label\n1,2\n', 't.csv')).toThrow(/t\.csv:2: expected 3 columns, found 2/);
    expect(() => parseWindowTable('a_0,b_0,a_50,label\n1,2,3,0\n', 't.csv')).toThrow(/t\.csv:1: .*(out of order|lacks)/);
    expect(() => parseWindowTable('a_0,b_0\n1,2\n', 't.csv')).toThrow(/t\.csv:1: no "label" column/);
    expect(() => parseWindowTable('a_0,label\n1,1.5\n', 't.csv')).toThrow(/t\.csv:2: label "1.5" is not a class index/);
  });
});
