// Validation never throws anything but a ValidationError, and never accepts a value it
// would store changed: property tests over every kind of value a JSON parser produces.
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { validateEventBatch, checkEventBatch, validateLegacyMove, ValidationError } from '../../src/server';
import { labelProblem } from '../../src/core/names';
import { hostileEvent, jsonValue } from './fuzz-arbitraries';

var NOW = 1_780_000_000_000;
var anyJson = fc.oneof(jsonValue, fc.jsonValue(), hostileEvent(NOW), fc.array(hostileEvent(NOW), { maxLength: 5 }));

function onlyValidationErrors(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    for (var p of e.problems) expect(typeof p.path === 'string' && typeof p.message === 'string').toBe(true);
  }
}

describe('validation never throws', () => {
  it('events and batches: ValidationError or a valid, storable event (10,000 values)', () => {
    fc.assert(fc.property(anyJson, (body) => {
      var parsed = JSON.parse(JSON.stringify(body) ?? 'null');
      onlyValidationErrors(() => {
        for (var c of checkEventBatch(parsed, NOW, 10)) {
          if (!c.ok) continue;
          // What is accepted survives storage unchanged: a well-formed label, a safe time.
          expect(labelProblem(c.event.gesture)).toBeNull();
          expect(Number.isSafeInteger(c.event.time)).toBe(true);
          expect(c.event.time <= NOW + 86_400_000).toBe(true);
        }
      });
      onlyValidationErrors(() => validateEventBatch(parsed, NOW, 10));
    }), { seed: 7, numRuns: 10_000 });
  });

  it('legacy write-move: ValidationError or a valid move (5,000 values)', () => {
    var legacy = fc.record({ device_id: jsonValue, time: jsonValue, move: jsonValue }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(legacy, jsonValue), (body) => {
      onlyValidationErrors(() => {
        var m = validateLegacyMove(JSON.parse(JSON.stringify(body) ?? 'null'), NOW);
        expect(Number.isSafeInteger(m.time)).toBe(true);
      });
    }), { seed: 8, numRuns: 5_000 });
  });
});
