// Continuous recordings as CSV: the seed's `acc_x,...,gyro_z,ms`, Edge Impulse's
// `timestamp,accX,accY,accZ`, or time-less `x,y,z` when the rate is given.
import { readFileSync } from 'node:fs';
import type { Recording } from '../recording';
import { inputError } from '../input-error';
import { parseCsv } from './csv-text';
import { canonicalChannel, TIME_COLUMNS } from './channel-names';

export interface RecordingCsvOptions {
  /** Sample rate in Hz: required when the file has no time column, checked otherwise. */
  rateHz?: number;
  /** Name of the time column (default: the first of ms, timestamp, time, time_ms, t). */
  timeColumn?: string;
  /** Multiply every value by this (e.g. 9.80665 / 16384 for int16 counts at +-2 g). */
  scale?: number;
  /** Drop bad rows and fill gaps by linear interpolation instead of failing. */
  repair?: boolean;
  /** A step longer than this many sample periods is a gap (default 1.5). */
  maxGapPeriods?: number;
}

interface RawRow { line: number; time: number; values: number[] }

export function readRecordingCsv(file: string, options?: RecordingCsvOptions): Recording {
  var text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e: any) {
    throw inputError(file, null, 'cannot read: ' + e.message);
  }
  return parseRecordingCsv(text, file, options);
}

export function parseRecordingCsv(text: string, source: string, options?: RecordingCsvOptions): Recording {
  var opts = options || {};
  var repair = !!opts.repair;
  var warnings: string[] = [];
  var rows = parseCsv(text);
  if (rows.length === 0) throw inputError(source, null, 'empty file (expected a header line)');
  var header = rows[0].fields.map(function (h) { return h.trim(); });
  var timeIndex = findTimeColumn(header, opts.timeColumn, source);
  if (timeIndex < 0 && !opts.rateHz) {
    throw inputError(source, 1, 'no time column (looked for ' + TIME_COLUMNS.join(', ') + '); give the sample rate (rateHz / --rate) for a file without one');
  }
  var channels: string[] = [];
  var valueIndex: number[] = [];
  header.forEach(function (h, i) {
    if (i === timeIndex) return;
    var name = canonicalChannel(h);
    if (channels.indexOf(name) >= 0) throw inputError(source, 1, 'channel "' + name + '" appears twice in the header');
    channels.push(name);
    valueIndex.push(i);
  });
  if (channels.length === 0) throw inputError(source, 1, 'no channel columns in header "' + header.join(',') + '"');

  var good: RawRow[] = [];
  var scale = opts.scale === undefined ? 1 : opts.scale;
  var period = opts.rateHz ? 1000 / opts.rateHz : 0;
  for (var r = 1; r < rows.length; r++) {
    var row = rows[r];
    var problem = rowProblem(row.fields, header, timeIndex);
    var time = timeIndex < 0 ? (good.length ? good[good.length - 1].time + period : 0) : Number(row.fields[timeIndex]);
    if (!problem && good.length) {
      var prev = good[good.length - 1].time;
      if (time === prev) problem = 'time ' + fmt(time) + ' repeats the previous row\'s';
      else if (time < prev) problem = 'time goes backwards (' + fmt(time) + ' after ' + fmt(prev) + ')';
    }
    if (problem) {
      if (!repair) throw inputError(source, row.line, problem + ' (use repair / --repair to drop such rows)');
      warnings.push(source + ':' + row.line + ': dropped: ' + problem);
      continue;
    }
    good.push({ line: row.line, time: time, values: valueIndex.map(function (i) { return Number(row.fields[i]) * scale; }) });
  }
  if (good.length < 2) throw inputError(source, null, 'fewer than 2 valid samples (' + good.length + ')');

  if (timeIndex >= 0) period = medianStep(good);
  var rateHz = opts.rateHz || Math.round(100000 / period) / 100;
  if (opts.rateHz && Math.abs(medianStep(good) - 1000 / opts.rateHz) > 0.02 * (1000 / opts.rateHz)) {
    throw inputError(source, null, 'time column says ' + fmt(1000 / medianStep(good)) + ' Hz but ' + opts.rateHz + ' Hz was given');
  }
  var maxStep = (opts.maxGapPeriods || 1.5) * (1000 / rateHz);
  var filled = fillGaps(good, 1000 / rateHz, maxStep, repair, source, warnings);
  // Times stay as written: labels (Label Studio, labels CSV) refer to the file's own time values.
  var k = channels.length;
  var timesMs = new Float64Array(filled.length);
  var values = new Float32Array(filled.length * k);
  for (var i = 0; i < filled.length; i++) {
    timesMs[i] = filled[i].time;
    for (var c = 0; c < k; c++) values[i * k + c] = filled[i].values[c];
  }
  return { source: source, channels: channels, rateHz: rateHz, timesMs: timesMs, values: values, warnings: warnings };
}

function findTimeColumn(header: string[], wanted: string | undefined, source: string): number {
  if (wanted) {
    var i = header.indexOf(wanted);
    if (i < 0) throw inputError(source, 1, 'no time column "' + wanted + '" in header "' + header.join(',') + '"');
    return i;
  }
  for (var j = 0; j < TIME_COLUMNS.length; j++) {
    var at = header.map(function (h) { return h.toLowerCase(); }).indexOf(TIME_COLUMNS[j]);
    if (at >= 0) return at;
  }
  return -1;
}

function rowProblem(fields: string[], header: string[], timeIndex: number): string | null {
  if (fields.length !== header.length) return 'expected ' + header.length + ' columns, found ' + fields.length;
  for (var i = 0; i < fields.length; i++) {
    var v = fields[i].trim();
    if (v === '' || !isFinite(Number(v))) return 'column "' + header[i] + '" is not a number ("' + fields[i] + '")';
  }
  return null;
}

function medianStep(rows: RawRow[]): number {
  var steps: number[] = [];
  for (var i = 1; i < rows.length; i++) steps.push(rows[i].time - rows[i - 1].time);
  steps.sort(function (a, b) { return a - b; });
  return steps[steps.length >> 1];
}

/** Gaps fail, or with repair are filled by linear interpolation at the nominal period. */
function fillGaps(rows: RawRow[], period: number, maxStep: number, repair: boolean, source: string, warnings: string[]): RawRow[] {
  var out: RawRow[] = [rows[0]];
  for (var i = 1; i < rows.length; i++) {
    var a = rows[i - 1], b = rows[i];
    var step = b.time - a.time;
    if (step > maxStep) {
      var missing = Math.round(step / period) - 1;
      if (!repair) {
        throw inputError(source, b.line, 'gap of ' + fmt(step) + ' ms before this row (about ' + missing + ' missing samples at ' + fmt(period) + ' ms; use repair / --repair to interpolate)');
      }
      warnings.push(source + ':' + b.line + ': filled a gap of ' + fmt(step) + ' ms with ' + missing + ' interpolated samples');
      for (var m = 1; m <= missing; m++) {
        var f = m / (missing + 1);
        out.push({ line: b.line, time: a.time + f * step, values: a.values.map(function (v, c) { return v + f * (b.values[c] - v); }) });
      }
    }
    out.push(b);
  }
  return out;
}

function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
