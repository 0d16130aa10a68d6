// Plain labels CSV: `file,start_ms,end_ms,label`, one event a line. Relative file paths
// are resolved against the labels file's folder.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { inputError } from '../input-error';
import { parseCsv } from '../readers/csv-text';
import type { LabeledEvent } from './events';

var COLUMNS = ['file', 'start_ms', 'end_ms', 'label'];

export function readLabelsCsv(file: string): LabeledEvent[] {
  var text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e: any) {
    throw inputError(file, null, 'cannot read: ' + e.message);
  }
  return parseLabelsCsv(text, file, path.dirname(file));
}

export function parseLabelsCsv(text: string, source: string, baseDir?: string): LabeledEvent[] {
  var rows = parseCsv(text).filter(function (r) { return r.fields[0].trim().charAt(0) !== '#'; });
  if (rows.length === 0) throw inputError(source, null, 'empty labels file (expected header ' + COLUMNS.join(',') + ')');
  var header = rows[0].fields.map(function (h) { return h.trim(); });
  var at = COLUMNS.map(function (c) { return header.indexOf(c); });
  var missing = COLUMNS.filter(function (c, i) { return at[i] < 0; });
  if (missing.length) throw inputError(source, rows[0].line, 'missing column(s) ' + missing.join(', ') + ' (expected header ' + COLUMNS.join(',') + ')');
  var events: LabeledEvent[] = [];
  for (var r = 1; r < rows.length; r++) {
    var f = rows[r].fields;
    var line = rows[r].line;
    if (f.length !== header.length) throw inputError(source, line, 'expected ' + header.length + ' columns, found ' + f.length);
    var file = f[at[0]].trim();
    var start = Number(f[at[1]]);
    var end = Number(f[at[2]]);
    var label = f[at[3]].trim();
    if (!file) throw inputError(source, line, 'empty file name');
    if (f[at[1]].trim() === '' || !isFinite(start) || start < 0) throw inputError(source, line, 'start_ms "' + f[at[1]] + '" is not a time >= 0');
    if (f[at[2]].trim() === '' || !isFinite(end)) throw inputError(source, line, 'end_ms "' + f[at[2]] + '" is not a number');
    if (end <= start) throw inputError(source, line, 'end_ms ' + end + ' is not after start_ms ' + start);
    if (!label) throw inputError(source, line, 'empty label');
    events.push({ file: baseDir && !path.isAbsolute(file) ? path.resolve(baseDir, file) : file, startMs: start, endMs: end, label: label });
  }
  return events;
}

/** Writes events as a labels CSV (paths relative to `baseDir` when given). */
export function formatLabelsCsv(events: LabeledEvent[], baseDir?: string): string {
  var lines = [COLUMNS.join(',')];
  events.forEach(function (e) {
    var file = baseDir ? path.relative(baseDir, e.file) : e.file;
    lines.push([file, e.startMs, e.endMs, e.label].join(','));
  });
  return lines.join('\n') + '\n';
}
