// Quiet windows: while the debouncer cannot emit (ConsecutiveDebouncer's refractory time) the
// pipeline computes no features and runs no inference, and the events stay exactly those of
// a pipeline that classifies every window.
import { describe, it, expect } from 'vitest';
import { GesturePipeline, ConsecutiveDebouncer, MajorityDebouncer } from '../../src/pipeline';
import type { PipelineEvent } from '../../src/pipeline';
import type { Debouncer } from '../../src/core/types';
import { readSeedRecording } from './seed-recording';
import { makeHandClassifier, stdSpec } from './hand-classifier';

/** The same debouncer without quietUntilMs: the pipeline has to classify every window. */
function unskippable(inner: Debouncer): Debouncer {
  return { update: (t, l, s) => inner.update(t, l, s), reset: () => inner.reset() };
}

function run(name: string, debouncer: Debouncer, options?: { onWindow?: boolean; resetAt?: number }) {
  var rec = readSeedRecording(name);
  var events: PipelineEvent[] = [];
  var classifier = makeHandClassifier(), windowsSeen = 0;
  var p = new GesturePipeline({
    source: { channels: rec.channels, rateHz: 100 },
    model: { spec: stdSpec(), classifier },
    debouncer,
    onEvent: (e) => events.push(e),
    onWindow: options && options.onWindow ? () => { windowsSeen++; } : undefined,
  });
  rec.rows.forEach((row, i) => {
    if (options && options.resetAt === i) p.reset();
    p.push(rec.times[i], row);
  });
  return { p, events, calls: classifier.calls, windowsSeen };
}

function consecutive() {
  return new ConsecutiveDebouncer({ idleLabel: 0, refractoryMs: 1500 });
}

describe('GesturePipeline: quiet windows', () => {
  for (var name of ['move_x_20210522_1.csv', 'move_circle_20210522_1.csv']) {
    it('the same events as classifying every window, with fewer inferences (' + name + ')', ((name: string) => () => {
      var every = run(name, unskippable(consecutive()));
      var quiet = run(name, consecutive());
      expect(every.events.length).toBeGreaterThanOrEqual(5);
      expect(quiet.events).toEqual(every.events);
      expect(every.p.counters.quiet).toBe(0);
      // Each event starts 1.5 s of quiet: at a 20 ms hop, up to 75 windows each are left out.
      expect(quiet.p.counters.quiet).toBeGreaterThan(every.events.length * 50);
      expect(quiet.p.counters.windows).toBe(every.p.counters.windows);
      expect(quiet.p.counters.inferences + quiet.p.counters.quiet).toBe(quiet.p.counters.windows);
      expect(quiet.calls).toBe(quiet.p.counters.inferences);
      expect(quiet.calls).toBe(every.calls - quiet.p.counters.quiet);
    })(name));
  }

  it('classifies every window while onWindow listens, or with a debouncer that has no quiet time', () => {
    var listened = run('move_x_20210522_1.csv', consecutive(), { onWindow: true });
    expect(listened.p.counters.quiet).toBe(0);
    expect(listened.windowsSeen).toBe(listened.p.counters.windows);
    expect(listened.calls).toBe(listened.p.counters.windows);
    var majority = run('move_x_20210522_1.csv', new MajorityDebouncer({ idleLabel: 0, size: 9 }));
    expect(majority.p.counters.quiet).toBe(0);
    expect(majority.events.length).toBeGreaterThan(0);
  });

  it('reset() ends the quiet time with the debouncer\'s', () => {
    var every = run('move_x_20210522_1.csv', unskippable(consecutive()));
    // 50 ms after the first event: the reset forgets its refractory time (and the windows),
    // so the windows after the next full span are classified again.
    var times = readSeedRecording('move_x_20210522_1.csv').times;
    var at = times.findIndex((t) => t > every.events[0].timeMs + 50);
    var a = run('move_x_20210522_1.csv', unskippable(consecutive()), { resetAt: at });
    var b = run('move_x_20210522_1.csv', consecutive(), { resetAt: at });
    var noReset = run('move_x_20210522_1.csv', consecutive());
    expect(b.events).toEqual(a.events);
    expect(b.p.counters.windows).toBeLessThan(noReset.p.counters.windows); // the reset's new span
    // Still quiet after the reset, the windows of the refractory's last 0.5 s would not be classified.
    expect(b.calls).toBeGreaterThan(noReset.calls);
  });
});
