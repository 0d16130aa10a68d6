// Values handed to sandboxed code must come from the sandbox's own realm, or
// `x instanceof Uint8Array` inside the sandbox is false.
export interface Realm {
  Uint8Array: Uint8ArrayConstructor;
  ArrayBuffer: ArrayBufferConstructor;
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Error: ErrorConstructor;
  JSON: JSON;
}

/** Binary string (one char per byte), as Espruino's Storage.read and atob return. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  var s = '';
  for (var i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, Array.prototype.slice.call(bytes, i, i + 8192));
  return s;
}

export function binaryStringToBytes(s: string): Uint8Array {
  var out = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 255;
  return out;
}

/** Bytes from whatever Espruino APIs accept: string, array, typed array, ArrayBuffer. */
export function toBytes(data: any): Uint8Array {
  if (typeof data === 'string') return binaryStringToBytes(data);
  // Checked by internal slots, so ArrayBuffers and views from any realm (the sandbox's have
  // no ArrayBuffer.prototype.slice nor BYTES_PER_ELEMENT, as on Espruino) are recognised.
  if (data && Object.prototype.toString.call(data) === '[object ArrayBuffer]') return new Uint8Array(data).slice();
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (Array.isArray(data)) return Uint8Array.from(data, (v) => v & 255);
  throw new Error('Expecting a String or Array, got ' + typeof data);
}
