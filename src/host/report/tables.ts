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

export function evaluationTables(ev: Evaluation, labels: string[]): ReportTable[] {
  var w = ev.window, e = ev.events;
  return [
    {
      title: 'Summary', header: ['metric', 'value'],
      rows: [
        ['window accuracy', fixed(w.accuracy, 3)], ['macro F1', fixed(w.macroF1, 3)], ['windows', w.count],
        ['event precision', fixed(e.precision, 3)], ['event recall', fixed(e.recall, 3)], ['event F1', fixed(e.f1, 3)],
        ['labelled events', e.truths], ['detected events', e.detections], ['wrong-gesture events', e.wrongGestureEvents],
        ['false events per minute', fixed(e.falseEventsPerMinute, 2)],
        ['mean latency from gesture end (ms)', fixed(e.meanLatencyMs, 0)], ['median latency (ms)', fixed(e.medianLatencyMs, 0)],
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
        return [path.basename(r.recording.source), r.replay.predictions.length, se ? pct(se.errorRatio) : 'n/a',
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
