import { describe, it, expect } from 'vitest';
import { encodeGesturePayload, decodeGesturePayload, decodeAdvertisement, GESTURE_PAYLOAD_BYTES } from '../../src/sinks/ble-payload';
import type { GestureEvent } from '../../src/core/types';

var LABELS = ['idle', 'x', 'y', 'circle'];
var f32 = (v: number) => new Float32Array([v])[0];

describe('BLE gesture payload', () => {
  it('round-trips an event through 17 bytes (score as float32, time to the ms)', () => {
    var e: GestureEvent = { device_id: 'puck-1', id: 4_000_000_000, time: Date.UTC(2026, 10, 25, 1, 2, 3, 456), gesture: 'circle', move: 3, score: f32(0.87) };
    var bytes = encodeGesturePayload(e);
    expect(bytes.length).toBe(GESTURE_PAYLOAD_BYTES);
    expect(decodeGesturePayload(bytes, { deviceId: 'puck-1', labels: LABELS })).toEqual(e);
  });

  it('names the move "move_<n>" when the decoder has no labels', () => {
    var bytes = encodeGesturePayload({ device_id: 'd', id: 1, time: 1e12, gesture: 'y', move: 2, score: 1 });
    expect(decodeGesturePayload(bytes, { deviceId: 'd' }).gesture).toBe('move_2');
  });

  it('refuses payloads it cannot trust, saying why', () => {
    var good = encodeGesturePayload({ device_id: 'd', id: 1, time: 1e12, gesture: 'x', move: 1, score: 1 });
    expect(() => decodeGesturePayload(good.subarray(0, 16), { deviceId: 'd' })).toThrow(/17 bytes, got 16/);
    var bad = good.slice(); bad[0] = 0x11;
    expect(() => decodeGesturePayload(bad, { deviceId: 'd' })).toThrow(/first byte 0x11/);
    var v2 = good.slice(); v2[1] = 2;
    expect(() => decodeGesturePayload(v2, { deviceId: 'd' })).toThrow(/version 2/);
    expect(() => encodeGesturePayload({ device_id: 'd', id: 2 ** 32, time: 1e12, gesture: 'x', move: 1, score: 1 })).toThrow(/2\^32/);
  });

  it('finds the payload among the AD structures of an advertisement, or returns null', () => {
    var e: GestureEvent = { device_id: 'puck-1', id: 9, time: 1.7e12, gesture: 'x', move: 1, score: 0.5 };
    var p = Array.from(encodeGesturePayload(e));
    var adv = Uint8Array.from([2, 1, 6, 4, 9, 0x50, 0x75, 0x63, p.length + 3, 0xff, 0x90, 0x05, ...p]);
    expect(adv.length).toBeLessThanOrEqual(31);
    expect(decodeAdvertisement(adv, { deviceId: 'puck-1', labels: LABELS })).toEqual(e);
    expect(decodeAdvertisement(Uint8Array.from([2, 1, 6, 5, 0xff, 0x4c, 0x00, 1, 2]), { deviceId: 'x' })).toBeNull();
    expect(() => decodeAdvertisement(Uint8Array.from([2, 1, 6, 9, 0xff]), { deviceId: 'x' })).toThrow(/malformed/);
  });
});
