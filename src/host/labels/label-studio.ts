// Label Studio exports of time-series projects, JSON and CSV.
// JSON: [{ data: { <key>: "/data/upload/3/ab12cd34-rec.csv" }, annotations: [{ result: [
//   { type: "timeserieslabels", value: { start, end, instant, timeserieslabels: ["wave"] } } ] }] }]
// CSV: one row per task; the data key column holds the file, the labels column either a JSON
// list of spans (time-series labels) or a plain choice that labels the whole recording.
// start/end are in the units of the project's time column: ms unless `timeScale` says otherwise.
import { readFileSync } from 'node:fs';
import { inputError } from '../input-error';
import { parseCsv } from '../readers/csv-text';
import type { LabeledEvent } from './events';

export interface LabelStudioOptions {
  /** Multiply start/end by this to get ms (1000 when the time column was seconds). */
  timeScale?: number;
  /** Column / data key holding the file (default: the first that looks like a path or URL). */
  fileKey?: string;
  /** Column holding the labels in a CSV export (default: auto-detected). */
  labelKey?: string;
}

export function readLabelStudio(file: string, options?: LabelStudioOptions): LabeledEvent[] {
  var text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e: any) {
    throw inputError(file, null, 'cannot read: ' + e.message);
  }
  return /\.json$/i.test(file) || /^\s*[\[{]/.test(text) ? parseLabelStudioJson(text, file, options) : parseLabelStudioCsv(text, file, options);
}

export function parseLabelStudioJson(text: string, source: string, options?: LabelStudioOptions): LabeledEvent[] {
  var scale = (options && options.timeScale) || 1;
  var tasks: any;
  try {
    tasks = JSON.parse(text);
  } catch (e: any) {
    throw inputError(source, null, 'not valid JSON: ' + e.message);
  }
  if (!Array.isArray(tasks)) throw inputError(source, null, 'expected a JSON array of tasks (Label Studio "JSON" export)');
  var events: LabeledEvent[] = [];
  tasks.forEach(function (task: any, t: number) {
    var where = 'task ' + (task && task.id !== undefined ? task.id : '#' + t);
    if (!task || typeof task.data !== 'object' || task.data === null) throw inputError(source, null, where + ': no "data" object');
    var file = pickFile(task.data, options && options.fileKey);
    if (!file) throw inputError(source, null, where + ': no file path or URL in "data"');
    var annotations = task.annotations || task.completions || [];
    if (!Array.isArray(annotations)) throw inputError(source, null, where + ': "annotations" is not a list');
    annotations.forEach(function (ann: any, a: number) {
      var at = where + ', annotation ' + a;
      if (!isObject(ann)) throw inputError(source, null, at + ': expected an object, found ' + JSON.stringify(ann));
      if (ann.was_cancelled) return;
      var result = ann.result === undefined || ann.result === null ? [] : ann.result;
      if (!Array.isArray(result)) throw inputError(source, null, at + ': "result" is not a list');
      result.forEach(function (res: any, r: number) {
        if (!isObject(res)) throw inputError(source, null, at + ', result ' + r + ': expected an object, found ' + JSON.stringify(res));
        var ev = resultToEvent(isObject(res.value) ? res.value : {}, file as string, scale);
        if (typeof ev === 'string') throw inputError(source, null, at + ', result ' + r + ': ' + ev);
        if (ev) events.push(ev);
      });
    });
  });
  return events;
}

export function parseLabelStudioCsv(text: string, source: string, options?: LabelStudioOptions): LabeledEvent[] {
  var scale = (options && options.timeScale) || 1;
  var rows = parseCsv(text);
  if (rows.length === 0) throw inputError(source, null, 'empty file');
  var header = rows[0].fields;
  var fileCol = options && options.fileKey ? header.indexOf(options.fileKey) : -1;
  var labelCol = options && options.labelKey ? header.indexOf(options.labelKey) : -1;
  if (options && options.fileKey && fileCol < 0) throw inputError(source, 1, 'no column "' + options.fileKey + '"');
  if (options && options.labelKey && labelCol < 0) throw inputError(source, 1, 'no column "' + options.labelKey + '"');
  if (rows.length > 1) {
    var first = rows[1].fields;
    if (fileCol < 0) fileCol = first.findIndex(function (v, i) { return isPathLike(v) && !/_at$|^id$/.test(header[i]); });
    if (labelCol < 0) labelCol = guessLabelColumn(header, first, fileCol);
  }
  if (fileCol < 0) throw inputError(source, 1, 'cannot tell which column holds the file (give fileKey / --file-key)');
  if (labelCol < 0) throw inputError(source, 1, 'cannot tell which column holds the labels (give labelKey / --label-key)');
  var events: LabeledEvent[] = [];
  for (var r = 1; r < rows.length; r++) {
    var f = rows[r].fields;
    if (f.length !== header.length) throw inputError(source, rows[r].line, 'expected ' + header.length + ' columns, found ' + f.length);
    var file = f[fileCol];
    var cell = f[labelCol].trim();
    if (!cell) continue; // task not labelled
    if (cell.charAt(0) === '[' || cell.charAt(0) === '{') {
      var spans: any;
      try {
        spans = JSON.parse(cell);
      } catch (e: any) {
        throw inputError(source, rows[r].line, 'label column "' + header[labelCol] + '" is not valid JSON: ' + e.message);
      }
      (Array.isArray(spans) ? spans : [spans]).forEach(function (span: any) {
        if (!isObject(span)) throw inputError(source, rows[r].line, 'label column "' + header[labelCol] + '": expected span objects, found ' + JSON.stringify(span));
        var ev = resultToEvent(span, file, scale);
        if (typeof ev === 'string') throw inputError(source, rows[r].line, ev);
        if (ev) events.push(ev);
      });
    } else {
      events.push({ file: file, startMs: 0, endMs: Infinity, label: cell });
    }
  }
  return events;
}

function resultToEvent(value: any, file: string, scale: number): LabeledEvent | string | null {
  var labels = value.timeserieslabels || value.labels || value.choices;
  if (!labels) return null; // another control (text area, rating)
  if (!Array.isArray(labels) || labels.length !== 1) return 'expected exactly one label per span, found ' + JSON.stringify(labels);
  if (typeof labels[0] !== 'string' || labels[0].trim() === '') return 'a label must be a non-empty string, found ' + JSON.stringify(labels[0]);
  if (value.start === undefined && value.end === undefined) return { file: file, startMs: 0, endMs: Infinity, label: String(labels[0]) };
  var start = Number(value.start) * scale;
  var end = Number(value.end) * scale;
  if (!isFinite(start) || !isFinite(end)) return 'span start/end must be numbers (got ' + JSON.stringify(value.start) + ', ' + JSON.stringify(value.end) + '); datetime time columns are not supported';
  if (end < start) return 'span ends (' + end + ') before it starts (' + start + ')';
  if (end === start && !value.instant) return 'span of zero length at ' + start;
  return { file: file, startMs: start, endMs: end, label: String(labels[0]) };
}

function isObject(v: any): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pickFile(data: any, key?: string): string | null {
  if (key) return typeof data[key] === 'string' ? data[key] : null;
  for (var k in data) if (typeof data[k] === 'string' && isPathLike(data[k])) return data[k];
  return null;
}

function isPathLike(v: string): boolean {
  return /[\/\\]/.test(v) && /\.[a-z0-9]+$/i.test(v.trim());
}

function guessLabelColumn(header: string[], first: string[], fileCol: number): number {
  var skip = /^(annotation_id|annotator|created_at|updated_at|id|lead_time|inner_id|total_|cancelled|drafts|predictions)/;
  for (var i = 0; i < header.length; i++) {
    if (i === fileCol || skip.test(header[i])) continue;
    var v = (first[i] || '').trim(); // the first row may be short: its own line fails the column count below
    if (v && !/^-?[\d.]+$/.test(v)) return i;
  }
  return -1;
}
