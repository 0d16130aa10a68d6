// One recording drawn as inline SVG, in the original study's style: the signals over time
// (one panel per sensor: accelerometer, gyroscope),
// labelled gesture spans shaded behind them, a strip of per-window predictions underneath
// and a marker at every emitted event.
import type { Recording } from '../recording';
import type { ReplayResult } from '../eval/replay';
import type { TruthEvent } from '../eval/event-metrics';

export var LABEL_COLORS = ['#bbbbbb', '#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990'];
var CHANNEL_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

export function labelColor(index: number): string {
  return LABEL_COLORS[index % LABEL_COLORS.length];
}

export function escapeHtml(s: string): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Channels grouped by sensor (acc_*, gyro_*, ...): each group gets its own panel and scale. */
function channelGroups(channels: string[]): number[][] {
  var keys: string[] = [], groups: number[][] = [];
  channels.forEach(function (c, i) {
    var key = c.indexOf('_') > 0 ? c.slice(0, c.indexOf('_')) : c;
    var g = keys.indexOf(key);
    if (g < 0) { keys.push(key); groups.push([i]); } else groups[g].push(i);
  });
  return groups;
}

export function recordingSvg(rec: Recording, replay: ReplayResult, truths: TruthEvent[], labels: string[]): string {
  var W = 1000, panelH = 120, gap = 6, stripH = 18, top = 10, left = 50;
  var groups = channelGroups(rec.channels);
  var plotH = groups.length * panelH + (groups.length - 1) * gap;
  var H = top + plotH + 8 + stripH + 30;
  var n = rec.timesMs.length;
  var t0 = n ? rec.timesMs[0] : 0, t1 = n ? rec.timesMs[n - 1] : 1;
  var span = Math.max(1, t1 - t0);
  var x = function (t: number) { return left + ((t - t0) / span) * (W - left - 10); };
  var k = rec.channels.length;
  var step = Math.max(1, Math.ceil(n / 1500)); // keep the page small: at most ~1500 points per line
  var parts: string[] = [];
  parts.push('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' + W + ' ' + H + '" width="100%" role="img" aria-label="' + escapeHtml(rec.source) + '">');
  truths.forEach(function (e) {
    var a = x(Math.max(t0, e.startMs)), b = x(Math.min(t1, e.endMs === Infinity ? t1 : e.endMs));
    parts.push('<rect x="' + a.toFixed(1) + '" y="' + top + '" width="' + Math.max(1, b - a).toFixed(1) + '" height="' + plotH + '" fill="' + labelColor(labels.indexOf(e.label)) + '" opacity="0.15"><title>labelled ' + escapeHtml(e.label) + '</title></rect>');
  });
  groups.forEach(function (members, g) {
    var panelTop = top + g * (panelH + gap);
    var lo = Infinity, hi = -Infinity;
    members.forEach(function (c) {
      for (var s = 0; s < n; s++) { var v = rec.values[s * k + c]; if (v < lo) lo = v; if (v > hi) hi = v; }
    });
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    var y = function (v: number) { return panelTop + panelH - ((v - lo) / (hi - lo)) * panelH; };
    parts.push('<rect x="' + left + '" y="' + panelTop + '" width="' + (W - left - 10) + '" height="' + panelH + '" fill="none" stroke="#ddd"/>');
    members.forEach(function (c) {
      var pts: string[] = [];
      for (var s = 0; s < n; s += step) pts.push(x(rec.timesMs[s]).toFixed(1) + ',' + y(rec.values[s * k + c]).toFixed(1));
      parts.push('<polyline fill="none" stroke-width="1" stroke="' + CHANNEL_COLORS[c % CHANNEL_COLORS.length] + '" points="' + pts.join(' ') + '"><title>' + escapeHtml(rec.channels[c]) + '</title></polyline>');
    });
    parts.push('<text x="4" y="' + (panelTop + 10) + '" font-size="10">' + hi.toFixed(1) + '</text><text x="4" y="' + (panelTop + panelH) + '" font-size="10">' + lo.toFixed(1) + '</text>');
    parts.push('<text x="4" y="' + (panelTop + panelH / 2 + 4) + '" font-size="10">' + escapeHtml(members.map(function (c) { return rec.channels[c]; }).join(' ')).slice(0, 60) + '</text>');
  });
  var stripY = top + plotH + 8;
  var hopW = replay.predictions.length > 1 ? x(replay.predictionTimesMs[1]) - x(replay.predictionTimesMs[0]) : 4;
  replay.predictions.forEach(function (p, j) {
    var px = x(replay.predictionTimesMs[j]);
    parts.push('<rect x="' + (px - hopW).toFixed(1) + '" y="' + stripY + '" width="' + Math.max(1, hopW).toFixed(1) + '" height="' + stripH + '" fill="' + labelColor(p) + '"><title>' + escapeHtml(labels[p]) + ' at ' + Math.round(replay.predictionTimesMs[j]) + ' ms</title></rect>');
  });
  replay.events.forEach(function (e) {
    var ex = x(e.timeMs).toFixed(1);
    parts.push('<line x1="' + ex + '" x2="' + ex + '" y1="' + top + '" y2="' + (stripY + stripH) + '" stroke="' + labelColor(e.label) + '" stroke-width="2"/>');
    parts.push('<text x="' + ex + '" y="' + (top + 10) + '" font-size="11" fill="#000">' + escapeHtml(e.gesture) + '</text>');
  });
  for (var tick = 0; tick <= span; tick += tickStep(span)) {
    parts.push('<text x="' + x(t0 + tick).toFixed(1) + '" y="' + (H - 8) + '" font-size="10" text-anchor="middle">' + (tick / 1000).toFixed(tickStep(span) < 1000 ? 1 : 0) + ' s</text>');
  }
  parts.push('<text x="4" y="' + (stripY + 13) + '" font-size="10">pred.</text>');
  parts.push('</svg>');
  return parts.join('');
}

function tickStep(spanMs: number): number {
  var steps = [500, 1000, 2000, 5000, 10000, 30000, 60000];
  for (var i = 0; i < steps.length; i++) if (spanMs / steps[i] <= 12) return steps[i];
  return 120000;
}
