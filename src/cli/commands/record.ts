// `espruino-gestures record`: reads the recorder example's CSV lines from a serial device or
// standard input, marks gestures from the keyboard, writes the recording CSV and appends
// `file,start_ms,end_ms,label` rows to a labels CSV.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import tty from 'node:tty';
import type { CliCommand, CliIO } from '../command';
import { EXIT_OK, EXIT_FAILURE } from '../command';
import { parse, usageError, int } from '../args';
import { RecordSession, parseKeyMap, LabelSpan } from './record-session';
import { isSerialPortName, openSerialPort, closeSerialPort, SerialPortLike } from '../../host/serial-port';

export interface RecordOptions {
  /** Recording CSV to write. */
  outFile: string;
  /** Labels CSV to append to (created with a header if missing). */
  labelsFile: string;
  keys: { [key: string]: string };
  /** Stop after this many seconds of samples. */
  maxSeconds?: number;
  /** Overwrite an existing recording. */
  force?: boolean;
}

export interface RecordStreams {
  /** Text lines from the board. */
  input: NodeJS.ReadableStream;
  /** Key presses, one character each (a raw-mode terminal); null records without labels. */
  keys: NodeJS.ReadableStream | null;
  out(line: string): void;
  err(line: string): void;
}

export interface RecordResult {
  samples: number;
  spans: LabelSpan[];
  skipped: number;
}

var LABELS_HEADER = 'file,start_ms,end_ms,label';

/** The command's work, on any streams (tests drive it with the sandbox's console output). */
export function runRecording(o: RecordOptions, s: RecordStreams, onSession?: (session: RecordSession) => void): Promise<RecordResult> {
  if (!o.force && fs.existsSync(o.outFile)) {
    return Promise.reject(usageError(o.outFile + ' exists: choose another --out or add --force'));
  }
  var session = new RecordSession({ keys: o.keys });
  if (onSession) onSession(session);
  return new Promise<RecordResult>(function (resolve, reject) {
    var finished = false;
    var lines = readline.createInterface({ input: s.input, crlfDelay: Infinity });
    function finish(): void {
      if (finished) return;
      finished = true;
      lines.close();
      s.input.removeListener('close', onInputClose);
      s.input.removeListener('error', onInputError);
      if (s.keys) s.keys.removeListener('data', onKeys);
      try {
        var closed = session.close();
        if (closed) s.err(closed);
        resolve(save(o, session, s));
      } catch (e) {
        reject(e);
      }
    }
    function onKeys(chunk: Buffer | string): void {
      for (var ch of String(chunk)) {
        var said = session.key(ch);
        if (said === 'quit') return finish();
        if (said) s.err(said);
      }
    }
    lines.on('line', function (line) {
      if (finished) return;
      var kind: string;
      try {
        kind = session.feedLine(line);
      } catch (e) {
        finished = true;
        lines.close();
        return reject(e);
      }
      if (kind === 'comment') s.err('board: ' + line.trim());
      if (o.maxSeconds !== undefined && session.lastMs >= o.maxSeconds * 1000) finish();
    });
    // A serial port that goes away (board unplugged, reset over USB) closes without an end:
    // save what arrived.
    function onInputClose(): void {
      finish();
    }
    function onInputError(e: Error): void {
      if (!finished) s.err('warning: reading the input failed (' + e.message + '); saving what arrived');
      finish();
    }
    lines.on('close', finish);
    s.input.on('close', onInputClose);
    s.input.on('error', onInputError);
    if (s.keys) s.keys.on('data', onKeys);
  });
}

function save(o: RecordOptions, session: RecordSession, s: RecordStreams): RecordResult {
  fs.mkdirSync(path.dirname(path.resolve(o.outFile)), { recursive: true });
  fs.writeFileSync(o.outFile, session.recordingCsv());
  var rel = path.relative(path.dirname(path.resolve(o.labelsFile)), path.resolve(o.outFile)).split(path.sep).join('/');
  var rows = session.labelRows(rel);
  if (rows.length) {
    var exists = fs.existsSync(o.labelsFile) && fs.statSync(o.labelsFile).size > 0;
    var prefix = exists ? (fs.readFileSync(o.labelsFile, 'utf8').endsWith('\n') ? '' : '\n') : LABELS_HEADER + '\n';
    fs.appendFileSync(o.labelsFile, prefix + rows.join('\n') + '\n');
  }
  s.out('Wrote ' + session.rows.length + ' samples to ' + o.outFile + (rows.length ? ' and ' + rows.length + ' labelled gestures to ' + o.labelsFile : ' (no gestures marked)') +
    (session.skipped ? '; skipped ' + session.skipped + ' garbled lines' : ''));
  return { samples: session.rows.length, spans: session.spans, skipped: session.skipped };
}

/** The keyboard: stdin when it is a terminal not used for data, else /dev/tty if there is one. */
function openKeyboard(io: CliIO, stdinIsData: boolean): NodeJS.ReadableStream | null {
  var stream: any = null;
  if (io.keyboard) return io.keyboard;
  if (!stdinIsData && io.stdin && (io.stdin as any).isTTY) stream = io.stdin;
  else {
    try {
      stream = new tty.ReadStream(fs.openSync('/dev/tty', 'r'));
    } catch (e) {
      return null;
    }
  }
  if (stream.setRawMode) stream.setRawMode(true);
  return stream;
}

export var recordCommand: CliCommand = {
  name: 'record',
  summary: 'Record IMU samples from a board and mark gestures from the keyboard',
  help: [
    'Usage: espruino-gestures record --out FILE.csv [--input DEVICE|-] [--keys 1=x,2=y,3=circle]',
    '                                [--labels FILE] [--baud N] [--seconds N] [--force] [--no-keys]',
    '',
    'Reads CSV lines (acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms) printed by the recorder example',
    '(examples/recorder) from a serial port such as /dev/ttyUSB0 or COM3 (through the optional',
    'serialport package: npm install serialport), a file, or standard input (-, the default:',
    'pipe a BLE UART into it). The recording starts at ms 0.',
    '',
    'Keys while recording: a label key starts that gesture (pressing it again ends it), space,',
    'Enter or 0 end the open gesture, u undoes the last one, q (or Ctrl-C) stops and saves.',
    'Gestures are stamped with the time of the latest sample received.',
    '',
    '  --out FILE      recording CSV to write (refuses to overwrite without --force)',
    '  --input PATH    serial port (/dev/ttyUSB0, /dev/cu.usbserial-*, COM3), a file, or -',
    '                  for standard input (default -)',
    '  --keys MAP      label keys, default 1=x,2=y,3=circle',
    '  --labels FILE   labels CSV (file,start_ms,end_ms,label) to append to;',
    '                  default labels.csv next to --out',
    '  --baud N        serial port speed (default 115200, the recorder example\'s)',
    '  --seconds N     stop after N seconds of samples',
    '  --force         overwrite --out',
    '  --no-keys       do not read the keyboard (scripted runs: no labels)',
  ].join('\n'),
  async run(args, io) {
    var p = parse(args, {
      out: { type: 'string' }, input: { type: 'string' }, keys: { type: 'string' }, labels: { type: 'string' },
      baud: { type: 'string' }, seconds: { type: 'string' }, force: { type: 'boolean' }, 'no-keys': { type: 'boolean' },
    });
    var v = p.values;
    if (!v.out) throw usageError('record needs --out FILE.csv');
    var keys: { [k: string]: string };
    try {
      keys = parseKeyMap(v.keys || '1=x,2=y,3=circle');
    } catch (e: any) {
      throw usageError(e.message);
    }
    var input = v.input || '-';
    var baud = int(v, 'baud', 115200, 1)!;
    var seconds = int(v, 'seconds', undefined, 1);
    if (!v.force && fs.existsSync(v.out)) throw usageError(v.out + ' exists: choose another --out or add --force');
    var stream: NodeJS.ReadableStream;
    var port: SerialPortLike | null = null;
    if (input === '-') stream = io.stdin;
    else if (isSerialPortName(input)) {
      port = await openSerialPort(input, baud);
      io.err('Reading serial port ' + input + ' at ' + baud + ' baud.');
      stream = port;
    } else {
      if (!fs.existsSync(input)) throw usageError('no such serial port or file: ' + input);
      stream = fs.createReadStream(input);
    }
    var keyboard = v['no-keys'] ? null : openKeyboard(io, input === '-');
    if (!keyboard) io.err('No keyboard (no terminal): recording without labels; stop with the end of input or --seconds.');
    else io.err('Recording. Keys: ' + Object.keys(keys).map((k) => k + '=' + keys[k]).join(' ') + ', space ends, u undoes, q saves and quits.');
    try {
      var result = await runRecording({
        outFile: v.out, labelsFile: v.labels || path.join(path.dirname(v.out), 'labels.csv'), keys, maxSeconds: seconds, force: !!v.force,
      }, { input: stream, keys: keyboard, out: io.out, err: io.err });
      // Closed before we closed it: the board went away (however the library reported it).
      if (port && !port.isOpen) io.err('the serial port closed (board unplugged or reset?); saved what arrived');
    } finally {
      if (keyboard) {
        var k: any = keyboard;
        if (k.setRawMode) k.setRawMode(false);
        if (k === io.keyboard) { /* the caller's stream */ }
        else if (k !== io.stdin && k.destroy) k.destroy();
        else if (k.pause) k.pause();
      }
      if (port) await closeSerialPort(port);
      else if (input !== '-' && (stream as any).destroy) (stream as any).destroy();
    }
    return result.samples > 0 ? EXIT_OK : EXIT_FAILURE;
  },
};
