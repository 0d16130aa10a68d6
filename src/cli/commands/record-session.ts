// The state of one `record` run, free of I/O so it can be tested line by line: sample lines
// in (from the recorder example), key presses in, a recording CSV and labelled spans out.
import { ALL_CHANNELS } from '../../core/types';

export interface LabelSpan {
  startMs: number;
  endMs: number;
  label: string;
}

export interface RecordSessionOptions {
  /** Key -> label name, e.g. { '1': 'x', '2': 'y' }. */
  keys: { [key: string]: string };
}

export type LineKind = 'header' | 'sample' | 'comment' | 'skipped';

/** Keys with a fixed meaning; label keys must not use them. */
export var STOP_KEYS = [' ', '\r', '\n', '0'];
export var UNDO_KEY = 'u';
export var QUIT_KEYS = ['q', '\u0003', '\u0004'];

// Espruino's console adds a prompt and terminal escapes around printed lines.
var ESCAPES = /\u001b\[[0-9;]*[A-Za-z]/g;
var PROMPT = /^[>\s]+/;
var NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export class RecordSession {
  /** Column names as the device sent them, ms included. */
  columns: string[] | null = null;
  /** Recording lines (header excluded), ms rebased so the first sample is 0. */
  rows: string[] = [];
  spans: LabelSpan[] = [];
  open: { label: string; startMs: number } | null = null;
  /** Lines that were neither header, sample nor comment (garbled, partial). */
  skipped = 0;
  /** ms (rebased) of the latest sample: key presses are stamped with it. */
  lastMs = -1;
  private msAt = -1;
  private offset: number | null = null;
  private lastRawMs = -1;
  private period = 10;

  constructor(private options: RecordSessionOptions) {
    for (var key of Object.keys(options.keys)) {
      if (key.length !== 1 || STOP_KEYS.indexOf(key) >= 0 || QUIT_KEYS.indexOf(key) >= 0 || key === UNDO_KEY) {
        throw new Error('key "' + key + '" cannot be a label key (space, Enter and 0 stop, u undoes, q quits)');
      }
      var label = options.keys[key];
      if (!label || /[,"\r\n]/.test(label)) throw new Error('label "' + label + '" must be non-empty without commas, quotes or newlines');
    }
  }

  /** Takes one line from the device. */
  feedLine(raw: string): LineKind {
    var line = raw.replace(ESCAPES, '').replace(PROMPT, '').trim();
    if (!line) return 'skipped';
    if (line.charAt(0) === '#') return 'comment';
    var fields = line.split(',').map((f) => f.trim());
    if (fields.indexOf('ms') >= 0 && fields.every((f) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(f))) {
      if (this.columns && this.columns.join(',') !== fields.join(',')) {
        throw new Error('the device changed its columns from ' + this.columns.join(',') + ' to ' + fields.join(',') + ' mid-recording');
      }
      this.columns = fields;
      this.msAt = fields.indexOf('ms');
      return 'header';
    }
    if (!fields.every((f) => NUMBER.test(f))) {
      this.skipped++;
      return 'skipped';
    }
    if (!this.columns && fields.length === ALL_CHANNELS.length + 1) {
      this.columns = ALL_CHANNELS.concat(['ms']); // attached mid-stream before a header repeat
      this.msAt = ALL_CHANNELS.length;
    }
    if (!this.columns || fields.length !== this.columns.length) {
      this.skipped++;
      return 'skipped';
    }
    var rawMs = Number(fields[this.msAt]);
    if (this.offset === null) this.offset = -rawMs;
    else if (rawMs <= this.lastRawMs) {
      // The device restarted its clock (reboot): continue one period after the last row.
      this.offset = this.lastMs + this.period - rawMs;
    } else {
      this.period = rawMs - this.lastRawMs;
    }
    this.lastRawMs = rawMs;
    this.lastMs = rawMs + this.offset;
    fields[this.msAt] = String(this.lastMs);
    this.rows.push(fields.join(','));
    return 'sample';
  }

  /** Handles one key; returns what happened, for the terminal, or null for unknown keys. */
  key(k: string): string | null {
    if (QUIT_KEYS.indexOf(k) >= 0) return 'quit';
    if (k === UNDO_KEY) {
      if (this.open) { var o = this.open; this.open = null; return 'dropped open ' + o.label + ' from ' + o.startMs + ' ms'; }
      var last = this.spans.pop();
      return last ? 'removed ' + last.label + ' ' + last.startMs + '-' + last.endMs + ' ms' : 'nothing to undo';
    }
    if (STOP_KEYS.indexOf(k) >= 0) return this.close() || 'no gesture open';
    var label = this.options.keys[k];
    if (label === undefined) return null;
    if (this.lastMs < 0) return 'no samples yet: ' + label + ' not started';
    if (this.open && this.open.label === label) return this.close();
    var closed = this.close();
    this.open = { label, startMs: this.lastMs };
    return (closed ? closed + '; ' : '') + 'start ' + label + ' at ' + this.lastMs + ' ms';
  }

  /** Ends the open span at the latest sample; empty spans are dropped. */
  close(): string | null {
    if (!this.open) return null;
    var o = this.open;
    this.open = null;
    if (this.lastMs <= o.startMs) return 'dropped empty ' + o.label + ' at ' + o.startMs + ' ms';
    this.spans.push({ label: o.label, startMs: o.startMs, endMs: this.lastMs });
    return 'end ' + o.label + ' ' + o.startMs + '-' + this.lastMs + ' ms';
  }

  /** The recording file's text. */
  recordingCsv(): string {
    if (!this.columns) throw new Error('no header or sample line received: is the recorder running on the board?');
    return this.columns.join(',') + '\n' + this.rows.join('\n') + (this.rows.length ? '\n' : '');
  }

  /** Rows `file,start_ms,end_ms,label` for this recording. */
  labelRows(file: string): string[] {
    return this.spans.map((s) => [file, s.startMs, s.endMs, s.label].join(','));
  }
}

/** Parses `1=x,2=y,3=circle`. */
export function parseKeyMap(text: string): { [key: string]: string } {
  var out: { [key: string]: string } = {};
  for (var part of text.split(',')) {
    var m = /^\s*(.)=(.+?)\s*$/.exec(part);
    if (!m) throw new Error('--keys: "' + part + '" is not KEY=LABEL (e.g. 1=x,2=y,3=circle)');
    if (out[m[1]] !== undefined) throw new Error('--keys: key "' + m[1] + '" given twice');
    out[m[1]] = m[2];
  }
  return out;
}
