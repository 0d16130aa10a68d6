// Continuous recordings as CSV: the seed's `acc_x,...,gyro_z,ms`, Edge Impulse's
// `timestamp,accX,accY,accZ`, or time-less `x,y,z` when the rate is given.
import type { Recording } from '../recording';
import { inputError } from '../input-error';
import { splitCsvLine, isDecimal } from './csv-text';
import { forEachFileLine, forEachTextLine } from './line-reader';
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

/** Growing typed arrays of the rows read so far (doubling, so a million rows cost ~20 copies). */
interface Rows { n: number; k: number; lines: Int32Array; times: Float64Array; values: Float64Array }

function createRows(k: number): Rows {
  return { n: 0, k: k, lines: new Int32Array(1024), times: new Float64Array(1024), values: new Float64Array(1024 * k) };
}

function grow<T extends Int32Array | Float64Array>(a: T, size: number): T {
  var b = new (a.constructor as any)(size);
  b.set(a);
  return b;
}

function pushRow(r: Rows, line: number, time: number, fields: string[], valueIndex: number[], scale: number) {
  if (r.n === r.times.length) {
    r.lines = grow(r.lines, r.n * 2);
    r.times = grow(r.times, r.n * 2);
    r.values = grow(r.values, r.n * 2 * r.k);
  }
  r.lines[r.n] = line;
  r.times[r.n] = time;
  for (var c = 0; c < r.k; c++) r.values[r.n * r.k + c] = Number(fields[valueIndex[c]]) * scale;
  r.n++;
}

/** Reads a recording CSV line by line (1 MB at a time): memory grows with the samples, not the text. */
export function readRecordingCsv(file: string, options?: RecordingCsvOptions): Recording {
  var reader = createRecordingCsvReader(file, options);
  try {
    forEachFileLine(file, reader.line);
  } catch (e: any) {
    if (e && e.code === 'BAD_INPUT') throw e;
    throw inputError(file, null, 'cannot read: ' + e.message);
  }
  return reader.end();
}

export function parseRecordingCsv(text: string, source: string, options?: RecordingCsvOptions): Recording {
  var reader = createRecordingCsvReader(source, options);
  forEachTextLine(text, reader.line);
  return reader.end();
}

/** The CSV recording rules, fed one line at a time: header first, then samples. */
function createRecordingCsvReader(source: string, options?: RecordingCsvOptions) {
  var opts = options || {};
  var repair = !!opts.repair;
  var warnings: string[] = [];
  var scale = opts.scale === undefined ? 1 : opts.scale;
  var period = opts.rateHz ? 1000 / opts.rateHz : 0;
  var header: string[] | null = null, timeIndex = -1, channels: string[] = [], valueIndex: number[] = [];
  var good: Rows = createRows(1);

  function readHeader(fields: string[]) {
    header = fields.map(function (h) { return h.trim(); });
    timeIndex = findTimeColumn(header, opts.timeColumn, source);
    if (timeIndex < 0 && !opts.rateHz) {
      throw inputError(source, 1, 'no time column (looked for ' + TIME_COLUMNS.join(', ') + '); give the sample rate (rateHz / --rate) for a file without one');
    }
    header.forEach(function (h, i) {
      if (i === timeIndex) return;
      var name = canonicalChannel(h);
      if (channels.indexOf(name) >= 0) throw inputError(source, 1, 'channel "' + name + '" appears twice in the header');
      channels.push(name);
      valueIndex.push(i);
    });
    if (channels.length === 0) throw inputError(source, 1, 'no channel columns in header "' + header.join(',') + '"');
    good = createRows(channels.length);
  }

  function line(text: string, lineNo: number) {
    if (text.trim() === '') return;
    var fields = splitCsvLine(text);
    if (!header) return readHeader(fields);
    var problem = rowProblem(fields, header, timeIndex);
    var last = good.n ? good.times[good.n - 1] : 0;
    var time = timeIndex < 0 ? (good.n ? last + period : 0) : Number(fields[timeIndex]);
    if (!problem && good.n) {
      if (time === last) problem = 'time ' + fmt(time) + ' repeats the previous row\'s';
      else if (time < last) problem = 'time goes backwards (' + fmt(time) + ' after ' + fmt(last) + ')';
    }
    if (problem) {
      if (!repair) throw inputError(source, lineNo, problem + ' (use repair / --repair to drop such rows)');
      warnings.push(source + ':' + lineNo + ': dropped: ' + problem);
      return;
    }
    pushRow(good, lineNo, time, fields, valueIndex, scale);
  }

  function end(): Recording {
    if (!header) throw inputError(source, null, 'empty file (expected a header line)');
    if (good.n < 2) throw inputError(source, null, 'fewer than 2 valid samples (' + good.n + ')');
    var step = medianStep(good);
    if (timeIndex >= 0) period = step;
    var rateHz = opts.rateHz || Math.round(100000 / period) / 100;
    if (opts.rateHz && Math.abs(step - 1000 / opts.rateHz) > 0.02 * (1000 / opts.rateHz)) {
      throw inputError(source, null, 'time column says ' + fmt(1000 / step) + ' Hz but ' + opts.rateHz + ' Hz was given');
    }
    var maxStep = (opts.maxGapPeriods || 1.5) * (1000 / rateHz);
    // Times stay as written: labels (Label Studio, labels CSV) refer to the file's own time values.
    var filled = fillGaps(good, 1000 / rateHz, maxStep, repair, source, warnings);
    return { source: source, channels: channels, rateHz: rateHz, timesMs: filled.times, values: filled.values, warnings: warnings };
  }

  return { line: line, end: end };
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
    if (!isDecimal(v)) return 'column "' + header[i] + '" is not a decimal number ("' + fields[i] + '")';
  }
  return null;
}

function medianStep(rows: Rows): number {
  var steps = new Float64Array(rows.n - 1);
  for (var i = 1; i < rows.n; i++) steps[i - 1] = rows.times[i] - rows.times[i - 1];
  steps.sort();
  return steps[steps.length >> 1];
}

/** Gaps fail, or with repair are filled by linear interpolation at the nominal period. Returns the final arrays. */
function fillGaps(rows: Rows, period: number, maxStep: number, repair: boolean, source: string, warnings: string[]): { times: Float64Array; values: Float32Array } {
  var k = rows.k, t = rows.times, v = rows.values, total = rows.n, i, c;
  for (i = 1; i < rows.n; i++) {
    var step = t[i] - t[i - 1];
    if (step <= maxStep) continue;
    var missing = Math.round(step / period) - 1;
    if (!repair) {
      throw inputError(source, rows.lines[i], 'gap of ' + fmt(step) + ' ms before this row (about ' + missing + ' missing samples at ' + fmt(period) + ' ms; use repair / --repair to interpolate)');
    }
    warnings.push(source + ':' + rows.lines[i] + ': filled a gap of ' + fmt(step) + ' ms with ' + missing + ' interpolated samples');
    total += missing;
  }
  var times = new Float64Array(total), values = new Float32Array(total * k), o = 0;
  for (i = 0; i < rows.n; i++) {
    if (i > 0 && t[i] - t[i - 1] > maxStep) {
      var gap = t[i] - t[i - 1], fill = Math.round(gap / period) - 1;
      for (var m = 1; m <= fill; m++, o++) {
        var f = m / (fill + 1);
        times[o] = t[i - 1] + f * gap;
        for (c = 0; c < k; c++) values[o * k + c] = v[(i - 1) * k + c] + f * (v[i * k + c] - v[(i - 1) * k + c]);
      }
    }
    times[o] = t[i];
    for (c = 0; c < k; c++) values[o * k + c] = v[i * k + c];
    o++;
  }
  return { times: times, values: values };
}

function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
