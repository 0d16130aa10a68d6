// One gesture event in 17 bytes, for a BLE notification (<= 20 bytes) or Espruino's
// manufacturer data (0x0590) in a 31-byte advertisement, and the decoder that turns it
// back into an event on the host. Little-endian:
//   0 magic 0x47 ('G') | 1 version | 2-5 id u32 | 6-11 time u48 epoch ms | 12 move u8 | 13-16 score f32
// device_id and label names are not carried: the receiver knows which device it heard and
// which model it runs. Device code: ES5.
import type { GestureEvent } from '../core/types';
import { inputError } from '../core/errors';

export var GESTURE_PAYLOAD_MAGIC = 0x47;
export var GESTURE_PAYLOAD_VERSION = 1;
export var GESTURE_PAYLOAD_BYTES = 17;
/** Espruino's Bluetooth SIG company id, used for manufacturer data. */
export var ESPRUINO_MANUFACTURER_ID = 0x0590;

var TWO32 = 4294967296;

/** Packs an event; `out` (17 bytes) is reused when given, so a device allocates nothing. */
export function encodeGesturePayload(e: GestureEvent, out?: Uint8Array): Uint8Array {
  if (!(e.id >= 0 && e.id < TWO32) || e.id !== Math.floor(e.id)) {
    throw inputError('BLE payload: id must be an integer below 2^32, got ' + e.id);
  }
  var t = Math.round(e.time);
  if (!(t >= 0 && t < 281474976710656)) {
    throw inputError('BLE payload: time must be epoch ms in 0..2^48, got ' + e.time);
  }
  if (!(e.move >= 0 && e.move < 256)) {
    throw inputError('BLE payload: move must be 0..255, got ' + e.move);
  }
  var bytes = out || new Uint8Array(GESTURE_PAYLOAD_BYTES);
  var dv = new DataView(bytes.buffer, bytes.byteOffset, GESTURE_PAYLOAD_BYTES);
  bytes[0] = GESTURE_PAYLOAD_MAGIC;
  bytes[1] = GESTURE_PAYLOAD_VERSION;
  dv.setUint32(2, e.id, true);
  dv.setUint32(6, t % TWO32, true);
  dv.setUint16(10, Math.floor(t / TWO32), true);
  bytes[12] = e.move;
  dv.setFloat32(13, e.score, true);
  return bytes;
}

export interface PayloadDecodeOptions {
  /** The device the payload came from (BLE address or advertised name). */
  deviceId: string;
  /** Label names by move index; without them the gesture is "move_<n>". */
  labels?: string[];
}

/** Turns a 17-byte payload back into the event; throws BAD_INPUT naming what is wrong. */
export function decodeGesturePayload(data: ArrayLike<number> | ArrayBuffer, options: PayloadDecodeOptions): GestureEvent {
  var bytes = data instanceof Uint8Array ? data : new Uint8Array(data as any);
  if (bytes.length !== GESTURE_PAYLOAD_BYTES) {
    throw inputError('Gesture payload must be ' + GESTURE_PAYLOAD_BYTES + ' bytes, got ' + bytes.length);
  }
  if (bytes[0] !== GESTURE_PAYLOAD_MAGIC) {
    throw inputError('Not a gesture payload: first byte 0x' + bytes[0].toString(16) + ', expected 0x47');
  }
  if (bytes[1] !== GESTURE_PAYLOAD_VERSION) {
    throw inputError('Gesture payload version ' + bytes[1] + ' is not supported (expected ' + GESTURE_PAYLOAD_VERSION + ')');
  }
  var dv = new DataView(bytes.buffer, bytes.byteOffset, GESTURE_PAYLOAD_BYTES);
  var move = bytes[12];
  var labels = options.labels;
  return {
    device_id: options.deviceId,
    id: dv.getUint32(2, true),
    time: dv.getUint16(10, true) * TWO32 + dv.getUint32(6, true),
    gesture: labels && move < labels.length ? labels[move] : 'move_' + move,
    move: move,
    score: dv.getFloat32(13, true)
  };
}

/**
 * Finds Espruino manufacturer data (0x0590) holding a gesture payload in a raw
 * advertisement (AD structures) and decodes it; null when the advert carries none.
 */
export function decodeAdvertisement(adv: ArrayLike<number> | ArrayBuffer, options: PayloadDecodeOptions): GestureEvent | null {
  var bytes = adv instanceof Uint8Array ? adv : new Uint8Array(adv as any);
  var i = 0;
  while (i < bytes.length) {
    var len = bytes[i];
    if (len === 0) break;
    if (i + 1 + len > bytes.length) {
      throw inputError('Advertisement is malformed: AD structure at byte ' + i + ' runs past the end');
    }
    var type = bytes[i + 1];
    if (type === 0xff && len >= 3 && (bytes[i + 2] | (bytes[i + 3] << 8)) === ESPRUINO_MANUFACTURER_ID) {
      var data = bytes.subarray(i + 4, i + 1 + len);
      if (data.length === GESTURE_PAYLOAD_BYTES && data[0] === GESTURE_PAYLOAD_MAGIC) return decodeGesturePayload(data, options);
    }
    i += 1 + len;
  }
  return null;
}
