// Model file encoder. Plain JS (no Node APIs) so tools and browsers can use it; not in
// board bundles. Layout: model-format.ts. Every file it writes is decoded once as a check.
import type { Classifier, FeatureSpec } from '../core/types';
import { inputError } from '../core/errors';
import { labelProblem } from '../core/names';
import { MODEL_MAGIC, ModelKinds, crc32 } from './model-format';
import { STAT_NAMES, specFeatureCount, featureMask, RAW_BIT, STATS_BIT, FEATURE_BLOCKS } from '../core/spec';
import { loadModel } from './load-model';
import { extensionBytes, ModelMeta } from './model-extensions';

export interface EncodedModel {
  /** The model file. */
  bytes: Uint8Array;
  /** Its size in bytes (what Storage holds and what the device reads). */
  byteLength: number;
  kind: string;
}

type TypedArray = Uint8Array | Int16Array | Uint16Array | Int32Array | Float32Array;
interface Entry { data: TypedArray; width: number }

function bad(message: string): Error {
  return inputError('cannot encode model: ' + message);
}

/** Narrowest of Int16/Int32 that holds every index. */
function indexArray(a: ArrayLike<number>): Int16Array | Int32Array {
  for (var i = 0; i < a.length; i++) if (a[i] < -32768 || a[i] > 32767) return new Int32Array(a as any);
  return new Int16Array(a as any);
}

function typeCode(a: TypedArray): number {
  if (a instanceof Float32Array) return 5;
  if (a instanceof Int32Array) return 4;
  if (a instanceof Uint16Array) return 3;
  if (a instanceof Int16Array) return 2;
  if (a instanceof Uint8Array) return 1;
  throw bad('unsupported array type');
}

/** What a known classifier stores: its kind code and arrays (a user's own object is refused). */
function modelArrays(m: any, nFeatures: number, nClasses: number): { kind: number; arrays: Entry[] } {
  var f32 = function (a: ArrayLike<number>, width: number): Entry { return { data: new Float32Array(a as any), width: width }; };
  if (m.roots && m.leaves) {
    return { kind: ModelKinds.forest, arrays: [
      // Feature indices as given in one byte (the trainers' choice up to 256 features; every runtime reads u8), else u16.
      { data: m.feature instanceof Uint8Array ? m.feature : new Uint16Array(m.feature), width: 1 }, f32(m.threshold, 1), { data: indexArray(m.left), width: 1 },
      { data: indexArray(m.right), width: 1 }, { data: indexArray(m.roots), width: 1 }, f32(m.leaves, nClasses)] };
  }
  if (m.centroids) return { kind: ModelKinds.nearestCentroid, arrays: [f32(m.centroids, nFeatures), f32(m.weights, nFeatures)] };
  if (m.invVars) return { kind: ModelKinds.gaussianNB, arrays: [f32(m.means, nFeatures), f32(m.invVars, nFeatures), f32(m.bias, nClasses)] };
  if (m.weights && m.bias) return { kind: ModelKinds.softmax, arrays: [f32(m.weights, nFeatures), f32(m.bias, nClasses)] };
  throw bad('not a forest, nearest-centroid, gaussian-nb or softmax model');
}

function specBytes(spec: FeatureSpec): number[] {
  var out: number[] = [];
  var dv = new DataView(new ArrayBuffer(34));
  [spec.sourceRateHz, spec.rateHz, spec.windowMs, spec.hopMs].forEach(function (v, i) {
    if (typeof v !== 'number' || !(v >= 0) || v === Infinity) throw bad('spec rates and times must be finite numbers >= 0');
    dv.setFloat64(i * 8, v, true);
  });
  if (!(spec.points >= 1 && spec.points <= 65535 && spec.points % 1 === 0)) throw bad('spec.points must be an integer 1..65535');
  dv.setUint16(32, spec.points, true);
  for (var i = 0; i < 34; i++) out.push(dv.getUint8(i));
  if (spec.downsample !== 'pick' && spec.downsample !== 'mean') throw bad('spec.downsample must be "pick" or "mean"');
  var mask = featureMask(spec.features);
  if (mask <= 0) throw bad('spec.features must be one of ' + FEATURE_BLOCKS.join(', ') + " or several joined by '+' in that order");
  out.push(spec.downsample === 'mean' ? 1 : 0, mask === RAW_BIT ? 0 : mask);
  var stats = mask & STATS_BIT ? spec.stats || [] : [];
  out.push(stats.length);
  stats.forEach(function (s) {
    if (STAT_NAMES.indexOf(s) < 0) throw bad('unknown statistic "' + s + '"');
    out.push(STAT_NAMES.indexOf(s));
  });
  (spec.labels || []).forEach(function (l, li) {
    var why = labelProblem(l);
    if (why) throw bad('label ' + li + ' ' + why + ' (the receiver would refuse its events), got ' + JSON.stringify(l));
  });
  [spec.channels, spec.labels].forEach(function (list) {
    if (!list || list.length > 255) throw bad('spec needs at most 255 channels and labels');
    out.push(list.length);
    list.forEach(function (s) {
      if (s.length > 255) throw bad('name "' + s.slice(0, 20) + '..." is longer than 255 characters');
      out.push(s.length);
      for (var j = 0; j < s.length; j++) {
        if (s.charCodeAt(j) > 255) throw bad('name "' + s + '" has a character outside Latin-1');
        out.push(s.charCodeAt(j));
      }
    });
  });
  if (!(spec.idleLabel >= -1 && spec.idleLabel < spec.labels.length)) throw bad('spec.idleLabel must be -1 or a label index');
  out.push(spec.idleLabel & 255);
  if (isVersion3(spec)) {
    var tail = new DataView(new ArrayBuffer(8));
    tail.setFloat64(0, spec.motionGate || 0, true);
    out.push(spec.spectralBands || 0);
    for (i = 0; i < 8; i++) out.push(tail.getUint8(i));
  }
  return out;
}

/** Files of specs a version 1 or 2 runtime reads stay in those versions; new blocks or a gate need 3. */
function isVersion3(spec: FeatureSpec): boolean {
  var mask = featureMask(spec.features);
  return (mask !== RAW_BIT && mask !== STATS_BIT) || (spec.motionGate || 0) > 0;
}

/**
 * Encodes a trained model (the runtime objects the trainers return) and its FeatureSpec
 * into a model file, then decodes it once so a file that would not load is never written.
 * With spec.units or meta the file is version 2 (extension records after the spec), else 1;
 * with feature blocks beyond 'raw' or 'stats' alone, or a motion gate, it is version 3.
 */
export function encodeModel(spec: FeatureSpec, model: Classifier, meta?: ModelMeta): EncodedModel {
  var nFeatures = specFeatureCount(spec);
  if (!(nFeatures >= 1 && nFeatures <= 65535)) throw bad('the spec implies ' + nFeatures + ' features (1..65535 allowed)');
  if (model.labels.join('\n') !== spec.labels.join('\n')) throw bad('model labels [' + model.labels + '] differ from spec labels [' + spec.labels + ']');
  var sb = specBytes(spec), m = modelArrays(model, nFeatures, spec.labels.length);
  var ext = extensionBytes(spec, meta);
  sb = sb.concat(ext);
  if (sb.length > 65535) throw bad('spec too long');
  var size = (14 + sb.length + 3) & ~3;
  size += 4;
  m.arrays.forEach(function (e) { size += 8 + ((e.data.byteLength + 3) & ~3); });
  size += 4;
  var bytes = new Uint8Array(size), dv = new DataView(bytes.buffer), p = 0, i;
  for (i = 0; i < 4; i++) bytes[i] = MODEL_MAGIC.charCodeAt(i);
  bytes[4] = isVersion3(spec) ? 3 : ext.length ? 2 : 1;
  bytes[5] = m.kind;
  dv.setUint16(6, nFeatures, true);
  dv.setUint32(8, size, true);
  dv.setUint16(12, sb.length, true);
  bytes.set(sb, 14);
  p = (14 + sb.length + 3) & ~3;
  dv.setUint32(p, m.arrays.length, true);
  p += 4;
  m.arrays.forEach(function (e) {
    bytes[p] = typeCode(e.data);
    dv.setUint16(p + 2, e.width, true);
    dv.setUint32(p + 4, e.data.length, true);
    bytes.set(new Uint8Array(e.data.buffer, e.data.byteOffset, e.data.byteLength), p + 8);
    p += 8 + ((e.data.byteLength + 3) & ~3);
  });
  dv.setUint32(p, crc32(bytes, p), true);
  var loaded = loadModel(bytes);
  return { bytes: bytes, byteLength: size, kind: loaded.kind };
}

/** Base64 of a model file, for JSON or `E.toArrayBuffer(atob("..."))` in device code. */
export function modelToBase64(bytes: Uint8Array): string {
  var s = '';
  for (var i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, [].slice.call(bytes.subarray(i, i + 0x8000)) as any);
  return btoa(s);
}
