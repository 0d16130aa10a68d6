import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { readdirSync } from 'node:fs';
import { parseNpyRecording, readNpyRecording } from '../../src/host/readers/npy-recording';

const HAR = path.resolve(__dirname, '../../../shared/data/emlearn-har/raw');

function npy(shape: string, data: number[], descr = '<i2', dropBytes = 0): Uint8Array {
  let header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ', }';
  while ((10 + header.length + 1) % 64) header += ' ';
  header += '\n';
  const body = new Int16Array(data);
  const out = new Uint8Array(10 + header.length + body.byteLength - dropBytes);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 255, header.length >> 8]);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(body.buffer).subarray(0, body.byteLength - dropBytes), 10 + header.length);
  return out;
}

describe('.npy recordings', () => {
  it('reads int16 rows with times from the given rate', () => {
    const rec = parseNpyRecording(npy('(2, 3)', [1, 2, 3, -4, 5, 16384]), 'a.npy', { rateHz: 100 });
    expect(rec.channels).toEqual(['acc_x', 'acc_y', 'acc_z']);
    expect(Array.from(rec.values)).toEqual([1, 2, 3, -4, 5, 16384]);
    expect(Array.from(rec.timesMs)).toEqual([0, 10]);
    expect(rec.warnings).toEqual([]);
  });

  it('keeps the rows of a truncated file (header promises more) with a warning', () => {
    const rec = parseNpyRecording(npy('(400, 3)', [1, 2, 3, 4, 5, 6, 7]), 't.npy', { rateHz: 100 });
    expect(rec.timesMs.length).toBe(2);
    expect(rec.warnings[0]).toMatch(/t\.npy: truncated: header declares 400 rows, file holds 2 \(and a partial row, dropped\)/);
  });

  it('tolerates an empty file with a warning and no samples', () => {
    const rec = parseNpyRecording(new Uint8Array(0), 'e.npy', { rateHz: 100 });
    expect(rec.timesMs.length).toBe(0);
    expect(rec.warnings[0]).toMatch(/e\.npy: empty file/);
  });

  it('rejects what is not a usable .npy', () => {
    expect(() => parseNpyRecording(new TextEncoder().encode('x,y,z\n1,2,3'), 'c.npy', { rateHz: 100 })).toThrow(/c\.npy: not a \.npy file/);
    expect(() => parseNpyRecording(npy('(2, 3)', [1, 2, 3, 4, 5, 6], '<c8'), 'd.npy', { rateHz: 100 })).toThrow(/unsupported dtype "<c8"/);
    expect(() => parseNpyRecording(npy('(2, 3)', [1, 2, 3, 4, 5, 6]), 'r.npy', {} as any)).toThrow(/carry no time: give the sample rate/);
    expect(() => parseNpyRecording(npy('(2, 3)', [1, 2, 3, 4, 5, 6]).subarray(0, 20), 'h.npy', { rateHz: 100 })).toThrow(/h\.npy: truncated \.npy header/);
  });

  it('reads every emlearn cgestures recording, warning on the truncated ones', () => {
    const dir = path.join(HAR, 'cgestures/har_record');
    const files = readdirSync(dir).filter((f) => f.endsWith('.npy'));
    expect(files.length).toBe(24);
    let truncated = 0;
    for (const f of files) {
      const rec = readNpyRecording(path.join(dir, f), { rateHz: 100 });
      expect(rec.timesMs.length).toBeGreaterThan(0);
      expect(rec.timesMs.length).toBeLessThanOrEqual(400);
      if (rec.warnings.length) truncated++;
    }
    expect(truncated).toBeGreaterThan(0);
  });

  it('reads the 0-byte exercise recording as empty', () => {
    const rec = readNpyRecording(path.join(HAR, 'har_record_exercises_1/data/2000-01-01T000407_squat.npy'), { rateHz: 100 });
    expect(rec.timesMs.length).toBe(0);
    expect(rec.warnings.length).toBe(1);
  });

  it('refuses a shape without channels, whatever it declares: (1e15, 0) and (5, 0)', () => {
    for (const shape of ['(1e15, 0)', '(5, 0)', '(1000000000000000, 0)']) {
      expect(() => parseNpyRecording(npy(shape, []), 'z.npy', { rateHz: 100 })).toThrow(/z\.npy: shape \(.*\) has no channels/);
    }
  });

  it('refuses NaN and infinite values with their count, and interpolates them only with repair', () => {
    const f4 = (data: number[]) => {
      const bytes = npy('(' + data.length / 2 + ', 2)', [], '<f4');
      const out = new Uint8Array(bytes.length + data.length * 4);
      out.set(bytes);
      out.set(new Uint8Array(new Float32Array(data).buffer), bytes.length);
      return out;
    };
    const file = f4([0, 10, NaN, 20, NaN, Infinity, 3, 40]);
    expect(() => parseNpyRecording(file, 'n.npy', { rateHz: 100, channels: ['a', 'b'] }))
      .toThrow(/n\.npy: 3 NaN or infinite values \(first at row 1, column 0\); use repair/);
    const rec = parseNpyRecording(file, 'n.npy', { rateHz: 100, channels: ['a', 'b'], repair: true });
    expect(Array.from(rec.values)).toEqual([0, 10, 1, 20, 2, 30, 3, 40]);
    expect(rec.warnings).toEqual(['n.npy: interpolated 3 NaN or infinite values (first at row 1, column 0)']);
    const ends = parseNpyRecording(f4([NaN, 1, 5, NaN]), 'e.npy', { rateHz: 100, channels: ['a', 'b'], repair: true });
    expect(Array.from(ends.values)).toEqual([5, 1, 5, 1]); // held at the ends
  });
});
