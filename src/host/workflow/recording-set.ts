// Loads recordings (files or folders of .csv / .npy) and their labels: a labels file (plain
// CSV or a Label Studio export), or the label in each file name (emlearn: `..._wave.npy`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
}

export interface RecordingSet {
  recordings: Recording[];
  events: LabeledEvent[];
  warnings: string[];
}

var EXTENSIONS = /\.(csv|npy)$/i;

export function listRecordingFiles(inputs: string[]): string[] {
  var files: string[] = [];
  inputs.forEach(function (input) {
    var st;
    try {
      st = statSync(input);
    } catch (e: any) {
      throw inputError(input, null, 'no such file or folder');
    }
    if (st.isDirectory()) {
      readdirSync(input).filter(function (f) { return EXTENSIONS.test(f); }).sort().forEach(function (f) { files.push(path.join(input, f)); });
    } else files.push(input);
  });
  if (files.length === 0) throw inputError(inputs.join(', '), null, 'no .csv or .npy recordings found');
  return files;
}

export function readRecording(file: string, options?: RecordingSetOptions): Recording {
  var o = options || {};
  var scale = o.countsPerG ? STANDARD_GRAVITY / o.countsPerG : undefined;
  if (/\.npy$/i.test(file)) {
    if (!o.rateHz) throw inputError(file, null, '.npy files carry no time: give the sample rate (--rate)');
    return readNpyRecording(file, { rateHz: o.rateHz, scale: scale, repair: o.repair });
  }
  return readRecordingCsv(file, { rateHz: o.rateHz, scale: scale, repair: o.repair });
}

/** The label in a file name: the last `_word` before the extension ("2025-06-15T192744_snake.npy" -> "snake"). */
export function labelFromFileName(file: string): string | null {
  var m = /_([A-Za-z][A-Za-z0-9-]*)(\.[a-z]+)+$/.exec(path.basename(file));
  return m ? m[1] : null;
}

export function loadRecordingSet(inputs: string[], options?: RecordingSetOptions): RecordingSet {
  var o = options || {};
  var files = listRecordingFiles(inputs);
  var warnings: string[] = [];
  var recordings: Recording[] = [];
  files.forEach(function (f) {
    var rec = readRecording(f, o);
    warnings.push.apply(warnings, rec.warnings);
    if (rec.timesMs.length === 0) { warnings.push(f + ': skipped (no samples)'); return; }
    recordings.push(rec);
  });
  var events: LabeledEvent[];
  if (o.labelsFile) {
    events = readLabelsFile(o.labelsFile, o.labelTimeScale);
  } else {
    events = recordings.map(function (r) {
      var label = labelFromFileName(r.source);
      if (!label) throw inputError(r.source, null, 'no label in the file name (expected ..._<label>.csv/.npy); give a labels file (--labels)');
      return { file: r.source, startMs: 0, endMs: Infinity, label: label };
    });
  }
  return { recordings: recordings, events: events, warnings: warnings };
}

/** A plain labels CSV (header file,start_ms,... after optional # comments) or a Label Studio export. */
export function readLabelsFile(file: string, labelTimeScale?: number): LabeledEvent[] {
  var text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e: any) {
    throw inputError(file, null, 'cannot read: ' + e.message);
  }
  var firstLine = text.split(/\r?\n/).filter(function (l) { return l.trim() !== '' && l.trim().charAt(0) !== '#'; })[0] || '';
  return /^\s*file\s*,\s*start_ms/.test(firstLine) ? readLabelsCsv(file) : readLabelStudio(file, { timeScale: labelTimeScale });
}

/** Label names in order of first appearance, with "idle" first when present. */
export function labelsOf(events: LabeledEvent[]): string[] {
  var out: string[] = [];
  events.forEach(function (e) { if (out.indexOf(e.label) < 0) out.push(e.label); });
  out.sort();
  var i = out.indexOf('idle');
  if (i > 0) { out.splice(i, 1); out.unshift('idle'); }
  return out;
}
