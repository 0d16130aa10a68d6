// A self-contained HTML report (no scripts, no external files): metric tables, the
// confusion matrix, and every evaluated recording drawn with its predictions and events.
import * as path from 'node:path';
import type { Recording } from '../recording';
import type { ReplayResult } from '../eval/replay';
import type { TruthEvent } from '../eval/event-metrics';
import type { WindowMetrics } from '../eval/window-metrics';
import { recordingSvg, escapeHtml, labelColor } from './svg-plot';

export interface ReportTable { title: string; header: string[]; rows: (string | number)[][] }

export interface ReportRecording { recording: Recording; replay: ReplayResult; truths: TruthEvent[] }

export interface ReportInput {
  title: string;
  /** Short paragraphs under the title (what was trained and evaluated, how). */
  notes: string[];
  /** Shown above the notes, highlighted (e.g. the evaluated recordings were training data). */
  warnings?: string[];
  labels: string[];
  confusion?: WindowMetrics;
  tables: ReportTable[];
  recordings: ReportRecording[];
}

export function renderHtmlReport(input: ReportInput): string {
  var html: string[] = [];
  html.push('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>' + escapeHtml(input.title) + '</title>');
  html.push('<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}' +
    'td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}' +
    '.key span{display:inline-block;padding:1px 8px;margin-right:6px;color:#fff;border-radius:3px}h3{margin-top:2em;font-size:15px}</style></head><body>');
  html.push('<h1>' + escapeHtml(input.title) + '</h1>');
  (input.warnings || []).forEach(function (w) { html.push('<p class="warning" style="background:#fff3cd;border:1px solid #e0b000;padding:6px 10px"><strong>Warning:</strong> ' + escapeHtml(w) + '</p>'); });
  input.notes.forEach(function (n) { html.push('<p>' + escapeHtml(n) + '</p>'); });
  html.push('<p class="key">' + input.labels.map(function (l, i) { return '<span style="background:' + labelColor(i) + '">' + escapeHtml(l) + '</span>'; }).join('') + '</p>');
  input.tables.forEach(function (t) { html.push(tableHtml(t)); });
  if (input.confusion) html.push(confusionHtml(input.confusion, input.labels));
  if (input.recordings.length) {
    html.push('<h2>Recordings</h2><p>Signals over time; shaded: labelled gesture spans; strip: the label predicted for each window (at the window\'s last sample); vertical lines: events emitted by the debouncer.</p>');
    input.recordings.forEach(function (r) {
      html.push('<h3>' + escapeHtml(displayPath(r.recording.source)) + '</h3>');
      html.push(recordingSvg(r.recording, r.replay, r.truths, input.labels));
    });
  }
  html.push('</body></html>');
  return html.join('\n');
}

/** A recording's heading: relative to the working folder when inside it, never a long absolute path. */
export function displayPath(file: string): string {
  var rel = path.relative(process.cwd(), file);
  return !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : path.basename(path.dirname(file)) + '/' + path.basename(file);
}

function tableHtml(t: ReportTable): string {
  var rows = t.rows.map(function (r) { return '<tr>' + r.map(function (c) { return '<td>' + escapeHtml(String(c)) + '</td>'; }).join('') + '</tr>'; });
  return '<h2>' + escapeHtml(t.title) + '</h2><table><tr>' + t.header.map(function (h) { return '<th>' + escapeHtml(h) + '</th>'; }).join('') + '</tr>' + rows.join('') + '</table>';
}

function confusionHtml(m: WindowMetrics, labels: string[]): string {
  var max = 1;
  m.confusion.forEach(function (row) { row.forEach(function (v) { if (v > max) max = v; }); });
  var out = '<h2>Confusion matrix (rows: truth, columns: predicted)</h2><table><tr><th></th>' + labels.map(function (l) { return '<th>' + escapeHtml(l) + '</th>'; }).join('') + '</tr>';
  m.confusion.forEach(function (row, i) {
    out += '<tr><th>' + escapeHtml(labels[i]) + '</th>' + row.map(function (v, j) {
      var shade = Math.round(255 - (v / max) * 140);
      var bg = i === j ? 'rgb(' + shade + ',255,' + shade + ')' : v ? 'rgb(255,' + shade + ',' + shade + ')' : '#fff';
      return '<td style="background:' + bg + '">' + v + '</td>';
    }).join('') + '</tr>';
  });
  return out + '</table>';
}
