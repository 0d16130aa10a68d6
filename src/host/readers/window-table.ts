// The original's tabular window files (seed data/transformed/*.csv): one 1000 ms window
// per row, flattened time-major as `<channel>_<ms>`, then `shift` and `label`.
import { readFileSync } from 'node:fs';
import { inputError } from '../input-error';
import { parseCsv, isDecimal } from './csv-text';

export interface WindowTable {
  source: string;
  /** Channels in feature order within one time point. */
  channels: string[];
  /** Time of each point from the window start, ms (0, 50, ..., 1000 at 20 Hz). */
  pointsMs: number[];
  rateHz: number;
  /** rows[i] is one window: all channels of point 0, then of point 1, ... */
  rows: Float32Array[];
  /** Class index per row. */
  labels: number[];
  /** The seed's `shift` per row (window start offset from the labelled start, in 10 ms steps; -99 extra rest). */
  shifts: number[];
  /** Label names, index = class id. */
  labelNames: string[];
}

/** The seed's classes: 0 = no movement, 1 = X, 2 = Y, 3 = circle. */
export var SEED_LABELS = ['idle', 'x', 'y', 'circle'];

export function readWindowTable(file: string, labelNames?: string[]): WindowTable {
  var text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e: any) {
    throw inputError(file, null, 'cannot read: ' + e.message);
  }
  return parseWindowTable(text, file, labelNames);
}

export function parseWindowTable(text: string, source: string, labelNames?: string[]): WindowTable {
  var csv = parseCsv(text);
  if (csv.length < 2) throw inputError(source, null, 'no rows (expected a header and at least one window)');
  var header = csv[0].fields.map(function (h) { return h.trim(); });
  var labelCol = header.indexOf('label');
  var shiftCol = header.indexOf('shift');
  if (labelCol < 0) throw inputError(source, 1, 'no "label" column');
  var featureCols: number[] = [];
  var channels: string[] = [];
  var pointsMs: number[] = [];
  header.forEach(function (h, i) {
    if (i === labelCol || i === shiftCol) return;
    var m = /^(.+)_(\d+)$/.exec(h);
    if (!m) throw inputError(source, 1, 'column "' + h + '" is not <channel>_<ms>');
    var ms = Number(m[2]);
    if (pointsMs.length === 0 || pointsMs[pointsMs.length - 1] !== ms) pointsMs.push(ms);
    if (pointsMs.length === 1) channels.push(m[1]);
    var expected = channels[featureCols.length % channels.length] + '_' + pointsMs[Math.floor(featureCols.length / channels.length)];
    if (h !== expected) throw inputError(source, 1, 'column "' + h + '" out of order: expected "' + expected + '" (time-major: all channels of one time point, then the next)');
    featureCols.push(i);
  });
  if (featureCols.length !== channels.length * pointsMs.length) throw inputError(source, 1, 'the last time point lacks some channels');
  var step = pointsMs.length > 1 ? pointsMs[1] - pointsMs[0] : 0;
  for (var p = 1; p < pointsMs.length; p++) {
    if (pointsMs[p] - pointsMs[p - 1] !== step) throw inputError(source, 1, 'time points are not evenly spaced (' + pointsMs[p - 1] + ' then ' + pointsMs[p] + ' ms)');
  }
  var rows: Float32Array[] = [];
  var rawLabels: string[] = [];
  var labelLines: number[] = [];
  var shifts: number[] = [];
  for (var r = 1; r < csv.length; r++) {
    var f = csv[r].fields;
    if (f.length !== header.length) throw inputError(source, csv[r].line, 'expected ' + header.length + ' columns, found ' + f.length);
    var row = new Float32Array(featureCols.length);
    for (var j = 0; j < featureCols.length; j++) {
      var v = f[featureCols[j]].trim();
      if (!isDecimal(v)) throw inputError(source, csv[r].line, 'column "' + header[featureCols[j]] + '" is not a decimal number ("' + f[featureCols[j]] + '")');
      row[j] = Number(v);
    }
    rows.push(row);
    rawLabels.push(f[labelCol].trim());
    labelLines.push(csv[r].line);
    shifts.push(shiftCol >= 0 ? Number(f[shiftCol]) : 0);
  }
  var classes = classIndices(rawLabels, labelLines, source, labelNames);
  return { source: source, channels: channels, pointsMs: pointsMs, rateHz: step ? 1000 / step : 0, rows: rows, labels: classes.labels, shifts: shifts, labelNames: classes.names };
}

/**
 * Class ids and names from the label column. Names in the file (any non-numeric label) are
 * the classes, in sorted order. Numeric labels are class indices 0..max, named by
 * `labelNames` when given (the seed's table: SEED_LABELS), else "0", "1", ...: a table's
 * classes are never renamed behind the user's back.
 */
function classIndices(raw: string[], lines: number[], source: string, labelNames?: string[]): { labels: number[]; names: string[] } {
  var labels: number[] = [], names: string[], i;
  for (i = 0; i < raw.length; i++) {
    // A number that is not a class index is a broken table, not a class called "1.5".
    if (raw[i] !== '' && isFinite(Number(raw[i])) && !/^[0-9]+$/.test(raw[i])) throw inputError(source, lines[i], 'label "' + raw[i] + '" is not a class index (0, 1, 2, ...) or a class name');
  }
  var numeric = raw.every(function (v) { return /^[0-9]+$/.test(v); });
  if (!numeric) {
    for (i = 0; i < raw.length; i++) if (raw[i] === '') throw inputError(source, lines[i], 'empty label');
    names = labelNames ? labelNames.slice() : raw.filter(function (v, j) { return raw.indexOf(v) === j; }).sort();
    for (i = 0; i < raw.length; i++) {
      var at = names.indexOf(raw[i]);
      if (at < 0) throw inputError(source, lines[i], 'label "' + raw[i] + '" is not one of the given label names (' + names.join(', ') + ')');
      labels.push(at);
    }
    return { labels: labels, names: names };
  }
  var max = 0;
  for (i = 0; i < raw.length; i++) { labels.push(Number(raw[i])); if (labels[i] > max) max = labels[i]; }
  if (labelNames) {
    if (labelNames.length <= max) throw inputError(source, lines[labels.indexOf(max)], 'label ' + max + ' found but only ' + labelNames.length + ' label names given (' + labelNames.join(', ') + ')');
    return { labels: labels, names: labelNames.slice() };
  }
  names = [];
  for (i = 0; i <= max; i++) names.push(String(i));
  return { labels: labels, names: names };
}

/**
 * The same windows with fewer channels and/or a lower rate (keeping every k-th point, as
 * the device's 'pick' downsampling does). Rows stay time-major.
 */
export function reshapeWindowTable(table: WindowTable, channels: string[], rateHz: number): WindowTable {
  var every = table.rateHz / rateHz;
  if (!(every >= 1) || Math.floor(every) !== every) throw new Error(table.source + ': ' + rateHz + ' Hz is not an integer divisor of ' + table.rateHz + ' Hz');
  var chIdx = channels.map(function (c) {
    var i = table.channels.indexOf(c);
    if (i < 0) throw new Error(table.source + ': no channel "' + c + '" (has ' + table.channels.join(', ') + ')');
    return i;
  });
  var points: number[] = [];
  for (var p = 0; p < table.pointsMs.length; p += every) points.push(p);
  var k = table.channels.length;
  var rows = table.rows.map(function (row) {
    var out = new Float32Array(points.length * chIdx.length);
    for (var i = 0; i < points.length; i++) for (var j = 0; j < chIdx.length; j++) out[i * chIdx.length + j] = row[points[i] * k + chIdx[j]];
    return out;
  });
  return {
    source: table.source, channels: channels.slice(), pointsMs: points.map(function (p) { return table.pointsMs[p]; }), rateHz: rateHz,
    rows: rows, labels: table.labels, shifts: table.shifts, labelNames: table.labelNames,
  };
}
