// Model file v2 extension records (host code; not in board bundles). They follow the v1
// spec's idle-label byte inside the spec section: u8 tag, u16 length, payload. The device
// decoder reads the input units into spec.units (model-decode.ts) and skips the rest; the
// host writes them and reads the training fingerprint here. Unknown tags are skipped, so
// later tags do not break either reader.
import type { FeatureSpec, InputUnits, AccelUnit, GyroUnit } from '../core/types';
import { inputError } from '../core/errors';
import { EXT_UNITS, readUnits, inconsistent } from './model-decode';

export var EXT_TRAINING = 2;

/** Unit names, index = code (the device decoder's list). */
export var ACCEL_UNITS: AccelUnit[] = [0, 1, 2, 3].map(function (c) { return readUnits([c, c], 0).accel; });
export var GYRO_UNITS: GyroUnit[] = [0, 1, 2, 3].map(function (c) { return readUnits([c, c], 0).gyro; });

/** Host-side metadata stored with a model: which recordings it was trained on. */
export interface ModelMeta {
  /** 16-hex-digit fingerprints (first 8 bytes of SHA-256) of the training recordings' files. */
  training?: string[];
}

export interface ModelExtensions {
  units: InputUnits | null;
  training: string[] | null;
}

function record(tag: number, payload: number[]): number[] {
  return [tag, payload.length & 255, payload.length >> 8].concat(payload);
}

/** The extension bytes for a spec and metadata (empty: the file stays version 1). */
export function extensionBytes(spec: FeatureSpec, meta?: ModelMeta): number[] {
  var out: number[] = [];
  var u = spec.units;
  if (u) {
    var a = ACCEL_UNITS.indexOf(u.accel), g = GYRO_UNITS.indexOf(u.gyro);
    if (a < 0 || g < 0) throw inputError('cannot encode model: unknown unit ' + (a < 0 ? u.accel : u.gyro));
    var dv = new DataView(new ArrayBuffer(4));
    dv.setFloat32(0, u.countsPerG || 0, true);
    out = out.concat(record(EXT_UNITS, [a, g, dv.getUint8(0), dv.getUint8(1), dv.getUint8(2), dv.getUint8(3)]));
  }
  var t = meta && meta.training;
  if (t && t.length) {
    if (t.length > 4000) throw inputError('cannot encode model: more than 4000 training recordings to fingerprint');
    var payload = [t.length & 255, t.length >> 8];
    t.forEach(function (h) {
      if (!/^[0-9a-f]{16}$/.test(h)) throw inputError('cannot encode model: fingerprint "' + h + '" is not 16 hex digits');
      for (var i = 0; i < 16; i += 2) payload.push(parseInt(h.substr(i, 2), 16));
    });
    out = out.concat(record(EXT_TRAINING, payload));
  }
  return out;
}

/** Where the v1 spec ends inside the spec section (the byte after the idle label). */
function v1SpecEnd(b: Uint8Array, start: number): number {
  var p = start + 36;
  p += 1 + b[p]; // stats
  for (var l = 0; l < 2; l++) {
    var n = b[p++];
    for (var i = 0; i < n; i++) p += 1 + b[p];
  }
  return p + 1 + (b[4] > 2 ? 9 : 0); // v3: spectral bands (u8), motion gate (f64)
}

/** The extension records of a model file (nothing for a version 1 file). */
export function readModelExtensions(bytes: Uint8Array): ModelExtensions {
  var out: ModelExtensions = { units: null, training: null };
  if (bytes[4] < 2) return out;
  var dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  var end = 14 + dv.getUint16(12, true);
  var p = v1SpecEnd(bytes, 14);
  while (p + 3 <= end) {
    var tag = bytes[p], len = bytes[p + 1] | (bytes[p + 2] << 8), q = p + 3;
    if (q + len > end) throw inconsistent('extension record ' + tag + ' runs past the feature spec');
    if (tag === EXT_UNITS && len >= 6) {
      out.units = readUnits(bytes, q);
      out.units.countsPerG = Math.round(dv.getFloat32(q + 2, true) * 1000) / 1000;
    } else if (tag === EXT_TRAINING && len >= 2) {
      var n = bytes[q] | (bytes[q + 1] << 8), list: string[] = [];
      for (var i = 0; i < n && q + 2 + i * 8 + 8 <= q + len; i++) {
        var h = '';
        for (var k = 0; k < 8; k++) h += (bytes[q + 2 + i * 8 + k] + 256).toString(16).slice(1);
        list.push(h);
      }
      out.training = list;
    }
    p = q + len;
  }
  return out;
}
