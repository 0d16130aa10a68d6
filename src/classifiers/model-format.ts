// Constants of the binary model file shared by the encoder (host) and decoder (device).
// Layout (little-endian, see docs/models.md):
//   0 "EGMF"  4 u8 version  5 u8 kind  6 u16 nFeatures  8 u32 totalBytes
//   12 u16 specBytes, spec ..., pad to 4
//   u32 nArrays, then per array: u8 type, u8 0, u16 width, u32 count, data padded to 4
//   last 4 bytes: CRC-32 (IEEE, as zlib and E.CRC32) of every byte before it
import type { FeatureSpec, StatName } from '../core/types';
import { BuildFeatures } from '../core/build-features';

export var MODEL_MAGIC = 'EGMF';
/**
 * The newest version this runtime reads (and every older one). v2 adds extension records
 * after the spec; v3 adds, right after the idle label, the spectral band count (u8) and the
 * motion gate (f64), and feature-block bits in the features byte.
 */
export var MODEL_VERSION = 3;
export var MODEL_HEADER_BYTES = 12;

/** Model kinds: the `kind` byte. */
export var ModelKinds = {
  forest: 1,
  nearestCentroid: 2,
  gaussianNB: 3,
  softmax: 4
};

/** Array element types: the `type` byte of each array (index = code). */
export var ARRAY_TYPES: any[] = [null, Uint8Array, Int16Array, Uint16Array, Int32Array, Float32Array];

/** Bytes per element of each ARRAY_TYPES entry: Espruino's typed arrays have no BYTES_PER_ELEMENT. */
export var ARRAY_ELEMENT_BYTES: number[] = [0, 1, 2, 2, 4, 4];

/** Statistic names in the order their codes are stored. */
export var STAT_NAMES: StatName[] = ['mean', 'std', 'min', 'max', 'rms', 'mad', 'zc'];

/**
 * Feature blocks, in the order their values follow each other in a feature vector; a spec's
 * `features` names one, or several joined by '+' in this order ('stats+spectral+cross').
 */
export var FEATURE_BLOCKS = ['raw', 'stats', 'spectral', 'cross'];
/** The same list as one string, for device code (a string costs Espruino fewer variables than an array). */
var BLOCK_ORDER = '|raw|stats|spectral|cross|';
/** Each block's bit in the model file's features byte (0 means 'raw' alone, as in v1 files). */
export var RAW_BIT = 8;
export var STATS_BIT = 1;
export var SPECTRAL_BIT = 2;
export var CROSS_BIT = 4;

var maskOf = 'raw', mask = 8;

/** The blocks `features` names, as FEATURE_BITS; -1 unless known blocks, each once, in FEATURE_BLOCKS order. */
export function featureMask(features: string): number {
  if (features === maskOf) return mask; // once per spec, not per window
  if (typeof features !== 'string') return -1;
  var parts = features.split('+'), m = 0, last = -1, b;
  for (var i = 0; i < parts.length; i++) {
    // Position in BLOCK_ORDER: raw 0, stats 4, spectral 10, cross 19 (in order, so > last).
    b = parts[i] && parts[i].indexOf('|') < 0 ? BLOCK_ORDER.indexOf('|' + parts[i] + '|') : -1;
    if (b <= last) return -1;
    last = b;
    m |= b ? 1 << ((b > 4 ? 1 : 0) + (b > 10 ? 1 : 0)) : RAW_BIT;
  }
  maskOf = features;
  mask = m;
  return m;
}

/** Indices of the channels named `<prefix>_...` (a sensor's axes, for the magnitude). */
export function sensorChannels(channels: string[], prefix: string): number[] {
  var out: number[] = [];
  for (var c = 0; c < channels.length; c++) if (channels[c].indexOf(prefix + '_') === 0) out.push(c);
  return out;
}

/** 'cross' block length: 4 per sensor (acc, gyro) with 2+ axes in the spec, then one per channel pair. */
export function crossCount(channels: string[]): number {
  var n = channels.length, groups = 0;
  if (sensorChannels(channels, 'acc').length > 1) groups++;
  if (sensorChannels(channels, 'gyro').length > 1) groups++;
  return groups * 4 + (n * (n - 1)) / 2; // mean, std, min, max of each magnitude
}

/**
 * Number of features a spec implies, block by block: raw = points x channels, stats =
 * stats x channels, spectral = bands x channels, cross = crossCount (0 for an unknown kind).
 */
export function specFeatureCount(spec: FeatureSpec): number {
  var m = featureMask(spec.features), nch = spec.channels.length, n = 0;
  if (m < 0) return 0;
  if (m & RAW_BIT) n += spec.points * nch;
  if (m & STATS_BIT) n += (spec.stats ? spec.stats.length : 0) * nch;
  if (m & SPECTRAL_BIT) n += (spec.spectralBands || 0) * nch;
  if (BuildFeatures.spectralFeatures && m & CROSS_BIT) n += crossCount(spec.channels);
  return n;
}

/** Spectral bins (1..size/2) of a window of `points`: FFT length, the next power of two (at least 2). */
export function fftSize(points: number): number {
  var n = 2;
  while (n < points) n *= 2;
  return n;
}

/** True for NaN and +-Infinity (Number.isFinite is missing on Espruino). */
export function notFinite(v: number): boolean {
  return v - v !== 0;
}

/** CRC-32 of bytes [0, n): native E.CRC32 on Espruino, a bitwise loop elsewhere. */
export function crc32(bytes: Uint8Array, n: number): number {
  var view = bytes.length === n ? bytes : bytes.subarray(0, n);
  if (typeof E !== 'undefined' && (E as any).CRC32) return (E as any).CRC32(view) >>> 0;
  var crc = -1;
  for (var i = 0; i < n; i++) {
    crc ^= view[i];
    for (var k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ -1) >>> 0;
}
