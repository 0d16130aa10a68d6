// Raw big-endian int16 words to the seed's units (m/s^2, deg/s), in the chosen channel order.
import { STANDARD_GRAVITY } from '../core/types';
import { accelScale, gyroScale, MPU6500Config } from './mpu6500-config';

/** Signed big-endian 16-bit word at `offset`. */
export function int16be(bytes: ArrayLike<number>, offset: number): number {
  var v = (bytes[offset] << 8) | bytes[offset + 1];
  return v >= 0x8000 ? v - 0x10000 : v;
}

/**
 * Decodes one reading. `accelAt`/`gyroAt` are the byte offsets of ACCEL_XOUT_H and
 * GYRO_XOUT_H within the reading (burst: 0 and 8; FIFO frame: 0 and 6, or 0 for gyro-only).
 * `gyroBias` (deg/s) is subtracted.
 */
export function decodeReading(
  config: MPU6500Config, bytes: ArrayLike<number>, start: number, accelAt: number, gyroAt: number,
  gyroBias: Float32Array, out: Float32Array
): void {
  var a = accelScale(config.accelRange, STANDARD_GRAVITY);
  var g = gyroScale(config.gyroRange);
  var index = config.channelIndex;
  for (var i = 0; i < index.length; i++) {
    var ch = index[i];
    if (ch < 3) out[i] = int16be(bytes, start + accelAt + 2 * ch) * a;
    else out[i] = int16be(bytes, start + gyroAt + 2 * (ch - 3)) * g - gyroBias[ch - 3];
  }
}
