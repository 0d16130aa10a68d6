// Loads recordings (files or folders of .csv / .npy) and their labels: a labels file (plain
// CSV or a Label Studio export), or the label in each file name (emlearn: `..._wave.npy`).
import { readdirSync, readFileSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import * as path from 'node:path';
import type { Recording } from '../recording';
import { readRecordingCsv } from '../readers/csv-recording';
import { readNpyRecording } from '../readers/npy-recording';
import type { LabeledEvent } from '../labels/events';
import { readLabelsCsv } from '../labels/labels-csv';
import { readLabelStudio } from '../labels/label-studio';
import { inputError } from '../input-error';
import { STANDARD_GRAVITY } from '../../core/types';

export interface RecordingSetOptions {
  /** Sample rate for files without a time column (.npy, time-less CSV). */
  rateHz?: number;
  /** Raw counts per g (e.g. 16384 for int16 at +-2 g): values become m/s^2. */
  countsPerG?: number;
  /** Labels file: `file,start_ms,end_ms,label` CSV, or a Label Studio JSON / CSV export. */
  labelsFile?: string;
  /** Label Studio times are in seconds: multiply by this (default 1). */
  labelTimeScale?: number;
  /** Drop bad CSV rows and fill gaps instead of failing. */
  repair?: boolean;
  /** Label Studio CSV: the column holding the file (default: guessed from the first row). */
  fileKey?: string;
  /** Label Studio CSV: the column holding the spans (default: guessed). */
  labelKey?: string;
}

export interface RecordingSet {
  recordings: Recording[];
  events: LabeledEvent[];
  warnings: string[];
}

var EXTENSIONS = /\.(csv|npy)$/i;

/** The first non-empty, non-comment line of a file (reads at most 4 KB). */
function firstLine(file: string): string {
  var buf = Buffer.alloc(4096), fd = openSync(file, 'r');
  try {
    var n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  var lines = buf.toString('utf8', 0, n).split(/\r?\n/);
  for (var i = 0; i < lines.length; i++) if (lines[i].trim() !== '' && lines[i].trim().charAt(0) !== '#') return lines[i];
  return '';
}

/**
 * A labels file rather than a recording: the plain labels header (file,start_ms,...) or a
 * Label Studio CSV export (an annotation id and spans, no channel columns).
 */
export function looksLikeLabelsFile(file: string): boolean {
  if (!/\.csv$/i.test(file)) return false;
  var head = firstLine(file).toLowerCase();
  if (/^\s*"?file"?\s*,\s*"?start_ms/.test(head)) return true;
  var cols = head.split(',').map(function (c) { return c.trim().replace(/^"|"$/g, ''); });
  return cols.indexOf('annotation_id') >= 0 || (cols.indexOf('id') >= 0 && cols.indexOf('annotator') >= 0);
}

/**
 * The recordings among files and folders. A labels file found among them (the --labels file,
 * or one whose header says it holds labels) is skipped with a note: `record` writes
 * data/labels.csv beside the recordings, and `train data/` must work on that layout.
 */
export function listRecordingFiles(inputs: string[], labelsFile?: string, notes?: string[], found?: string[]): string[] {
  var files: string[] = [];
  var labelsPath = labelsFile ? path.resolve(labelsFile) : null;
  function add(f: string): void {
    if (labelsPath && path.resolve(f) === labelsPath) { if (notes) notes.push(f + ': skipped as a recording (it is the --labels file)'); return; }
    if (looksLikeLabelsFile(f)) {
      if (found) found.push(f);
      else if (notes) notes.push(f + ': skipped as a recording (its header is a labels file\'s)');
      return;
    }
    files.push(f);
  }
  inputs.forEach(function (input) {
    var st;
    try {
      st = statSync(input);
    } catch (e: any) {
      throw inputError(input, null, 'no such file or folder');
    }
    if (st.isDirectory()) {
      readdirSync(input).filter(function (f) { return EXTENSIONS.test(f); }).sort().forEach(function (f) { add(path.join(input, f)); });
    } else add(input);
  });
  if (files.length === 0) throw inputError(inputs.join(', '), null, 'no .csv or .npy recordings found');
  return files;
}

/** The fields of a CSV's first line are all numbers: it has no header naming the channels. */
function headerless(file: string): boolean {
  var fields = firstLine(file).split(',').map(function (f) { return f.trim(); });
  return fields.length > 0 && fields.every(function (f) { return f !== '' && isFinite(Number(f)); });
}

export function readRecording(file: string, options?: RecordingSetOptions): Recording {
  var o = options || {};
  var st;
  try {
    st = statSync(file);
  } catch (e: any) {
    throw inputError(file, null, 'no such file');
  }
  if (st.isDirectory()) throw inputError(file, null, 'is a folder; give one recording file (.csv or .npy)');
  var scale = o.countsPerG ? STANDARD_GRAVITY / o.countsPerG : undefined;
  if (/\.npy$/i.test(file)) {
    if (!o.rateHz) throw inputError(file, null, '.npy files carry no time: give the sample rate (--rate)');
    return readNpyRecording(file, { rateHz: o.rateHz, scale: scale, repair: o.repair });
  }
  if (headerless(file)) {
    throw inputError(file, 1, 'no header: the first line is numbers; add a header naming the columns, e.g. acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z' + (o.rateHz ? ' (with --rate no time column is needed)' : ',ms'));
  }
  return readRecordingCsv(file, { rateHz: o.rateHz, scale: scale, repair: o.repair });
}

/**
 * The label in a file name: the last `_word` before the extension ("2025-06-15T192744_snake.npy"
 * -> "snake"). Numeric class names count too ("clip07_1.csv" -> "1"), as whole-series archives
 * name their classes.
 */
export function labelFromFileName(file: string): string | null {
  var m = /_([A-Za-z][A-Za-z0-9-]*|\d+)(\.[a-z]+)+$/i.exec(path.basename(file));
  return m ? m[1] : null;
}

export function loadRecordingSet(inputs: string[], options?: RecordingSetOptions): RecordingSet {
  var o = options || {};
  var warnings: string[] = [], found: string[] = [];
  var files = listRecordingFiles(inputs, o.labelsFile, warnings, found);
  if (found.length) {
    // `record` writes labels.csv beside the recordings: `train data/` uses it when it is the only one.
    if (!o.labelsFile && found.length === 1) {
      o = Object.assign({}, o, { labelsFile: found[0] });
      warnings.push(found[0] + ': used as the labels file (found among the recordings; --labels FILE to choose another)');
    } else {
      found.forEach(function (f) { warnings.push(f + ': skipped as a recording (its header is a labels file\'s' + (o.labelsFile ? '' : '; several found: choose one with --labels') + ')'); });
    }
  }
  var recordings: Recording[] = [];
  files.forEach(function (f) {
    var rec = readRecording(f, o);
    warnings.push.apply(warnings, rec.warnings);
    if (rec.timesMs.length === 0) { warnings.push(f + ': skipped (no samples)'); return; }
    recordings.push(rec);
  });
  var events: LabeledEvent[];
  if (o.labelsFile) {
    events = readLabelsFile(o.labelsFile, o.labelTimeScale, { fileKey: o.fileKey, labelKey: o.labelKey });
  } else {
    events = recordings.map(function (r) {
      var label = labelFromFileName(r.source);
      if (!label) {
        throw inputError(r.source, null, 'no label in the file name (expected ..._<label>.csv/.npy); give a labels file (--labels)' +
          (found.length > 1 ? ': ' + found.join(' and ') + ' look like labels files' : ''));
      }
      return { file: r.source, startMs: 0, endMs: Infinity, label: label };
    });
    var numbers = labelsOf(events).filter(function (l) { return /^\d+$/.test(l); });
    if (numbers.length) {
      warnings.push('class names from the file names are numbers (' + numbers.slice(0, 5).join(', ') + (numbers.length > 5 ? ', ...' : '') +
        '): each is a class; if they number takes instead ("walk_2.csv"), give a labels file (--labels)');
    }
  }
  return { recordings: recordings, events: events, warnings: warnings };
}

/** A plain labels CSV (header file,start_ms,... after optional # comments) or a Label Studio export. */
export function readLabelsFile(file: string, labelTimeScale?: number, keys?: { fileKey?: string; labelKey?: string }): LabeledEvent[] {
  var text: string;
  try {
    if (statSync(file).isDirectory()) throw inputError(file, null, 'is a folder; --labels needs the labels file (e.g. ' + path.join(file, 'labels.csv') + ')');
    text = readFileSync(file, 'utf8');
  } catch (e: any) {
    if (e.exitCode) throw e;
    throw inputError(file, null, e.code === 'ENOENT' ? 'no such labels file' : 'cannot read: ' + e.message);
  }
  var firstLine = text.split(/\r?\n/).filter(function (l) { return l.trim() !== '' && l.trim().charAt(0) !== '#'; })[0] || '';
  if (/^\s*file\s*,\s*start_ms/.test(firstLine)) return readLabelsCsv(file);
  var cols = firstLine.toLowerCase().split(',').map(function (c) { return c.trim().replace(/^"|"$/g, ''); });
  if (cols.indexOf('start') >= 0 && cols.indexOf('end') >= 0 && cols.indexOf('label') >= 0 && !/[\[{]/.test(text.slice(0, 4096))) {
    // A plain labels table with other column names, not a Label Studio export (whose spans are JSON).
    throw inputError(file, 1, 'columns ' + cols.join(',') + ': a labels CSV needs the header file,start_ms,end_ms,label (times in ms from the recording\'s start; seconds x 1000)');
  }
  return readLabelStudio(file, { timeScale: labelTimeScale, fileKey: keys && keys.fileKey, labelKey: keys && keys.labelKey });
}

/** Label names sorted, with "idle" first when present. */
export function labelsOf(events: LabeledEvent[]): string[] {
  var out: string[] = [];
  events.forEach(function (e) { if (out.indexOf(e.label) < 0) out.push(e.label); });
  // Numeric class names in numeric order ("2" before "10"), others alphabetically.
  var numeric = out.every(function (l) { return /^\d+$/.test(l); });
  if (numeric) out.sort(function (a, b) { return Number(a) - Number(b); });
  else out.sort();
  var i = out.indexOf('idle');
  if (i > 0) { out.splice(i, 1); out.unshift('idle'); }
  return out;
}
