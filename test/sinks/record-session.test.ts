import { describe, it, expect } from 'vitest';
import { RecordSession, parseKeyMap } from '../../src/cli/commands/record-session';

var HEADER = 'acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms';
function row(ms: number, v = 0.5) { return [v, v, 9.8, 1, 2, 3, ms].join(','); }

describe('record session', () => {
  it('keeps samples, rebases ms to 0 and ignores console noise, comments and garbage', () => {
    var s = new RecordSession({ keys: { '1': 'x' } });
    expect(s.feedLine('\u001b[J>' + HEADER)).toBe('header');
    expect(s.feedLine(row(5000))).toBe('sample');
    expect(s.feedLine('>' + row(5010) + '\r')).toBe('sample');
    expect(s.feedLine('# error I2C_NACK bus')).toBe('comment');
    expect(s.feedLine('0.5,0.5,9.8,1,2')).toBe('skipped');
    expect(s.feedLine('0.5,abc,9.8,1,2,3,5020')).toBe('skipped');
    expect(s.feedLine(HEADER)).toBe('header'); // a repeated header changes nothing
    expect(s.feedLine(row(5020))).toBe('sample');
    expect(s.recordingCsv()).toBe(HEADER + '\n' + [row(0), row(10), row(20)].join('\n') + '\n');
    expect(s.skipped).toBe(2);
  });

  it('attaches mid-stream without a header when the line has the original 7 columns', () => {
    var s = new RecordSession({ keys: {} });
    expect(s.feedLine(row(700))).toBe('sample');
    expect(s.recordingCsv().split('\n')[0]).toBe(HEADER);
  });

  it('continues the time line when the board restarts its clock', () => {
    var s = new RecordSession({ keys: {} });
    [HEADER, row(0), row(10), row(20), HEADER, row(0), row(10)].forEach((l) => s.feedLine(l));
    expect(s.rows.map((r) => Number(r.split(',')[6]))).toEqual([0, 10, 20, 30, 40]);
  });

  it('refuses a board that changes its columns mid-recording', () => {
    var s = new RecordSession({ keys: {} });
    s.feedLine(HEADER);
    expect(() => s.feedLine('acc_x,acc_y,acc_z,ms')).toThrow(/changed its columns/);
  });

  it('turns key presses into spans stamped with the latest sample time', () => {
    var s = new RecordSession({ keys: { '1': 'x', '2': 'circle' } });
    expect(s.key('1')).toMatch(/no samples yet/);
    s.feedLine(HEADER);
    for (var t = 0; t <= 100; t += 10) s.feedLine(row(t));
    expect(s.key('1')).toBe('start x at 100 ms');
    for (; t <= 500; t += 10) s.feedLine(row(t));
    expect(s.key('2')).toBe('end x 100-500 ms; start circle at 500 ms');
    for (; t <= 900; t += 10) s.feedLine(row(t));
    expect(s.key(' ')).toBe('end circle 500-900 ms');
    expect(s.key('1')).toBe('start x at 900 ms');
    expect(s.key('1')).toBe('dropped empty x at 900 ms'); // no sample in between
    expect(s.key('u')).toBe('removed circle 500-900 ms');
    expect(s.key('z')).toBeNull();
    expect(s.key('q')).toBe('quit');
    expect(s.labelRows('rec/a.csv')).toEqual(['rec/a.csv,100,500,x']);
  });

  it('rejects unusable key maps with the reason', () => {
    expect(parseKeyMap('1=x, 2=y')).toEqual({ '1': 'x', '2': 'y' });
    expect(() => parseKeyMap('1x')).toThrow(/KEY=LABEL/);
    expect(() => parseKeyMap('1=x,1=y')).toThrow(/twice/);
    expect(() => new RecordSession({ keys: { q: 'x' } })).toThrow(/cannot be a label key/);
    expect(() => new RecordSession({ keys: { '1': 'a,b' } })).toThrow(/commas/);
  });
});
