// NumPy .npy recordings (emlearn's har_record: int16 counts, shape (n, 3), 100 Hz).
// Their recorder writes the header first, so a recording stopped early leaves a file whose
// header promises more rows than it holds; one file is even empty. We keep what is there.
import { readFileSync } from 'node:fs';
import type { Recording } from '../recording';
import { inputError } from '../input-error';

export interface NpyRecordingOptions {
  /** Sample rate in Hz (the file has no time): emlearn's recorder ran at 100 Hz. */
  rateHz: number;
  /** Channel names for the columns (default acc_x, acc_y, acc_z, gyro_x, ... by count). */
  channels?: string[];
  /** Multiply every value by this, e.g. 9.80665 / 16384 turns +-2 g int16 counts into m/s^2. */
  scale?: number;
  /** Replace NaN and infinite values by linear interpolation along their channel instead of failing. */
  repair?: boolean;
}

var DTYPES: { [descr: string]: { size: number; read: (v: DataView, at: number, le: boolean) => number } } = {
  i1: { size: 1, read: function (v, at) { return v.getInt8(at); } },
  u1: { size: 1, read: function (v, at) { return v.getUint8(at); } },
  i2: { size: 2, read: function (v, at, le) { return v.getInt16(at, le); } },
  u2: { size: 2, read: function (v, at, le) { return v.getUint16(at, le); } },
  i4: { size: 4, read: function (v, at, le) { return v.getInt32(at, le); } },
  u4: { size: 4, read: function (v, at, le) { return v.getUint32(at, le); } },
  f4: { size: 4, read: function (v, at, le) { return v.getFloat32(at, le); } },
  f8: { size: 8, read: function (v, at, le) { return v.getFloat64(at, le); } },
};

var DEFAULT_CHANNELS = ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'];

export function readNpyRecording(file: string, options: NpyRecordingOptions): Recording {
  var bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e: any) {
    throw inputError(file, null, 'cannot read: ' + e.message);
  }
  return parseNpyRecording(bytes, file, options);
}

export function parseNpyRecording(bytes: Uint8Array, source: string, options: NpyRecordingOptions): Recording {
  if (!(options && options.rateHz > 0)) throw inputError(source, null, '.npy files carry no time: give the sample rate (rateHz / --rate)');
  var warnings: string[] = [];
  if (bytes.length === 0) {
    warnings.push(source + ': empty file (0 bytes), no samples');
    return emptyRecording(source, options.channels || DEFAULT_CHANNELS.slice(0, 3), options.rateHz, warnings);
  }
  var header = parseHeader(bytes, source);
  var dtype = DTYPES[header.descr.slice(1)];
  if (!dtype) throw inputError(source, null, 'unsupported dtype "' + header.descr + '" (supported: int8/16/32, uint8/16/32, float32/64)');
  if (header.fortranOrder) throw inputError(source, null, 'Fortran-ordered arrays are not supported');
  if (header.shape.length < 1 || header.shape.length > 2) throw inputError(source, null, 'expected a 2-D array (samples x channels), shape is (' + header.shape.join(',') + ')');
  var cols = header.shape.length === 2 ? header.shape[1] : 1;
  if (cols < 1) throw inputError(source, null, 'shape (' + header.shape.join(',') + ') has no channels');
  var declaredRows = header.shape[0];
  var channels = options.channels || DEFAULT_CHANNELS.slice(0, cols);
  if (channels.length !== cols) throw inputError(source, null, 'file has ' + cols + ' columns but ' + channels.length + ' channel names were given');
  var rowBytes = cols * dtype.size;
  var available = Math.floor((bytes.length - header.dataOffset) / rowBytes);
  var rows = Math.min(available, declaredRows);
  if (available < declaredRows) {
    warnings.push(source + ': truncated: header declares ' + declaredRows + ' rows, file holds ' + available + (((bytes.length - header.dataOffset) % rowBytes) ? ' (and a partial row, dropped)' : ''));
  }
  var view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  var le = header.descr[0] !== '>';
  var scale = options.scale === undefined ? 1 : options.scale;
  var values = new Float32Array(rows * cols);
  for (var i = 0; i < rows * cols; i++) values[i] = dtype.read(view, header.dataOffset + i * dtype.size, le) * scale;
  var bad = countNonFinite(values, cols);
  if (bad.count) {
    var what = bad.count + ' NaN or infinite value' + (bad.count > 1 ? 's' : '') + ' (first at row ' + bad.firstRow + ', column ' + bad.firstCol + ')';
    if (!options.repair) throw inputError(source, null, what + '; use repair / --repair to interpolate them');
    interpolateNonFinite(values, cols);
    warnings.push(source + ': interpolated ' + what);
  }
  var timesMs = new Float64Array(rows);
  for (var r = 0; r < rows; r++) timesMs[r] = (r * 1000) / options.rateHz;
  return { source: source, channels: channels.slice(), rateHz: options.rateHz, timesMs: timesMs, values: values, warnings: warnings };
}

function countNonFinite(values: Float32Array, cols: number): { count: number; firstRow: number; firstCol: number } {
  var count = 0, first = -1;
  for (var i = 0; i < values.length; i++) {
    if (isFinite(values[i])) continue;
    if (first < 0) first = i;
    count++;
  }
  return { count: count, firstRow: Math.floor(first / cols), firstCol: first % cols };
}

/** Each run of non-finite values in a channel becomes a line between its finite neighbours (held at the ends; 0 if none). */
function interpolateNonFinite(values: Float32Array, cols: number) {
  var rows = values.length / cols;
  for (var c = 0; c < cols; c++) {
    var prev = -1;
    for (var r = 0; r <= rows; r++) {
      if (r < rows && !isFinite(values[r * cols + c])) continue;
      if (r - prev > 1) {
        var a = prev >= 0 ? values[prev * cols + c] : (r < rows ? values[r * cols + c] : 0);
        var b = r < rows ? values[r * cols + c] : a;
        for (var m = prev + 1; m < r; m++) values[m * cols + c] = a + ((m - prev) / (r - prev)) * (b - a);
      }
      prev = r;
    }
  }
}

interface NpyHeader { descr: string; fortranOrder: boolean; shape: number[]; dataOffset: number }

function parseHeader(bytes: Uint8Array, source: string): NpyHeader {
  var magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  for (var i = 0; i < magic.length; i++) {
    if (bytes[i] !== magic[i]) throw inputError(source, null, 'not a .npy file (missing the \\x93NUMPY magic)');
  }
  var major = bytes[6];
  var lenBytes = major === 1 ? 2 : 4;
  if (major < 1 || major > 3) throw inputError(source, null, 'unknown .npy format version ' + major);
  if (bytes.length < 8 + lenBytes) throw inputError(source, null, 'truncated .npy header');
  var view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  var headerLen = lenBytes === 2 ? view.getUint16(8, true) : view.getUint32(8, true);
  var start = 8 + lenBytes;
  if (bytes.length < start + headerLen) throw inputError(source, null, 'truncated .npy header');
  var text = new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLen));
  var descr = /'descr'\s*:\s*'([^']+)'/.exec(text);
  var fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  var shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) throw inputError(source, null, 'malformed .npy header: ' + text.trim());
  var dims = shape[1].split(',').map(function (s) { return s.trim(); }).filter(function (s) { return s !== ''; }).map(Number);
  if (dims.some(function (d) { return !(d >= 0) || Math.floor(d) !== d; })) throw inputError(source, null, 'malformed shape in .npy header: (' + shape[1] + ')');
  return { descr: descr[1].replace('|', '<'), fortranOrder: fortran[1] === 'True', shape: dims, dataOffset: start + headerLen };
}

function emptyRecording(source: string, channels: string[], rateHz: number, warnings: string[]): Recording {
  return { source: source, channels: channels.slice(), rateHz: rateHz, timesMs: new Float64Array(0), values: new Float32Array(0), warnings: warnings };
}
