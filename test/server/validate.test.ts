// The shared validator's decisions that HTTP tests do not pin down one by one.
import { describe, it, expect } from 'vitest';
import { validateEventBatch, validateLegacyMove, ValidationError } from '../../src/server';

var NOW = Date.UTC(2026, 0, 15);
var ok = { device_id: 'puck-1', id: 0, time: NOW - 5, gesture: 'circle', move: 3, score: 1 };

function problems(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).problems;
  }
  throw new Error('expected a ValidationError');
}

describe('event validation', () => {
  it('rounds Espruino fractional milliseconds and keeps everything else as sent', () => {
    expect(validateEventBatch({ ...ok, time: NOW - 5.625 }, NOW, 10)).toEqual([{ ...ok, time: NOW - 6 }]);
  });

  it('accepts id 0, score 0 and 1, and a clock up to a day ahead', () => {
    expect(validateEventBatch([{ ...ok, score: 0 }, { ...ok, id: 1, time: NOW + 3600_000 }], NOW, 10)).toHaveLength(2);
  });

  it('explains a clock that was never set', () => {
    var p = problems(() => validateEventBatch({ ...ok, time: 73_000 }, NOW, 10));
    expect(p).toEqual([{ path: 'time', message: expect.stringMatching(/before 2001 \(is the device clock set\?\)/) }]);
  });

  it('names every problem of every event in a batch', () => {
    var p = problems(() => validateEventBatch([ok, { ...ok, id: 'a', move: -1 }], NOW, 10));
    expect(p.map((x) => x.path)).toEqual(['[1].id', '[1].move']);
  });

  it('rejects NaN and Infinity as numbers', () => {
    expect(problems(() => validateEventBatch({ ...ok, score: NaN }, NOW, 10))[0].path).toBe('score');
    expect(problems(() => validateEventBatch({ ...ok, time: Infinity }, NOW, 10))[0].path).toBe('time');
  });
});

describe('legacy write-move validation', () => {
  it('takes integer device ids and epoch seconds as the original sent them', () => {
    expect(validateLegacyMove({ device_id: 1, time: 1621674000, move: 3 }, NOW)).toEqual({ device_id: '1', time: 1621674000000, move: 3 });
  });

  it('takes epoch milliseconds too', () => {
    expect(validateLegacyMove({ device_id: 'esp-1', time: 1621674000123, move: 1 }, NOW).time).toBe(1621674000123);
  });

  it('names missing and wrong fields', () => {
    expect(problems(() => validateLegacyMove({ time: 1621674000 }, NOW)).map((x) => x.path)).toEqual(['device_id', 'move']);
    expect(problems(() => validateLegacyMove({ device_id: -4, time: 1621674000, move: 1.5 }, NOW)).map((x) => x.path)).toEqual(['device_id', 'move']);
  });
});
