// One recording drawn as inline SVG (the report's static view, readable without scripts):
// the signals over time, one panel per sensor (accelerometer, gyroscope) with a colour key,
// labelled gesture spans shaded behind them, the per-class confidence trace, a strip of
// per-window predictions, and a tick at every emitted event whose label is shown where it
// has room (label-layout.ts) and hidden otherwise, so a long recording never overprints.
import type { Recording } from '../recording';
import type { ReplayResult } from '../eval/replay';
import type { TruthEvent } from '../eval/event-metrics';
import { placeLabels } from './label-layout';

/** Axis colours: x, y, z of every sensor (acc_x and gyro_x alike), then further channels. */
export var CHANNEL_COLORS = ['#d62728', '#2ca02c', '#1f77b4', '#9467bd', '#8c564b', '#7f7f7f'];

/** Geometry shared by the SVG and the tests that measure it. */
export var EVENT_FONT_PX = 11;
export var EVENT_LANES = 3;
/** Below this share of labels with room, a stretch shows ticks only (label-layout.ts). */
export var MIN_SHOWN_LABELS = 0.5;
var LANE_H = 14;

export function escapeHtml(s: string): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `hex` mixed with black (share 0..1 of black): label text in a gesture's colour that still reads on white. */
export function darken(hex: string, share: number): string {
  var v = parseInt(hex.slice(1), 16), k = 1 - share;
  var c = [v >> 16, (v >> 8) & 255, v & 255].map(function (x) { return Math.round(x * k).toString(16).padStart(2, '0'); });
  return '#' + c.join('');
}

/** Width of a label in px, on the generous side (the label boxes must never touch). */
export function estimateTextWidth(text: string, fontPx: number): number {
  return text.length * fontPx * 0.62 + 2;
}

/** Channels grouped by sensor (acc_*, gyro_*, ...): each group gets its own panel and scale. */
export function channelGroups(channels: string[]): number[][] {
  var keys: string[] = [], groups: number[][] = [];
  channels.forEach(function (c, i) {
    var key = c.indexOf('_') > 0 ? c.slice(0, c.indexOf('_')) : c;
    var g = keys.indexOf(key);
    if (g < 0) { keys.push(key); groups.push([i]); } else groups[g].push(i);
  });
  return groups;
}

/** A colour key: a short line and the name per entry, left to right from (x, y). */
function keySvg(x: number, y: number, names: string[], colors: string[], cls: string): string {
  var out = '<g class="' + cls + '">';
  names.forEach(function (name, i) {
    out += '<line x1="' + x + '" x2="' + (x + 14) + '" y1="' + (y - 4) + '" y2="' + (y - 4) + '" stroke="' + colors[i] + '" stroke-width="2.5"/>' +
      '<text x="' + (x + 18) + '" y="' + y + '" font-size="11" data-key="' + escapeHtml(name) + '">' + escapeHtml(name) + '</text>';
    x += 26 + estimateTextWidth(name, 11);
  });
  return out + '</g>';
}

export interface RecordingSvg { svg: string; events: number; hiddenLabels: number }

export function recordingSvg(rec: Recording, replay: ReplayResult, truths: TruthEvent[], labels: string[], colors: string[]): RecordingSvg {
  var W = 1000, left = 50, right = 10, panelH = 120, confH = 70, headH = 16, gap = 8, stripH = 16;
  var n = rec.timesMs.length;
  var t0 = n ? rec.timesMs[0] : 0, t1 = n ? rec.timesMs[n - 1] : 1;
  var span = Math.max(1, t1 - t0);
  var plotW = W - left - right;
  var x = function (t: number) { return left + ((t - t0) / span) * plotW; };
  // Label rows only as many as the placed labels use (none when a stretch shows ticks only).
  var placed = placeEvents(replay, x, W - right);
  var lanesTop = 4, lanesH = (Math.max.apply(null, placed.lanes.concat([-1])) + 1) * LANE_H;
  var groups = channelGroups(rec.channels);
  var top = lanesTop + lanesH + 4;
  var panelTops: number[] = [];
  var yy = top;
  groups.forEach(function () { panelTops.push(yy + headH); yy += headH + panelH + gap; });
  var confTop = yy + headH;
  var stripY = confTop + confH + gap;
  var plotBottom = stripY + stripH;
  var H = plotBottom + 24;
  var k = rec.channels.length;
  var step = Math.max(1, Math.ceil(n / 1500)); // keep the page small: at most ~1500 points per line
  var parts: string[] = [];
  parts.push('<svg xmlns="http://www.w3.org/2000/svg" class="recording-plot" viewBox="0 0 ' + W + ' ' + H + '" width="100%" role="img" aria-label="' + escapeHtml(rec.source) + '" font-family="system-ui,sans-serif">');
  truths.forEach(function (e) {
    var a = x(Math.max(t0, e.startMs)), b = x(Math.min(t1, e.endMs === Infinity ? t1 : e.endMs));
    parts.push('<rect class="truth" x="' + a.toFixed(1) + '" y="' + top + '" width="' + Math.max(1, b - a).toFixed(1) + '" height="' + (confTop + confH - top) + '" fill="' + colors[labels.indexOf(e.label)] + '" opacity="0.15"><title>labelled ' + escapeHtml(e.label) + '</title></rect>');
  });
  groups.forEach(function (members, g) {
    var panelTop = panelTops[g];
    var lo = Infinity, hi = -Infinity;
    members.forEach(function (c) {
      for (var s = 0; s < n; s++) { var v = rec.values[s * k + c]; if (v < lo) lo = v; if (v > hi) hi = v; }
    });
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    var y = function (v: number) { return panelTop + panelH - ((v - lo) / (hi - lo)) * panelH; };
    parts.push('<rect x="' + left + '" y="' + panelTop + '" width="' + plotW + '" height="' + panelH + '" fill="none" stroke="#ddd"/>');
    members.forEach(function (c, m) {
      var pts: string[] = [];
      for (var s = 0; s < n; s += step) pts.push(x(rec.timesMs[s]).toFixed(1) + ',' + y(rec.values[s * k + c]).toFixed(1));
      parts.push('<polyline class="channel" data-channel="' + escapeHtml(rec.channels[c]) + '" fill="none" stroke-width="1" stroke="' + CHANNEL_COLORS[m % CHANNEL_COLORS.length] + '" points="' + pts.join(' ') + '"><title>' + escapeHtml(rec.channels[c]) + '</title></polyline>');
    });
    parts.push('<text x="4" y="' + (panelTop + 10) + '" font-size="10">' + hi.toFixed(1) + '</text><text x="4" y="' + (panelTop + panelH) + '" font-size="10">' + lo.toFixed(1) + '</text>');
    parts.push(keySvg(left, panelTop - 4, members.map(function (c) { return rec.channels[c]; }), members.map(function (c, m) { return CHANNEL_COLORS[m % CHANNEL_COLORS.length]; }), 'channel-key'));
  });
  parts.push(confidenceSvg(replay, labels, colors, x, left, plotW, confTop, confH));
  parts.push(strip(replay, colors, labels, x, stripY, stripH));
  var ev = eventsSvg(replay, colors, placed, lanesTop, top, plotBottom);
  parts.push(ev.svg);
  var ts = tickStep(span);
  for (var tick = 0; tick <= span; tick += ts) {
    parts.push('<text x="' + x(t0 + tick).toFixed(1) + '" y="' + (H - 8) + '" font-size="10" text-anchor="middle">' + formatTime(tick, ts) + '</text>');
  }
  parts.push('<text x="4" y="' + (stripY + 12) + '" font-size="10">pred.</text>');
  parts.push('</svg>');
  return { svg: parts.join(''), events: replay.events.length, hiddenLabels: ev.hidden };
}

/** Each class's score per inference, 0..1; at most ~1500 points a line (the max of each bucket, so peaks stay). */
function confidenceSvg(replay: ReplayResult, labels: string[], colors: string[], x: (t: number) => number, left: number, plotW: number, top: number, h: number): string {
  var m = replay.predictions.length, L = labels.length;
  var out = '<g class="confidence"><rect x="' + left + '" y="' + top + '" width="' + plotW + '" height="' + h + '" fill="none" stroke="#ddd"/>' +
    '<text x="4" y="' + (top + 10) + '" font-size="10">1</text><text x="4" y="' + (top + h) + '" font-size="10">0</text>';
  var bucket = Math.max(1, Math.ceil(m / 1500));
  if (replay.classScores.length === m * L && m) {
    for (var c = 0; c < L; c++) {
      var pts: string[] = [];
      for (var j = 0; j < m; j += bucket) {
        var v = 0;
        for (var b = j; b < Math.min(m, j + bucket); b++) v = Math.max(v, replay.classScores[b * L + c]);
        v = Math.min(1, v); // a custom classifier's scores may leave 0..1: keep the line in its panel
        pts.push(x(replay.predictionTimesMs[j]).toFixed(1) + ',' + (top + h - v * h).toFixed(1));
      }
      out += '<polyline class="class-score" data-label="' + escapeHtml(labels[c]) + '" fill="none" stroke-width="1.2" stroke="' + colors[c] + '" points="' + pts.join(' ') + '"><title>score of ' + escapeHtml(labels[c]) + '</title></polyline>';
    }
  }
  out += keySvg(left, top - 4, labels.map(function (l) { return 'score: ' + l; }), colors, 'confidence-key');
  return out + '</g>';
}

/** The predicted label per window, as runs of equal predictions (one rect per run, not per window). */
function strip(replay: ReplayResult, colors: string[], labels: string[], x: (t: number) => number, y: number, h: number): string {
  var p = replay.predictions, times = replay.predictionTimesMs;
  var hop = p.length > 1 ? times[1] - times[0] : 0;
  var out = '<g class="predictions">';
  for (var i = 0; i < p.length;) {
    var j = i;
    while (j + 1 < p.length && p[j + 1] === p[i]) j++;
    var a = x(times[i] - hop), b = x(times[j]);
    out += '<rect x="' + a.toFixed(1) + '" y="' + y + '" width="' + Math.max(0.5, b - a).toFixed(1) + '" height="' + h + '" fill="' + colors[p[i]] + '"><title>' + escapeHtml(labels[p[i]]) + ' ' + Math.round(times[i]) + '-' + Math.round(times[j]) + ' ms</title></rect>';
    i = j + 1;
  }
  return out + '</g>';
}

interface PlacedEvents { xs: number[]; lefts: number[]; lanes: number[] }

function placeEvents(replay: ReplayResult, x: (t: number) => number, maxX: number): PlacedEvents {
  var xs = replay.events.map(function (e) { return x(e.timeMs); });
  var widths = replay.events.map(function (e) { return estimateTextWidth(e.gesture, EVENT_FONT_PX); });
  var lefts: number[] = [];
  var lanes = placeLabels(xs.map(function (v) { return v + 2; }), widths, EVENT_LANES, 3, maxX, MIN_SHOWN_LABELS, lefts);
  return { xs: xs, lefts: lefts, lanes: lanes };
}

function eventsSvg(replay: ReplayResult, colors: string[], placed: PlacedEvents, lanesTop: number, plotTop: number, plotBottom: number): { svg: string; hidden: number } {
  var xs = placed.xs, lefts = placed.lefts, lanes = placed.lanes;
  var hidden = lanes.filter(function (l) { return l < 0; }).length;
  var out = '<g class="events" data-hidden-labels="' + hidden + '">';
  replay.events.forEach(function (e, i) {
    var ex = xs[i].toFixed(1), c = colors[e.label];
    out += '<line class="event-tick" x1="' + ex + '" x2="' + ex + '" y1="' + (plotTop - 3) + '" y2="' + plotBottom + '" stroke="' + c + '" stroke-width="1" opacity="0.55"><title>' + escapeHtml(e.gesture) + ' at ' + Math.round(e.timeMs) + ' ms</title></line>';
    if (lanes[i] >= 0) {
      out += '<text class="event-label" x="' + lefts[i].toFixed(1) + '" y="' + (lanesTop + lanes[i] * LANE_H + EVENT_FONT_PX) + '" font-size="' + EVENT_FONT_PX + '" fill="' + darken(c, 0.35) + '">' + escapeHtml(e.gesture) + '</text>';
    }
  });
  return { svg: out + '</g>', hidden: hidden };
}

function formatTime(ms: number, step: number): string {
  if (step >= 60000) return Math.floor(ms / 60000) + ':' + String(Math.round((ms % 60000) / 1000)).padStart(2, '0');
  return (ms / 1000).toFixed(step < 1000 ? 1 : 0) + ' s';
}

function tickStep(spanMs: number): number {
  var steps = [500, 1000, 2000, 5000, 10000, 30000, 60000, 120000, 300000, 600000];
  for (var i = 0; i < steps.length; i++) if (spanMs / steps[i] <= 12) return steps[i];
  return 1200000;
}
