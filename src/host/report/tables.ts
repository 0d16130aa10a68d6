// Metric tables shared by the CLI output, the HTML report and docs.
import * as path from 'node:path';
import type { Evaluation } from '../workflow/evaluate-recordings';
import type { ReportTable } from './html-report';

export function pct(x: number): string {
  return isFinite(x) ? (x * 100).toFixed(1) + '%' : 'n/a';
}

export function fixed(x: number, digits: number): string {
  return isFinite(x) ? x.toFixed(digits) : 'n/a';
}

/** Latency needs labelled spans with a real end; whole-recording labels (one activity per file) have none. */
function latency(x: number, e: Evaluation['events']): string {
  if (isFinite(x)) return x.toFixed(0);
  return e.truePositives ? 'n/a (only whole-recording labels: no gesture end to measure from)' : 'n/a (no event matched)';
}

export function evaluationTables(ev: Evaluation, labels: string[]): ReportTable[] {
  var w = ev.window, e = ev.events;
  var emitted = ev.recordings.reduce(function (n, r) { return n + r.replay.events.length; }, 0);
  return [
    {
      title: 'Summary', header: ['metric', 'value'],
      rows: [
        ['window accuracy', fixed(w.accuracy, 3)], ['macro F1', fixed(w.macroF1, 3)], ['windows', w.count],
        ['event precision', fixed(e.precision, 3)], ['event recall', fixed(e.recall, 3)], ['event F1', fixed(e.f1, 3)],
        ['labelled events', e.truths], ['events emitted by the debouncer', emitted],
        ['events scored (emitted less ' + e.repeatEvents + ' repeats inside whole-recording labels)', e.detections], ['wrong-gesture events', e.wrongGestureEvents],
        ['false events per minute', fixed(e.falseEventsPerMinute, 2)],
        ['mean latency from gesture end (ms)', latency(e.meanLatencyMs, e)], ['median latency (ms)', latency(e.medianLatencyMs, e)],
      ],
    },
    {
      title: 'Per class (windows)', header: ['label', 'precision', 'recall', 'F1', 'support'],
      rows: w.perClass.map(function (c) { return [c.label, fixed(c.precision, 3), fixed(c.recall, 3), fixed(c.f1, 3), c.support]; }),
    },
    {
      title: 'Per recording', header: ['recording', 'predictions', 'stream error ratio (before debouncing)', 'wrong events / events (after)', 'events scored', 'matched', 'missed', 'false'],
      rows: ev.recordings.map(function (r) {
        var se = r.streamError;
        // No predictions (a recording shorter than a window): no ratio, not 0%.
        return [path.basename(r.recording.source), r.replay.predictions.length, se && r.replay.predictions.length ? pct(se.errorRatio) : 'n/a',
          se ? se.wrongEvents + ' / ' + se.events : 'n/a',
          r.events.detections, r.events.truePositives, r.events.missed.length, r.events.falseEvents];
      }),
    },
  ];
}

export function markdownTable(t: ReportTable): string {
  var lines = ['| ' + t.header.join(' | ') + ' |', '|' + t.header.map(function () { return ' --- '; }).join('|') + '|'];
  t.rows.forEach(function (r) { lines.push('| ' + r.join(' | ') + ' |'); });
  return lines.join('\n');
}
