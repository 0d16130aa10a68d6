// Model file decoder (device code). Builds typed-array VIEWS over the file's bytes, never
// copies, so a model read from Storage or E.toArrayBuffer(atob(...)) costs a few variables.
import type { Classifier, FeatureSpec, StatName, InputUnits } from '../core/types';
import { ALL_CHANNELS } from '../core/types';
import { deviceError, ErrorCodes, inputError } from '../core/errors';
import { validateSpec, STAT_NAMES, specFeatureCount, STATS_BIT } from '../core/spec';
import { BuildFeatures } from '../core/build-features';
import { MODEL_MAGIC, MODEL_VERSION, MODEL_HEADER_BYTES, ARRAY_TYPES, ARRAY_ELEMENT_BYTES, crc32 } from './model-format';

declare var require: any;
declare var atob: any;

/** One array of a model file: a view into the file, its type code and row width. */
export interface ModelArray {
  type: number;
  width: number;
  data: any;
}

/** Turns a kind's arrays into a Classifier; throws MODEL_INCONSISTENT when they do not fit. */
export interface ModelKind {
  name: string;
  build(arrays: ModelArray[], labels: string[], nFeatures: number): Classifier;
}

/** Model kinds a loader understands, by kind code. */
export type ModelKindTable = { [code: number]: ModelKind };

export interface LoadedModel {
  spec: FeatureSpec;
  classifier: Classifier;
  /** Size of the model file in bytes. */
  bytes: number;
  /** Kind name: 'forest', 'nearest-centroid', 'gaussian-nb', 'softmax'. */
  kind: string;
}

/** What loadModel accepts: bytes, a binary or base64 string, or a Storage file name. */
export type ModelInput = ArrayBuffer | Uint8Array | string;

export function inconsistent(message: string): Error {
  return deviceError(ErrorCodes.MODEL_INCONSISTENT, 'model inconsistent: ' + message);
}

/** Tag of the v2 extension record holding the input units (model-extensions.ts writes it). */
export var EXT_UNITS = 1;

/**
 * The units record's payload at q: u8 accel code, u8 gyro code (then f32 counts per g: host
 * metadata, model-extensions.ts); a code it does not know is 'unknown'. The names sit in the
 * function's code, not in arrays: no RAM on a board until a model is read (and one function, not two).
 */
export function readUnits(b: ArrayLike<number>, q: number): InputUnits {
  var accel: any = 'unknown,m/s2,g,counts'.split(',')[b[q]], gyro: any = 'unknown,deg/s,rad/s,counts'.split(',')[b[q + 1]];
  return { accel: accel || 'unknown', gyro: gyro || 'unknown' };
}

/**
 * Decodes a model file with the given kinds and validates it: MODEL_CORRUPT (magic,
 * checksum), MODEL_TRUNCATED, MODEL_VERSION (unknown version or kind not in this build),
 * MODEL_INCONSISTENT (spec or arrays that do not fit together), BAD_INPUT (not a model).
 */
export function decodeModel(input: ModelInput, kinds: ModelKindTable): LoadedModel {
  // Its helpers and constants live inside it: on Espruino a module-level function costs about
  // 6 variables for as long as the module is loaded, a nested one only while the model loads.
  /** Espruino refuses a typed-array view, or a DataView read, at a byteOffset of 65,536 or more ("byteOffset too large"). */
  var MAX_VIEW_OFFSET = 65536;

  // MODEL_CORRUPT and MODEL_TRUNCATED are made where they are thrown: a helper function each costs
  // about 7 variables on Espruino for as long as the module is loaded.

  function stringToBytes(s: string): Uint8Array {
    // E.toArrayBuffer maps the string's own memory: no copy on Espruino.
    if (typeof E !== 'undefined' && E.toArrayBuffer) return new Uint8Array(E.toArrayBuffer(s));
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  /** The input as a Uint8Array starting 4-byte aligned (copied only when it is not). */
  function toBytes(input: any): Uint8Array {
    if (typeof input === 'string') {
      var head = input.substr(0, 4);
      if (head === MODEL_MAGIC) return stringToBytes(input);
      if (head === 'RUdN') return stringToBytes(atob(input)); // base64 of "EGM"
      var storage = null, buf;
      try { storage = require('Storage'); } catch (e) { /* not on an Espruino: no Storage */ }
      if (storage && input.length <= 28) buf = storage.readArrayBuffer(input);
      if (!buf) throw inputError('not a model: "' + input.substr(0, 28) + '" is neither model data, base64 nor a Storage file');
      return new Uint8Array(buf);
    }
    if (input && typeof input.byteOffset === 'number') {
      if (input.byteOffset % 4) return new Uint8Array(input);
      return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    }
    if (input && typeof input.byteLength === 'number') return new Uint8Array(input);
    throw inputError('not a model: expected ArrayBuffer, Uint8Array, binary/base64 string or Storage file name');
  }

  /** Fixed part of the spec: 4 f64, u16 points, u8 downsample, u8 features, u8 nStats. */
  var SPEC_FIXED_BYTES = 37;
  var SPEC_NUMBERS = ['sourceRateHz', 'rateHz', 'windowMs', 'hopMs'];

  /**
   * Reads the spec in bytes [p, end). Only the fixed part is checked before reading: a name
   * list that runs past `end` reads stray bytes (never throws) and fails the final p === end.
   */
  function readSpec(b: Uint8Array, dv: DataView, p: number, end: number, version: number): FeatureSpec {
    function str(): string {
      var n = b[p++], s = '';
      for (var i = 0; i < n; i++) s += String.fromCharCode(b[p++]);
      return s;
    }
    function list(): string[] {
      var n = b[p++], out: string[] = [];
      for (var i = 0; i < n; i++) out.push(str());
      return out;
    }
    if (p + SPEC_FIXED_BYTES > end) throw inconsistent('feature spec too short');
    var spec: any = {}, i;
    for (i = 0; i < 4; i++) {
      var v = dv.getFloat64(p + 8 * i, true);
      if (v - v !== 0) throw inconsistent('feature spec ' + SPEC_NUMBERS[i] + ' is ' + v); // NaN or infinite
      spec[SPEC_NUMBERS[i]] = v === (v | 0) ? v | 0 : v; // an integer is 1 Espruino variable less than a float
    }
    spec.points = dv.getUint16(p + 32, true);
    spec.downsample = b[p + 34] ? 'mean' : 'pick';
    var code = b[p + 35];
    spec.features = featuresOf(code);
    p += 36;
    var nStats = b[p++];
    if (code & STATS_BIT) {
      var stats: StatName[] = [];
      for (i = 0; i < nStats; i++) stats.push(STAT_NAMES[b[p++]]);
      spec.stats = stats;
    }
    // The known channel names as the module's own strings (shared, not a copy each: ~2 variables a name).
    var channels = list();
    for (i = 0; i < channels.length; i++) channels[i] = ALL_CHANNELS[ALL_CHANNELS.indexOf(channels[i])] || channels[i];
    spec.channels = channels;
    spec.labels = list();
    spec.idleLabel = (b[p++] << 24) >> 24;
    if (version > 2) {
      if (p + 9 > end) throw inconsistent('feature spec too short for its version 3 fields');
      if (b[p]) spec.spectralBands = b[p];
      var gate = dv.getFloat64(p + 1, true);
      if (gate) spec.motionGate = gate; // a NaN fails validateSpec
      p += 9;
    }
    if (version > 1 && p < end) { // v2 extension records: the units go into the spec, the rest is host metadata (model-extensions.ts)
      // A record running past end reads stray bytes at worst (the file's checksum held): the host's reader says so.
      for (; p + 9 <= end; p += 3 + (b[p + 1] | (b[p + 2] << 8))) if (b[p] === EXT_UNITS) spec.units = readUnits(b, p + 3);
      p = end;
    }
    if (p !== end) throw inconsistent('feature spec ends at byte ' + p + ', header says ' + end);
    return spec;
  }

  /** The features byte as a spec's `features` ('raw' for 0, as v1 files have it). */
  function featuresOf(code: number): string {
    if (!code || code & ~15) return code ? 'unknown features code ' + code : 'raw';
    return ((code & 8 ? '+raw' : '') + (code & 1 ? '+stats' : '') + (code & 2 ? '+spectral' : '') + (code & 4 ? '+cross' : '')).substr(1);
  }

  /** The spec's own rules (the pipeline's, one copy in a bundle), then the feature count the model reads. */
  function checkSpec(spec: FeatureSpec, nFeatures: number) {
    try {
      validateSpec(spec); // an unknown statistic code decodes to undefined, which it refuses
    } catch (e) {
      throw inconsistent((e as Error).message);
    }
    var implied = specFeatureCount(spec);
    if (implied !== nFeatures) {
      throw inconsistent('feature spec implies ' + implied + ' features (' + spec.channels.length + ' channels x ' +
        (spec.features === 'raw' ? spec.points + ' points' : spec.features === 'stats' ? (spec.stats || []).length + ' stats' : spec.features) + ') but the model reads ' + nFeatures);
    }
  }

  var b = toBytes(input), n = b.length, i;
  for (i = 0; i < 4; i++) {
    if (i < n && b[i] !== MODEL_MAGIC.charCodeAt(i)) throw deviceError(ErrorCodes.MODEL_CORRUPT, 'model corrupt: bad magic, not an espruino-gestures model file');
  }
  if (n < MODEL_HEADER_BYTES) throw deviceError(ErrorCodes.MODEL_TRUNCATED, 'model truncated: ' + n + ' bytes, shorter than the header');
  if (!(b[4] >= 1 && b[4] <= MODEL_VERSION)) throw deviceError(ErrorCodes.MODEL_VERSION, 'model file version ' + b[4] + ' is not supported (this runtime reads versions 1 to ' + MODEL_VERSION + ')', { version: b[4] });
  var dv = new DataView(b.buffer, b.byteOffset, n);
  var total = dv.getUint32(8, true);
  if (total > n) throw deviceError(ErrorCodes.MODEL_TRUNCATED, 'model truncated: header says ' + total + ' bytes, got ' + n, { expected: total, actual: n });
  if (total < MODEL_HEADER_BYTES + 12 || total % 4) throw deviceError(ErrorCodes.MODEL_CORRUPT, 'model corrupt: impossible length ' + total);
  if (b.byteOffset + total > MAX_VIEW_OFFSET && typeof E !== 'undefined') {
    // Its checksum and its last arrays would be read through views past byte 65,535.
    throw deviceError(ErrorCodes.MODEL_VERSION, 'model too large for Espruino: ' + total + ' bytes, and a typed-array view or DataView read cannot start at byte ' +
      MAX_VIEW_OFFSET + ' or later ("byteOffset too large"); keep model files at most 64 KB', { bytes: total });
  }
  var sum = BuildFeatures.crcFallback ? crc32(b, total - 4) : (E as any).CRC32(b.subarray(0, total - 4)) >>> 0;
  if (sum !== dv.getUint32(total - 4, true)) throw deviceError(ErrorCodes.MODEL_CORRUPT, 'model corrupt: checksum mismatch');
  var kind = kinds[b[5]];
  if (!kind) {
    var have: string[] = [];
    for (var k in kinds) have.push(kinds[k].name);
    throw deviceError(ErrorCodes.MODEL_VERSION, 'model kind ' + b[5] + ' is not supported by this build (it has: ' + have.join(', ') +
      '); a board bundle or an app\'s own module reads only some kinds: build the app again for this model (docs/boards.md)', { kind: b[5] });
  }
  var nFeatures = dv.getUint16(6, true);
  var specEnd = 14 + dv.getUint16(12, true);
  var p = (specEnd + 3) & ~3, arraysEnd = total - 4;
  if (p + 4 > arraysEnd) throw inconsistent('feature spec runs past the end');
  var spec = readSpec(b, dv, 14, specEnd, b[4]);
  checkSpec(spec, nFeatures);
  var count = dv.getUint32(p, true), arrays: ModelArray[] = [];
  p += 4;
  for (i = 0; i < count; i++) {
    if (p + 8 > arraysEnd) throw inconsistent('array ' + i + ' header runs past the end');
    var type = b[p], Ctor = ARRAY_TYPES[type], len = dv.getUint32(p + 4, true);
    if (!Ctor) throw inconsistent('array ' + i + ' has unknown element type ' + type);
    var size = len * ARRAY_ELEMENT_BYTES[type];
    if (p + 8 + size > arraysEnd) throw inconsistent('array ' + i + ' runs past the end');
    arrays.push({ type: type, width: dv.getUint16(p + 2, true), data: new Ctor(b.buffer, b.byteOffset + p + 8, len) });
    p += 8 + ((size + 3) & ~3);
  }
  if (p !== arraysEnd) throw inconsistent((arraysEnd - p) + ' bytes after the last array');
  return { spec: spec, classifier: kind.build(arrays, spec.labels, nFeatures), bytes: total, kind: kind.name };
}
