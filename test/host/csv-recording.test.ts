import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { parseRecordingCsv, readRecordingCsv } from '../../src/host/readers/csv-recording';
import { channelSeries } from '../../src/host/recording';

const SEED = path.resolve(__dirname, '../../../shared/data/seed/data');
const HEADER = 'acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms';
const row = (ms: number, v = 1) => [v, v, v, v, v, v, ms].join(',');

describe('CSV recordings', () => {
  it('reads the seed validation stream with its time column and rate', () => {
    const rec = readRecordingCsv(path.join(SEED, 'validation/move_x_20210522_1.csv'));
    expect(rec.channels).toEqual(['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z']);
    expect(rec.rateHz).toBe(100);
    expect(rec.timesMs.length).toBe(1851);
    expect(channelSeries(rec, 'acc_z')[0]).toBeCloseTo(10.17057, 4);
    expect(rec.warnings).toEqual([]);
  });

  it('reads Edge Impulse CSV (timestamp first, accX names) into the seed channel names', () => {
    const rec = parseRecordingCsv('timestamp,accX,accY,accZ\n0,1,2,3\n10,4,5,6\n20,7,8,9\n', 'ei.csv');
    expect(rec.channels).toEqual(['acc_x', 'acc_y', 'acc_z']);
    expect(Array.from(rec.values.subarray(3, 6))).toEqual([4, 5, 6]);
    expect(rec.rateHz).toBe(100);
  });

  it('needs a rate for a file without time column and scales values', () => {
    expect(() => parseRecordingCsv('x,y,z\n1,2,3\n4,5,6\n', 'e.csv')).toThrow(/e\.csv:1: no time column.*rate/);
    const rec = parseRecordingCsv('x,y,z\n16384,0,0\n0,0,16384\n', 'e.csv', { rateHz: 100, scale: 9.80665 / 16384 });
    expect(rec.values[0]).toBeCloseTo(9.80665, 4);
    expect(rec.timesMs[1]).toBe(10);
  });

  it.each([
    ['NaN value', [HEADER, row(0), '1,1,NaN,1,1,1,10', row(20)], /bad\.csv:3: column "acc_z" is not a decimal number \("NaN"\)/],
    ['empty value', [HEADER, row(0), '1,1,,1,1,1,10', row(20)], /bad\.csv:3: column "acc_z" is not a decimal number/],
    ['wrong column count', [HEADER, row(0), '1,1,1,1,1,10', row(20)], /bad\.csv:3: expected 7 columns, found 6/],
    ['time backwards', [HEADER, row(0), row(10), row(5), row(20)], /bad\.csv:4: time goes backwards \(5 after 10\)/],
    ['repeated time', [HEADER, row(0), row(10), row(10), row(20)], /bad\.csv:4: time 10 repeats/],
    ['gap', [HEADER, row(0), row(10), row(20), row(60), row(70)], /bad\.csv:5: gap of 40 ms before this row \(about 3 missing samples/],
  ])('fails on a %s with file and line', (_kind, lines, message) => {
    expect(() => parseRecordingCsv(lines.join('\n'), 'bad.csv')).toThrow(message);
    try { parseRecordingCsv(lines.join('\n'), 'bad.csv'); } catch (e: any) { expect(e.code).toBe('BAD_INPUT'); }
  });

  it('repairs only when asked: drops bad rows and interpolates gaps, with warnings', () => {
    const text = [HEADER, row(0, 0), '1,1,NaN,1,1,1,10', row(10, 1), row(10, 9), row(20, 2), row(50, 5), row(60, 6)].join('\n');
    const rec = parseRecordingCsv(text, 'fix.csv', { repair: true });
    expect(Array.from(rec.timesMs)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(channelSeries(rec, 'acc_x')[3]).toBeCloseTo(3, 5);
    expect(rec.warnings.length).toBe(3);
    expect(rec.warnings.join('\n')).toMatch(/fix\.csv:3: dropped/);
    expect(rec.warnings.join('\n')).toMatch(/filled a gap of 30 ms with 2 interpolated samples/);
  });

  it('rejects an empty file and a header-only file', () => {
    expect(() => parseRecordingCsv('', 'e.csv')).toThrow(/e\.csv: empty file/);
    expect(() => parseRecordingCsv(HEADER + '\n', 'h.csv')).toThrow(/h\.csv: fewer than 2 valid samples/);
  });
});

describe('CSV recording times', () => {
  it('keeps the file\'s own time values, which labels refer to', () => {
    const rec = parseRecordingCsv('ms,acc_x\n5000,1\n5010,2\n5020,3\n', 'late.csv');
    expect(Array.from(rec.timesMs)).toEqual([5000, 5010, 5020]);
  });

  it('refuses values Number() takes but a recording never holds: hex, binary, Infinity', () => {
    for (const v of ['0x10', '0b1', '0o7', 'Infinity', '1_0']) {
      expect(() => parseRecordingCsv([HEADER, row(0), '1,1,' + v + ',1,1,1,10', row(20)].join('\n'), 'hex.csv'))
        .toThrow(new RegExp('hex\\.csv:3: column "acc_z" is not a decimal number'));
    }
    expect(parseRecordingCsv([HEADER, row(0, -1.5e-3), row(10, 0.25), row(20, 3)].join('\n'), 'ok.csv').values[6]).toBeCloseTo(0.25, 6);
  });

  it('reads a CR-only file (old Mac line ends) like the LF file', () => {
    const lf = [HEADER, row(0, 1), row(10, 2), row(20, 3)].join('\n');
    const cr = parseRecordingCsv(lf.replace(/\n/g, '\r'), 'cr.csv');
    expect(cr.channels).toEqual(parseRecordingCsv(lf, 'lf.csv').channels);
    expect(Array.from(cr.timesMs)).toEqual([0, 10, 20]);
    expect(() => parseRecordingCsv([HEADER, row(0), row(10), row(5)].join('\r'), 'cr.csv')).toThrow(/cr\.csv:4: time goes backwards/);
  });

  it('a file read from disk streams to the same recording as its text, with growing arrays past 1024 rows', () => {
    const lines = [HEADER];
    for (let i = 0; i < 3000; i++) lines.push(row(i * 10, i % 7));
    lines.splice(1500, 1); // a gap, repaired
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'eg-csv-')), 'long.csv');
    writeFileSync(file, lines.join('\r\n'));
    const fromFile = readRecordingCsv(file, { repair: true });
    const fromText = parseRecordingCsv(lines.join('\n'), file, { repair: true });
    expect(fromFile.timesMs.length).toBe(3000);
    expect(Array.from(fromFile.timesMs)).toEqual(Array.from(fromText.timesMs));
    expect(Array.from(fromFile.values)).toEqual(Array.from(fromText.values));
    expect(fromFile.warnings).toEqual([file + ':1501: filled a gap of 20 ms with 1 interpolated samples']);
    expect(() => readRecordingCsv(path.join(path.dirname(file), 'missing.csv'))).toThrow(/missing\.csv: cannot read: ENOENT/);
  });
});
