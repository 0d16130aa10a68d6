import { describe, it, expect } from 'vitest';
import { OriginalDebouncer, ConsecutiveDebouncer, MajorityDebouncer } from '../../src/pipeline';
import type { Debouncer, DetectedGesture } from '../../src/core/types';
import { ErrorCodes } from '../../src/core/errors';

type Step = [number, number] | [number, number, number]; // [timeMs, label, score?]

/** Feeds [time, label, score?] steps; returns the events with the index of the step that emitted. */
function run(d: Debouncer, steps: Step[], labels = 4) {
  var scores = new Float32Array(labels);
  var events: (DetectedGesture & { step: number })[] = [];
  steps.forEach(function (s, i) {
    scores.fill(0);
    scores[s[1]] = s.length > 2 ? (s[2] as number) : 1;
    var e = d.update(s[0], s[1], scores);
    if (e) events.push({ timeMs: e.timeMs, label: e.label, score: e.score, step: i });
  });
  return events;
}

/** Predictions every `every` ms from t0, one per label in the list. */
function seq(t0: number, every: number, labels: number[]): Step[] {
  return labels.map((l, i) => [t0 + i * every, l] as Step);
}

function repeat(label: number, n: number): number[] {
  var a: number[] = [];
  for (var i = 0; i < n; i++) a.push(label);
  return a;
}

describe('OriginalDebouncer (the original device rule)', () => {
  it('emits once >= 9 non-idle predictions span more than 450 ms, then clears', () => {
    // At 50 Hz, 9 predictions span only 160 ms: the event waits for the span (t = 460 ms, 24 entries).
    var events = run(new OriginalDebouncer({ idleLabel: 0 }), seq(0, 20, repeat(2, 50)));
    expect(events[0]).toEqual({ timeMs: 460, label: 2, score: 1, step: 23 });
    // After clearing, the next event needs a fresh buffer: entries from 480 ms, span > 450 at 940 ms.
    expect(events[1].timeMs).toBe(940);
    expect(events.length).toBe(2);
  });

  it('votes with the first 9 entries only; the score is the winner\'s share of them', () => {
    var labels = [2, 2, 1, 2, 3, 2, 1, 2, 2].concat(repeat(3, 20));
    var events = run(new OriginalDebouncer({ idleLabel: 0 }), seq(0, 20, labels));
    expect(events.length).toBe(1);
    expect(events[0].label).toBe(2);
    expect(events[0].score).toBeCloseTo(6 / 9, 10);
  });

  it('breaks a tie among the first 9 towards the lowest label index', () => {
    var labels = [3, 3, 2, 3, 2, 1, 2, 3, 2].concat(repeat(1, 20));
    var events = run(new OriginalDebouncer({ idleLabel: 0 }), seq(0, 20, labels));
    expect(events[0].label).toBe(2);
    expect(events[0].score).toBeCloseTo(4 / 9, 10);
  });

  it('ignores idle predictions: they neither enter the buffer nor extend its span', () => {
    var steps = seq(0, 20, repeat(1, 9)) // 9 entries spanning 160 ms
      .concat(seq(180, 20, repeat(0, 20))) // idle until 560 ms: no event, span still 160
      .concat([[600, 3]]); // 10th entry: span 600 > 450
    var events = run(new OriginalDebouncer({ idleLabel: 0 }), steps);
    expect(events).toEqual([{ timeMs: 600, label: 1, score: 1, step: 29 }]);
  });

  it('purges a stale buffer (>= 1000 ms span with <= 9 entries), including the entry that made it stale', () => {
    var steps = seq(0, 20, [3, 3, 3]) // three stray entries
      .concat(seq(60, 20, repeat(0, 40))) // idle
      .concat(seq(1000, 20, repeat(1, 30))); // a real gesture starts at 1000 ms
    var events = run(new OriginalDebouncer({ idleLabel: 0 }), steps);
    // Without the purge the 3s would vote and the event would come at 1100 ms (9 entries,
    // span 1100). With it the buffer restarts at 1020 ms: span > 450 first at 1480 ms.
    expect(events.length).toBe(1);
    expect(events[0].timeMs).toBe(1480);
    expect(events[0].label).toBe(1);
    expect(events[0].score).toBe(1);
  });

  it('does not purge a buffer spanning just under 1000 ms', () => {
    var steps = seq(0, 20, [3, 3, 3]).concat(seq(949, 10, repeat(1, 6)));
    var events = run(new OriginalDebouncer({ idleLabel: 0 }), steps);
    // 9 entries at 999 ms spanning 999 ms: the stray 3s are kept and vote.
    expect(events).toEqual([{ timeMs: 999, label: 1, score: 6 / 9, step: 8 }]);
  });

  it('takes every parameter as an option; idleLabel is required', () => {
    var d = new OriginalDebouncer({ idleLabel: -1, votes: 3, minSpanMs: 40 });
    var events = run(d, seq(0, 20, [0, 0, 1, 1, 1]));
    expect(events).toEqual([{ timeMs: 60, label: 0, score: 2 / 3, step: 3 }]);
    try {
      new OriginalDebouncer({} as any);
      expect.unreachable();
    } catch (e: any) {
      expect(e.code).toBe(ErrorCodes.BAD_CONFIG);
      expect(e.message).toMatch(/idleLabel is required/);
    }
    expect(() => new OriginalDebouncer({ idleLabel: 0, votes: 0 })).toThrow(/votes/);
    expect(new OriginalDebouncer({ idleLabel: 0, votes: 15 }).purgeMaxEntries).toBe(15);
  });

  it('reset() forgets the buffer', () => {
    var d = new OriginalDebouncer({ idleLabel: 0 });
    run(d, seq(0, 20, repeat(2, 20)));
    d.reset();
    var events = run(d, seq(400, 20, repeat(1, 9)));
    expect(events).toEqual([]);
  });
});

describe('ConsecutiveDebouncer', () => {
  it('emits when one non-idle label scores above minScore N times in a row; score = mean score of the run', () => {
    var d = new ConsecutiveDebouncer({ idleLabel: 0, count: 3, minScore: 0.6 });
    var events = run(d, [[0, 1, 0.9], [20, 1, 0.7], [40, 1, 0.8]]);
    expect(events.length).toBe(1);
    expect(events[0].timeMs).toBe(40);
    expect(events[0].label).toBe(1);
    expect(events[0].score).toBeCloseTo(0.8, 6);
  });

  it('a low score, an idle prediction or another label breaks the run', () => {
    var d = new ConsecutiveDebouncer({ idleLabel: 0, count: 3, minScore: 0.6 });
    var events = run(d, [
      [0, 1, 0.9], [20, 1, 0.9], [40, 1, 0.5], // 0.5 is not above 0.6
      [60, 1, 0.9], [80, 1, 0.9], [100, 0, 1],
      [120, 1, 0.9], [140, 1, 0.9], [160, 2, 0.9],
      [180, 2, 0.9], [200, 2, 0.9] // third 2 in a row
    ]);
    expect(events.map((e) => [e.timeMs, e.label])).toEqual([[200, 2]]);
  });

  it('emits nothing during the refractory time, then needs a fresh run', () => {
    var d = new ConsecutiveDebouncer({ idleLabel: 0, count: 3, minScore: 0.5, refractoryMs: 500 });
    var events = run(d, seq(0, 50, repeat(1, 20)).map((s) => [s[0], s[1], 0.9] as Step));
    // Events at 100 ms, then quiet until 600 ms; the run restarts at 600: 600, 650, 700.
    expect(events.map((e) => e.timeMs)).toEqual([100, 700]);
  });

  it('counts every prediction as score 1 when no scores are given; defaults: 9 in a row', () => {
    var d = new ConsecutiveDebouncer({ idleLabel: 0 });
    var got: number[] = [];
    for (var i = 0; i < 12; i++) if (d.update(i * 20, 2)) got.push(i);
    expect(got).toEqual([8]);
  });
});

describe('MajorityDebouncer', () => {
  it('emits when the last n predictions first show a strict majority for a non-idle label', () => {
    var d = new MajorityDebouncer({ idleLabel: 0, size: 5 });
    var events = run(d, seq(0, 20, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]));
    // Window at step 7 is 0 0 1 1 1: 3 of 5 for label 1.
    expect(events).toEqual([{ timeMs: 140, label: 1, score: 3 / 5, step: 7 }]);
  });

  it('emits again only after another label (idle included) has taken the majority', () => {
    var d = new MajorityDebouncer({ idleLabel: 0, size: 5 });
    var labels = [1, 1, 1, 1, 1].concat([0, 0, 0]).concat([1, 1, 1]);
    var events = run(d, seq(0, 20, labels));
    // 5th prediction: first full window, 1 holds it. Step 7: idle majority. Step 10: 1 again.
    expect(events.map((e) => e.step)).toEqual([4, 10]);
  });

  it('a stretch without any majority keeps the previous smoothed label', () => {
    var d = new MajorityDebouncer({ idleLabel: 0, size: 5 });
    var labels = [2, 2, 2, 2, 2, 1, 3, 1, 3, 2, 2];
    var events = run(d, seq(0, 20, labels));
    // 2 loses its majority at step 7 (3 1 3 ... no label has 3 of 5) and regains it: no new event.
    expect(events.map((e) => e.step)).toEqual([4]);
  });

  it('finds a majority held by an earlier label when the window first fills', () => {
    var d = new MajorityDebouncer({ idleLabel: 0, size: 5 });
    var events = run(d, seq(0, 20, [3, 3, 3, 0, 0]));
    expect(events).toEqual([{ timeMs: 80, label: 3, score: 3 / 5, step: 4 }]);
  });

  it('minVotes raises the bar and must be a strict majority', () => {
    var d = new MajorityDebouncer({ idleLabel: 0, size: 5, minVotes: 5 });
    expect(run(d, seq(0, 20, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1])).map((e) => e.step)).toEqual([9]);
    expect(() => new MajorityDebouncer({ idleLabel: 0, size: 6, minVotes: 3 })).toThrow(/strict majority/);
  });
});
