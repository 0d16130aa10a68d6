// The outbox must fit a Puck.js (2,630 variables in all): a full queue of 32 events stays
// under 100 estimated variables, where the same events as objects would need hundreds.
import { describe, it, expect } from 'vitest';
import { Outbox } from '../../src/sinks/outbox';
import { estimateJsVars } from '../../src/testing/jsvar-estimate';
import { manualSink, LABELS, T0 } from './helpers';

describe('Outbox memory', () => {
  it('keeps 32 queued events in under 100 JsVars', () => {
    var m = manualSink();
    m.sink.up = false;
    var box: any = new Outbox({ deviceId: 'puck-1', labels: LABELS, sink: m.sink, capacity: 32 });
    for (var i = 0; i < 32; i++) box.push({ timeMs: T0 + i, label: 1, score: 0.5 });
    var queueVars = estimateJsVars([box.ids, box.times, box.scores, box.moves, box.nameIdx]);
    var asObjects = estimateJsVars(Array.from({ length: 32 }, (_, k) => box.peek(k)));
    expect(queueVars).toBeLessThan(100);
    expect(asObjects).toBeGreaterThan(queueVars * 4);
  });
});
