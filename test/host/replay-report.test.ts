import { describe, it, expect } from 'vitest';
import { replayRecording } from '../../src/host/eval/replay';
import { evaluateRecordings, windowTruthLabel } from '../../src/host/workflow/evaluate-recordings';
import { renderHtmlReport } from '../../src/host/report/html-report';
import { evaluationTables } from '../../src/host/report/tables';
import { createProgress } from '../../src/host/progress';
import { makeSpec } from '../../src/host/dataset/spec';
import { windowsFromRecording } from '../../src/pipeline/replay';
import type { Classifier } from '../../src/core/types';
import type { Recording } from '../../src/host/recording';

// 6 s at 100 Hz: quiet, a 1 s burst of large values ("wave") at 2-3 s, quiet again.
function burst(source = '/r/burst.csv'): Recording {
  const n = 600;
  const timesMs = new Float64Array(n), values = new Float32Array(n);
  for (let i = 0; i < n; i++) { timesMs[i] = i * 10; values[i] = i >= 200 && i < 300 ? 10 * Math.sin(i) : 0.01; }
  return { source, channels: ['acc_x'], rateHz: 100, timesMs, values, warnings: [] };
}
const spec = makeSpec({ channels: ['acc_x'], sourceRateHz: 100, rateHz: 25, windowMs: 1000, hopMs: 100, features: 'stats', stats: ['std'], labels: ['idle', 'wave'] });
// A threshold on the window's std: what a trained model would learn here, but transparent.
const seen: number[][] = [];
const model: Classifier = {
  labels: ['idle', 'wave'],
  predict(f: Float32Array, scores?: Float32Array) {
    seen.push(Array.from(f));
    const wave = f[0] > 3 ? 1 : 0;
    if (scores) { scores[0] = 1 - wave; scores[1] = wave; }
    return wave;
  },
};

describe('replay through the device pipeline', () => {
  it('classifies exactly the windows the device windower computes, one per hop', () => {
    seen.length = 0;
    const rec = burst();
    const r = replayRecording(rec, { spec, classifier: model });
    const device: number[][] = [];
    windowsFromRecording(spec, rec.channels, 100, Array.from({ length: 600 }, (_, i) => [rec.values[i]]), (t, f) => device.push(Array.from(f)));
    expect(seen).toEqual(device);
    expect(r.predictions.length).toBe(device.length);
    expect(r.predictionTimesMs[1] - r.predictionTimesMs[0]).toBe(100);
    expect(r.events.length).toBe(1);
    expect(r.events[0].gesture).toBe('wave');
  });

  it('scores windows, events, latency and the stream error ratio against labels', () => {
    const rec = burst();
    // the burst shows in windows for ~1.8 s: a 2 s refractory time makes it one event
    const ev = evaluateRecordings({ spec, classifier: model }, [rec], [{ file: rec.source, startMs: 2000, endMs: 3000, label: 'wave' }], { kind: 'consecutive', count: 3, refractoryMs: 2000 }, 1000);
    expect(ev.events.truePositives).toBe(1);
    expect(ev.events.precision).toBe(1);
    expect(ev.events.matches[0].latencyMs).toBeLessThan(1000);
    expect(ev.window.accuracy).toBeGreaterThan(0.8);
    expect(ev.recordings[0].streamError!.gesture).toBe('wave');
    expect(ev.recordings[0].streamError!.errorRatio).toBe(0);
  });

  it('takes a window\'s truth from a labelled span covering at least half of it', () => {
    const truths = [{ startMs: 2000, endMs: 3000, label: 'wave' }];
    expect(windowTruthLabel(spec, truths, 2600)).toBe(1);
    expect(windowTruthLabel(spec, truths, 2400)).toBe(0);
    expect(windowTruthLabel(spec, truths, 3400)).toBe(1);
    expect(windowTruthLabel(spec, truths, 3600)).toBe(0);
  });

  it('refuses recordings without labels or with labels the model lacks', () => {
    const rec = burst();
    expect(() => evaluateRecordings({ spec, classifier: model }, [rec], [], { kind: 'original' }, 1000)).toThrow(/burst\.csv: no labels for this recording/);
    expect(() => evaluateRecordings({ spec, classifier: model }, [rec], [{ file: rec.source, startMs: 0, endMs: 5, label: 'jump' }], { kind: 'original' }, 1000))
      .toThrow(/label "jump" is not one of the model's/);
  });
});

describe('HTML report', () => {
  it('is self-contained: tables, confusion matrix and one inline SVG per recording, text escaped, nothing fetched', () => {
    const a = burst('/r/<a>.csv'), b = burst('/r/b.csv');
    const ev = evaluateRecordings({ spec, classifier: model }, [a, b], [{ file: a.source, startMs: 2000, endMs: 3000, label: 'wave' }, { file: b.source, startMs: 2000, endMs: 3000, label: 'wave' }], { kind: 'consecutive', count: 3 }, 1000);
    const html = renderHtmlReport({
      title: 'T & R', notes: ['n'], labels: spec.labels, confusion: ev.window, tables: evaluationTables(ev, spec.labels),
      recordings: ev.recordings.map((r) => ({ recording: r.recording, replay: r.replay, truths: r.truths })),
    });
    expect(html).toMatch(/<title>T &amp; R<\/title>/);
    expect((html.match(/<svg [^>]*class="recording-plot"/g) || []).length).toBe(2);
    expect(html).toContain('/r/&lt;a&gt;.csv');
    expect(html).not.toMatch(/<script[^>]* src=|<link|src="http|url\(http/);
    expect(html).toMatch(/Confusion matrix/);
    expect(html).toMatch(/event recall/);
  });
});

describe('progress bar', () => {
  it('draws only on a terminal', () => {
    const written: string[] = [];
    const bar = createProgress(3, 'x', { isTTY: true, write: (t) => written.push(t) });
    bar.tick(); bar.tick(); bar.tick(); bar.done();
    expect(written.some((t) => t.includes('3/3'))).toBe(true);
    const quiet: string[] = [];
    const off = createProgress(3, 'x', { isTTY: false, write: (t) => quiet.push(t) });
    off.tick(); off.done();
    expect(quiet).toEqual([]);
  });
});
