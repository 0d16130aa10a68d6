// Constants of the binary model file shared by the encoder (host) and decoder (device).
// Layout (little-endian, see docs/models.md):
//   0 "EGMF"  4 u8 version  5 u8 kind  6 u16 nFeatures  8 u32 totalBytes
//   12 u16 specBytes, spec ..., pad to 4
//   u32 nArrays, then per array: u8 type, u8 0, u16 width, u32 count, data padded to 4
//   last 4 bytes: CRC-32 (IEEE, as zlib and E.CRC32) of every byte before it

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

/** True for NaN and +-Infinity (Number.isFinite is missing on Espruino). */
export function notFinite(v: number): boolean {
  return v - v !== 0;
}

/**
 * CRC-32 of bytes [0, n): native E.CRC32 on Espruino, a bitwise loop elsewhere. Board bundles
 * call E.CRC32 directly (build feature crcFallback) and leave this function out.
 */
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
