// FIFO bursts as SampleBlocks: one native decode of the big-endian words per burst, and each
// channel's scale and bias beside them, so only the samples a model uses are ever scaled.
import type { SampleBlock } from '../core/types';
import { STANDARD_GRAVITY } from '../core/types';
import { accelScale, gyroScale, MPU6500Config } from './mpu6500-config';
import { int16be } from './mpu6500-decode';
import { Bits } from './mpu6500-registers';

/** A block for bursts of up to `frames` FIFO frames, channels in config.channels order. */
export function fifoBlock(config: MPU6500Config, frames: number): SampleBlock {
  var nch = config.channelIndex.length, gyroWord = config.fifoEnable & Bits.FIFO_ACCEL ? 3 : 0, c, ch;
  var block: SampleBlock = {
    raw: new Int16Array((frames * config.frameBytes) / 2), count: 0, stride: config.frameBytes / 2,
    at: new Uint8Array(nch), scale: new Float64Array(nch), offset: new Float64Array(nch), t0: 0, k0: 0, periodMs: config.periodMs
  };
  for (c = 0; c < nch; c++) {
    ch = config.channelIndex[c];
    block.at[c] = ch < 3 ? ch : gyroWord + ch - 3;
    block.scale[c] = ch < 3 ? accelScale(config.accelRange, STANDARD_GRAVITY) : gyroScale(config.gyroRange);
  }
  return block;
}

/** The gyro bias (deg/s, x y z) as the block's offsets: decodeReading's subtraction. */
export function setBlockBias(config: MPU6500Config, block: SampleBlock, gyroBias: Float32Array): void {
  for (var c = 0; c < block.at.length; c++) block.offset[c] = config.channelIndex[c] < 3 ? 0 : gyroBias[config.channelIndex[c] - 3];
}

/** The burst's big-endian int16 words into block.raw: natively on Espruino (Uint8Array from I2C.readFrom). */
export function decodeBurst(bytes: ArrayLike<number>, block: SampleBlock, frames: number): void {
  var words = frames * block.stride, raw = block.raw;
  if (typeof E !== 'undefined' && E && E.mapInPlace && (bytes as any).buffer) (E as any).mapInPlace(bytes, raw as any, undefined as any, 16);
  else for (var i = 0; i < words; i++) raw[i] = int16be(bytes, 2 * i);
  block.count = frames;
}
