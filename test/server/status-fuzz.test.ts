// Status reports: validation never throws anything but a ValidationError, and what it
// accepts is storable as it is (counters safe non-negative integers, other values JSON).
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { ValidationError } from '../../src/server';
import { validateStatus } from '../../src/server/device-status';
import { jsonValue } from './fuzz-arbitraries';

var NOW = 1_780_000_000_000;
var KNOWN = ['queued', 'sent', 'dropped', 'rejected', 'failures', 'nextId', 'persistErrors', 'held', 'estimated', 'linkUp', 'device_id'];
var hostileStatus = fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN), fc.string({ maxLength: 45 })), fc.oneof(jsonValue, fc.nat(), fc.constant('esp32-a')), { maxKeys: 40 });

describe('status validation never throws', () => {
  it('ValidationError or a storable status (5,000 values)', () => {
    fc.assert(fc.property(fc.oneof(hostileStatus, jsonValue), (body) => {
      var parsed = JSON.parse(JSON.stringify(body) ?? 'null');
      try {
        var s = validateStatus(parsed, NOW, 'http');
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        expect(e.problems.length).toBeGreaterThan(0);
        return;
      }
      for (var k of ['queued', 'sent', 'dropped', 'rejected', 'failures', 'persist_errors', 'held', 'estimated', 'next_id'] as const) {
        var v = s[k];
        expect(v === null || (Number.isSafeInteger(v) && v >= 0)).toBe(true);
      }
      expect(JSON.parse(JSON.stringify(s.other))).toEqual(s.other);
      expect(Object.keys(s.other).length).toBeLessThanOrEqual(32);
      expect(s.reported_at).toBe(NOW);
    }), { seed: 12, numRuns: 5_000 });
  });
});
