// A self-contained HTML report (one file, nothing fetched): metric tables, the confusion
// matrix, the grid search's candidates (size against score), and every evaluated recording
// drawn with its predictions, confidence and events: a static SVG that needs no script, and,
// when the optional uPlot package is installed, a zoomable view with uPlot inlined.
import * as path from 'node:path';
import type { Recording } from '../recording';
import type { ReplayResult } from '../eval/replay';
import type { TruthEvent } from '../eval/event-metrics';
import type { WindowMetrics } from '../eval/window-metrics';
import { recordingSvg, escapeHtml, MIN_SHOWN_LABELS } from './svg-plot';
import { labelColors } from './palette';
import { gridPlotSvg, GridPoint } from './grid-plot';
import { loadUplot, uplotScript, inlineSafe, UplotAssets } from './uplot-inline';
import { zoomData, scriptJson } from './zoom-data';
import { zoomClient } from './zoom-client';
import { placeLabels } from './label-layout';

export interface ReportTable { title: string; header: string[]; rows: (string | number)[][] }

export interface ReportRecording { recording: Recording; replay: ReplayResult; truths: TruthEvent[] }

/** Whether the scored recordings were the model's training data (from the model file's fingerprints). */
export interface TrainingDataNotice {
  /** The scored recordings whose fingerprint is among the model's training recordings. */
  seen: string[];
  total: number;
  /** False when the model file records no training recordings (older model files). */
  known: boolean;
}

export interface ReportInput {
  title: string;
  /** Short paragraphs under the title (what was trained and evaluated, how). */
  notes: string[];
  /** Shown above the notes, highlighted. */
  warnings?: string[];
  trainingData?: TrainingDataNotice;
  labels: string[];
  /** Index of the idle label (grey in every plot), -1 for none; default: the label "idle". */
  idleLabel?: number;
  confusion?: WindowMetrics;
  tables: ReportTable[];
  /** The grid search's candidates (from `train --grid`), plotted size against score. */
  grid?: { metric: string; points: GridPoint[]; source: string } | null;
  recordings: ReportRecording[];
  /** uPlot's files to inline; default: the installed package's, null for static plots only. */
  uplot?: UplotAssets | null;
}

var STYLE = 'body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}' +
  'td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}' +
  '.key span{display:inline-block;padding:1px 8px;margin-right:6px;color:#fff;border-radius:3px}h3{margin-top:2em;font-size:15px}' +
  '.warning{background:#fff3cd;border:1px solid #e0b000;padding:6px 10px}.training-data{background:#fde2e1;border:1px solid #d33;padding:8px 12px;font-weight:600}' +
  '.note{color:#555;font-size:13px}.zoom-view{margin:.5em 0 1.5em;padding-top:1px}.zoom-note{color:#555;font-size:13px;margin:.6em 0 .2em}';

export function renderHtmlReport(input: ReportInput): string {
  var labels = input.labels;
  var colors = labelColors(labels, input.idleLabel !== undefined ? input.idleLabel : labels.indexOf('idle'));
  var uplot = input.uplot === undefined ? loadUplot() : input.uplot;
  var html: string[] = [];
  html.push('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>' + escapeHtml(input.title) + '</title>');
  html.push('<style>' + STYLE + (uplot ? inlineSafe(uplot.css) : '') + '</style></head><body>');
  html.push('<h1>' + escapeHtml(input.title) + '</h1>');
  if (input.trainingData) html.push(trainingDataHtml(input.trainingData));
  (input.warnings || []).forEach(function (w) { html.push('<p class="warning"><strong>Warning:</strong> ' + escapeHtml(w) + '</p>'); });
  input.notes.forEach(function (n) { html.push('<p>' + escapeHtml(n) + '</p>'); });
  html.push('<p class="key" id="gesture-key">' + labels.map(function (l, i) { return '<span data-label="' + escapeHtml(l) + '" style="background:' + colors[i] + ';color:' + textOn(colors[i]) + '">' + escapeHtml(l) + '</span>'; }).join('') +
    ' <span class="note" style="color:#555;background:none">gesture colours as on the dashboard (dashboard/palette.js)</span></p>');
  input.tables.forEach(function (t) { html.push(tableHtml(t)); });
  if (input.confusion) html.push(confusionHtml(input.confusion, labels));
  if (input.grid) html.push(gridHtml(input.grid));
  if (input.recordings.length) {
    html.push('<h2>Recordings</h2><p>Per recording: the signals over time (colour key above each panel: x red, y green, z blue), shaded: labelled gesture spans; ' +
      'the score of each class at every inference (confidence); strip: the label predicted for each window (at the window\'s last sample); ' +
      'ticks: events emitted by the debouncer, labelled where there is room.</p>');
    if (!uplot) html.push('<p class="note zoom-missing">Zoom needs the optional package uplot (npm install uplot); without it this report shows the static plots only.</p>');
    else html.push('<p class="note">Below each static plot: a zoomable view; drag across a chart to zoom into a stretch, double-click to show the whole recording.</p>');
    input.recordings.forEach(function (r, i) {
      var plot = recordingSvg(r.recording, r.replay, r.truths, labels, colors);
      html.push('<section class="recording" data-events="' + plot.events + '"><h3>' + escapeHtml(displayPath(r.recording.source)) + '</h3>');
      html.push(plot.svg);
      if (plot.hiddenLabels) html.push('<p class="note hidden-labels">' + plot.hiddenLabels + ' of ' + plot.events + ' event labels have no room at this scale and are left out (ticks mark every event)' + (uplot ? '; zoom in below to read them.' : '.') + '</p>');
      if (uplot) {
        html.push('<script type="application/json" id="zoom-data-' + i + '">' + scriptJson(zoomData(r.recording, r.replay, r.truths, labels, colors)) + '</script>');
        html.push('<div class="zoom-view" data-src="zoom-data-' + i + '"></div>');
      }
      html.push('</section>');
    });
  }
  if (uplot && input.recordings.length) {
    html.push(uplotScript(uplot));
    html.push('<script>(function () {\n  var placeLabels = ' + inlineSafe(placeLabels.toString()) + ';\n  var zoomClient = ' + inlineSafe(zoomClient.toString()) + ';\n' +
      '  document.querySelectorAll(".zoom-view").forEach(function (el) { zoomClient(el, JSON.parse(document.getElementById(el.getAttribute("data-src")).textContent), uPlot, placeLabels, ' + MIN_SHOWN_LABELS + '); });\n})();</script>');
  }
  html.push('</body></html>');
  return html.join('\n');
}

/** Black or white text, whichever reads on the background colour `hex`. */
function textOn(hex: string): string {
  var v = parseInt(hex.slice(1), 16);
  var lum = 0.299 * (v >> 16) + 0.587 * ((v >> 8) & 255) + 0.114 * (v & 255);
  return lum > 160 ? '#111' : '#fff';
}

function trainingDataHtml(t: TrainingDataNotice): string {
  if (!t.known) return '<p class="note training-unknown">The model file records no training recordings (trained before model file v2): whether the evaluated recordings were training data is unknown.</p>';
  if (!t.seen.length) return '<p class="note training-held-out">None of the ' + t.total + ' evaluated recordings was among the model\'s training recordings (by the fingerprints in the model file).</p>';
  var who = t.total === 1 ? 'the evaluated recording was' : (t.seen.length === t.total ? 'all ' : t.seen.length + ' of ') + t.total + ' evaluated recordings were';
  return '<p class="training-data" role="alert">Evaluated on training data: ' + who + ' in the model\'s training set (' + escapeHtml(t.seen.slice(0, 3).map(function (f) { return path.basename(f); }).join(', ') + (t.seen.length > 3 ? ', ...' : '')) +
    '). These scores are not held-out and overstate what the model does on new recordings.</p>';
}

function gridHtml(g: { metric: string; points: GridPoint[]; source: string }): string {
  var rejected = g.points.filter(function (p) { return p.rejected; }).length;
  return '<h2>Grid search: size against ' + escapeHtml(g.metric) + '</h2><p class="note">' + g.points.length + ' candidates from ' + escapeHtml(g.source) +
    (rejected ? ', ' + rejected + ' rejected by the constraints (hollow)' : '') + '; red: the chosen model; dashed: the candidates no smaller candidate beats.</p>' +
    gridPlotSvg(g.points, g.metric);
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
