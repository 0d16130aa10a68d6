// Binary image of an outbox for Espruino Storage: one small file, rewritten on change,
// so a reboot loses nothing queued and ids stay monotonic. Device code: ES5.
import { deviceError, ErrorCodes } from '../core/errors';
import { CLOCK_SET_MS } from '../core/clock';

/** The part of require("Storage") the outbox uses (Espruino's API; the sandbox fakes it). */
export interface StorageLike {
  write(name: string, data: any): boolean | void;
  readArrayBuffer(name: string): ArrayBuffer | undefined;
  /** Used for the id reservation on builds that keep the queue in RAM. */
  read?(name: string): string | undefined;
  erase(name: string): void;
}

/** What a saved outbox holds; records are parallel typed arrays, `count` long. */
export interface OutboxImage {
  nextId: number;
  dropped: number;
  rejected: number;
  count: number;
  /** Label names the `name` indices refer to. */
  names: string[];
  ids: Float64Array;
  times: Float64Array;
  scores: Float32Array;
  moves: Uint8Array;
  nameIdx: Uint8Array;
  /**
   * The device clock when saved (ms): after a reboot, times from before that boot's clock was
   * set (below 2001) are only known relative to it.
   */
  savedAt: number;
}

var MAGIC0 = 0x45, MAGIC1 = 0x47, MAGIC2 = 0x51; // "EGQ"
export var OUTBOX_FORMAT_VERSION = 2;
/** Version 1 had no savedAt (its header ended at byte 24). */
var HEADER_BYTES = 32;
var RECORD_BYTES = 22;

/** Label names as bytes, joined by "\n"; names must be 8-bit text (checked by the outbox). */
function namesToBytes(names: string[]): Uint8Array {
  var text = names.join('\n');
  var out = new Uint8Array(text.length);
  for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** Serialises the records at ring positions head..head+count-1 (mod capacity). */
export function encodeOutbox(img: OutboxImage, head: number): Uint8Array {
  var nameBytes = namesToBytes(img.names);
  var cap = img.ids.length;
  var out = new Uint8Array(HEADER_BYTES + nameBytes.length + img.count * RECORD_BYTES);
  var dv = new DataView(out.buffer);
  out[0] = MAGIC0; out[1] = MAGIC1; out[2] = MAGIC2; out[3] = OUTBOX_FORMAT_VERSION;
  dv.setFloat64(4, img.nextId, true);
  dv.setUint32(12, img.dropped, true);
  dv.setUint32(16, img.rejected, true);
  dv.setUint16(20, img.count, true);
  dv.setUint16(22, nameBytes.length, true);
  dv.setFloat64(24, img.savedAt, true);
  out.set(nameBytes, HEADER_BYTES);
  var o = HEADER_BYTES + nameBytes.length;
  for (var k = 0; k < img.count; k++) {
    var i = (head + k) % cap;
    dv.setFloat64(o, img.ids[i], true);
    dv.setFloat64(o + 8, img.times[i], true);
    dv.setFloat32(o + 16, img.scores[i], true);
    out[o + 20] = img.moves[i];
    out[o + 21] = img.nameIdx[i];
    o += RECORD_BYTES;
  }
  return out;
}

/** Parses a saved outbox; throws a STORAGE error naming what is wrong. */
export function decodeOutbox(buf: ArrayBuffer): OutboxImage {
  var bytes = new Uint8Array(buf);
  if (bytes.length < 24 || bytes[0] !== MAGIC0 || bytes[1] !== MAGIC1 || bytes[2] !== MAGIC2) {
    throw deviceError(ErrorCodes.STORAGE, 'Saved outbox is not an outbox file (bad magic or too short)');
  }
  var version = bytes[3];
  if (version !== 1 && version !== OUTBOX_FORMAT_VERSION) {
    throw deviceError(ErrorCodes.STORAGE, 'Saved outbox has format version ' + version + ', expected ' + OUTBOX_FORMAT_VERSION);
  }
  var header = version === 1 ? 24 : HEADER_BYTES;
  var dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  var count = dv.getUint16(20, true);
  var namesLen = dv.getUint16(22, true);
  var need = header + namesLen + count * RECORD_BYTES;
  if (bytes.length < need) {
    throw deviceError(ErrorCodes.STORAGE, 'Saved outbox is truncated: ' + bytes.length + ' bytes, needs ' + need);
  }
  // The label names, joined by "\n" (here, not a helper: on Espruino a function costs about
  // 7 variables for as long as the module is loaded).
  var text = '';
  for (var i = header; i < header + namesLen; i++) text += String.fromCharCode(bytes[i]);
  var img: OutboxImage = {
    nextId: dv.getFloat64(4, true),
    dropped: dv.getUint32(12, true),
    rejected: dv.getUint32(16, true),
    count: count,
    names: text.length ? text.split('\n') : [],
    ids: new Float64Array(count),
    times: new Float64Array(count),
    scores: new Float32Array(count),
    moves: new Uint8Array(count),
    nameIdx: new Uint8Array(count),
    savedAt: version === 1 ? NaN : dv.getFloat64(24, true)
  };
  var o = header + namesLen;
  for (var k = 0; k < count; k++) {
    img.ids[k] = dv.getFloat64(o, true);
    img.times[k] = dv.getFloat64(o + 8, true);
    img.scores[k] = dv.getFloat32(o + 16, true);
    img.moves[k] = bytes[o + 20];
    img.nameIdx[k] = bytes[o + 21];
    // Version 1 did not say when it was saved: take its newest boot time (saved with that event).
    if (version === 1 && img.times[k] < CLOCK_SET_MS && !(img.savedAt >= img.times[k])) img.savedAt = img.times[k];
    o += RECORD_BYTES;
  }
  return img;
}
