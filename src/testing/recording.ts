// Reads recordings in the seed's CSV format: a header naming channels (acc_x ... gyro_z,
// any subset or order) and an `ms` column, then one row per sample.
import { readFileSync } from 'node:fs';
import { deviceError, ErrorCodes } from '../core/errors';

export interface Recording {
  /** Channel names in column order (the `ms` column excluded). */
  channels: string[];
  /** Sample times in ms, as in the file. */
  timesMs: Float64Array;
  /** Row-major values: sample i, channel j at i * channels.length + j. */
  values: Float64Array;
  /** Number of samples. */
  length: number;
  /** Nominal rate from the median interval between rows. */
  rateHz: number;
}

function bad(where: string, message: string): Error {
  return deviceError(ErrorCodes.BAD_INPUT, where + ': ' + message);
}

/** Parses CSV text; `name` labels error messages. Throws BAD_INPUT with the line at fault. */
export function parseRecordingCsv(text: string, name = 'recording'): Recording {
  var lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length < 2) throw bad(name, 'needs a header line and at least one row');
  var header = lines[0].split(',').map((h) => h.trim());
  var msAt = header.indexOf('ms');
  if (msAt < 0) throw bad(name + ' line 1', 'no "ms" column in header "' + lines[0] + '"');
  var channels = header.filter((h, i) => i !== msAt);
  for (var c = 0; c < channels.length; c++) {
    if (!channels[c]) throw bad(name + ' line 1', 'empty column name');
    if (channels.indexOf(channels[c]) !== c) throw bad(name + ' line 1', 'column "' + channels[c] + '" repeated');
  }
  var n = lines.length - 1;
  var timesMs = new Float64Array(n);
  var values = new Float64Array(n * channels.length);
  for (var i = 0; i < n; i++) {
    var cells = lines[i + 1].split(',');
    var where = name + ' line ' + (i + 2);
    if (cells.length !== header.length) throw bad(where, 'has ' + cells.length + ' fields, header has ' + header.length);
    var k = 0;
    for (var j = 0; j < cells.length; j++) {
      var cell = cells[j].trim();
      var v = Number(cell);
      if (cell === '' || !isFinite(v)) throw bad(where, 'field "' + header[j] + '" is not a number: "' + cells[j] + '"');
      if (j === msAt) timesMs[i] = v;
      else values[i * channels.length + k++] = v;
    }
    if (i > 0 && timesMs[i] <= timesMs[i - 1]) throw bad(where, 'ms ' + timesMs[i] + ' does not increase');
  }
  return { channels, timesMs, values, length: n, rateHz: rateFromTimes(timesMs) };
}

/** Reads and parses a CSV file. */
export function readRecordingFile(path: string): Recording {
  return parseRecordingCsv(readFileSync(path, 'utf8'), path.split(/[\\/]/).pop());
}

/** Value of `channel` at sample `i`. */
export function recordingValue(rec: Recording, i: number, channel: string): number {
  var j = rec.channels.indexOf(channel);
  if (j < 0) throw deviceError(ErrorCodes.CHANNEL_MISMATCH, 'recording has no channel "' + channel + '"');
  return rec.values[i * rec.channels.length + j];
}

function rateFromTimes(times: Float64Array): number {
  if (times.length < 2) return 0;
  var steps: number[] = [];
  for (var i = 1; i < times.length; i++) steps.push(times[i] - times[i - 1]);
  steps.sort((a, b) => a - b);
  return 1000 / steps[steps.length >> 1];
}
