// MPU6500 options: defaults, validation (clear BAD_CONFIG errors) and the register values
// they imply. Pure functions: nothing here touches the bus.
import { deviceError, ErrorCodes, configError } from '../core/errors';
import { ALL_CHANNELS } from '../core/types';
import { BuildFeatures, notInThisBuild } from '../core/build-features';
import {
  AccelRange, GyroRange, Dlpf, DLPF_BANDWIDTH_HZ, ACCEL_LSB_PER_G, GYRO_LSB_PER_DPS,
  Bits, MPU6500_ADDRESS
} from './mpu6500-registers';

export interface MPU6500Options {
  /** I2C address, 0x68 (AD0 low, default) or 0x69. */
  address?: number;
  /** Output data rate in Hz; 1000 / rateHz must be a whole number from 1 to 256. Default 100. */
  rateHz?: number;
  /** AccelRange.G2 (default, as the original) .. G16. */
  accelRange?: number;
  /** GyroRange.DPS250 (default, as the original) .. DPS2000. */
  gyroRange?: number;
  /** Dlpf.HZ184 .. HZ5; default: the widest bandwidth below rateHz / 2. */
  dlpf?: number;
  /** 'fifo' (default): the sensor's clock sets the timing; 'poll': a timer reads 14-byte bursts. */
  mode?: string;
  /** FIFO mode: how often the FIFO is emptied. Default 200 ms. */
  readIntervalMs?: number;
  /** Channels delivered, in this order; any of ALL_CHANNELS. Default all six. */
  channels?: string[];
  /** Measure the gyro bias at rest during init and subtract it. Default false. */
  calibrateGyro?: boolean;
  /** Samples averaged for the gyro bias. Default 50. */
  calibrationSamples?: number;
  /** Calibration fails (NOT_AT_REST) when any gyro axis spans more than this (deg/s). Default 3. */
  calibrationMaxSpreadDps?: number;
  /** FIFO size to configure: 512 (power-on) or 1024 bytes. Default 1024. */
  fifoBytes?: number;
  /** Largest single FIFO burst in bytes (Espruino needs n + 256 bytes of stack). Default 240. */
  maxBurstBytes?: number;
  /** Clock in ms for timestamps. Default getTime() * 1000 on Espruino, Date.now() elsewhere. */
  clock?: () => number;
}

/** Options after defaults and validation, plus the register values they imply. */
export interface MPU6500Config {
  address: number;
  rateHz: number;
  periodMs: number;
  accelRange: number;
  gyroRange: number;
  dlpf: number;
  mode: string;
  readIntervalMs: number;
  channels: string[];
  /** For each output channel, its index in acc_x..gyro_z. */
  channelIndex: Uint8Array;
  calibrateGyro: boolean;
  calibrationSamples: number;
  calibrationMaxSpreadDps: number;
  fifoBytes: number;
  maxBurstBytes: number;
  /** FIFO_EN value: accel if any acc channel is used, all three gyro axes if any gyro channel is. */
  fifoEnable: number;
  /** Bytes per FIFO frame (6 or 12). */
  frameBytes: number;
  /** Register values for SMPLRT_DIV, CONFIG, GYRO_CONFIG, ACCEL_CONFIG, ACCEL_CONFIG2. */
  regs: Uint8Array;
}

function bad(message: string): Error {
  return configError(message);
}

function enumValue(value: any, names: { [k: string]: number }, what: string): number {
  for (var k in names) if (names[k] === value) return value;
  throw bad(what + ' must be one of ' + JSON.stringify(names) + ', got ' + JSON.stringify(value));
}

/** SMPLRT_DIV for a rate at the 1 kHz internal rate, or a BAD_CONFIG error. */
export function rateDivider(rateHz: any): number {
  if (typeof rateHz !== 'number' || !(rateHz > 0)) throw bad('rateHz must be a positive number, got ' + rateHz);
  var div = 1000 / rateHz - 1;
  var whole = Math.round(div);
  if (Math.abs(div - whole) > 1e-9 || whole < 0 || whole > 255) {
    throw bad('rateHz ' + rateHz + ' is not 1000/n for a whole n from 1 to 256 (e.g. 50, 100, 125, 200, 250)');
  }
  return whole;
}

/** The widest DLPF bandwidth below half the output rate (anti-aliasing). */
export function defaultDlpf(rateHz: number): number {
  for (var cfg = Dlpf.HZ184; cfg <= Dlpf.HZ5; cfg++) if (DLPF_BANDWIDTH_HZ[cfg] < rateHz / 2) return cfg;
  return Dlpf.HZ5;
}

export function resolveOptions(options?: MPU6500Options): MPU6500Config {
  var o: MPU6500Options = options || {};
  var address = o.address === undefined ? MPU6500_ADDRESS : o.address;
  if (address !== 0x68 && address !== 0x69) throw bad('address must be 0x68 or 0x69, got ' + address);
  var rateHz = o.rateHz === undefined ? 100 : o.rateHz;
  var div = rateDivider(rateHz);
  var accelRange = enumValue(o.accelRange === undefined ? AccelRange.G2 : o.accelRange, AccelRange, 'accelRange');
  var gyroRange = enumValue(o.gyroRange === undefined ? GyroRange.DPS250 : o.gyroRange, GyroRange, 'gyroRange');
  var dlpf = enumValue(o.dlpf === undefined ? defaultDlpf(rateHz) : o.dlpf, Dlpf, 'dlpf');
  var mode = o.mode === undefined ? 'fifo' : o.mode;
  if (mode !== 'fifo' && mode !== 'poll') throw bad("mode must be 'fifo' or 'poll', got " + mode);
  if (mode === 'poll' && !BuildFeatures.mpuPoll) {
    throw bad(notInThisBuild("MPU6500 mode 'poll'", "use mode 'fifo' (the default)"));
  }
  var fifoBytes = o.fifoBytes === undefined ? 1024 : o.fifoBytes;
  if (fifoBytes !== 512 && fifoBytes !== 1024) throw bad('fifoBytes must be 512 or 1024, got ' + fifoBytes);
  var readIntervalMs = o.readIntervalMs === undefined ? 200 : o.readIntervalMs;
  if (typeof readIntervalMs !== 'number' || !(readIntervalMs >= 10 && readIntervalMs <= 10000)) {
    throw bad('readIntervalMs must be from 10 to 10000, got ' + readIntervalMs);
  }
  var maxBurstBytes = o.maxBurstBytes === undefined ? 240 : o.maxBurstBytes;
  if (typeof maxBurstBytes !== 'number' || !(maxBurstBytes >= 12 && maxBurstBytes <= 512)) {
    throw bad('maxBurstBytes must be from 12 to 512, got ' + maxBurstBytes);
  }
  var channels = o.channels === undefined ? ALL_CHANNELS.slice() : o.channels;
  if (!channels || typeof channels.length !== 'number' || channels.length === 0) {
    throw bad('channels must be a non-empty list of ' + ALL_CHANNELS.join(', '));
  }
  var channelIndex = new Uint8Array(channels.length);
  var useAccel = false, useGyro = false;
  for (var i = 0; i < channels.length; i++) {
    var idx = ALL_CHANNELS.indexOf(channels[i]);
    if (idx < 0) {
      throw deviceError(ErrorCodes.CHANNEL_MISMATCH, 'The MPU6500 has no channel "' + channels[i] +
        '"; it supplies ' + ALL_CHANNELS.join(', '), { channel: channels[i] });
    }
    if (channels.indexOf(channels[i]) !== i) throw bad('channel "' + channels[i] + '" is listed twice');
    channelIndex[i] = idx;
    if (idx < 3) useAccel = true; else useGyro = true;
  }
  var samples = 50, spread = 3;
  if (BuildFeatures.mpuCalibration) {
    if (o.calibrationSamples !== undefined) samples = o.calibrationSamples;
    if (!(samples >= 1 && samples <= 1000)) throw bad('calibrationSamples must be from 1 to 1000, got ' + samples);
    if (o.calibrationMaxSpreadDps !== undefined) spread = o.calibrationMaxSpreadDps;
    if (!(spread > 0)) throw bad('calibrationMaxSpreadDps must be positive, got ' + spread);
  } else if (o.calibrateGyro || o.calibrationSamples !== undefined || o.calibrationMaxSpreadDps !== undefined) {
    // The calibration options mean nothing without calibration: refuse them all alike.
    throw bad(notInThisBuild('MPU6500 calibrateGyro', 'measure the bias elsewhere and pass it to setGyroBias(x, y, z)'));
  }
  var fifoEnable = (useAccel ? Bits.FIFO_ACCEL : 0) | (useGyro ? Bits.FIFO_XG | Bits.FIFO_YG | Bits.FIFO_ZG : 0);
  var regs = new Uint8Array(5);
  regs[0] = div;
  regs[1] = dlpf; // FIFO_MODE 0: the chip overwrites when full; the driver detects it.
  regs[2] = gyroRange << 3;
  regs[3] = accelRange << 3;
  // Accel DLPF follows the gyro's choice; bits 7:6 = FIFO size (InvenSense Motion Driver's BIT_FIFO_SIZE_1024).
  regs[4] = (fifoBytes === 1024 ? 0x40 : 0) | dlpf;
  return {
    address: address, rateHz: rateHz, periodMs: 1000 / rateHz, accelRange: accelRange, gyroRange: gyroRange,
    dlpf: dlpf, mode: mode, readIntervalMs: readIntervalMs, channels: channels.slice(), channelIndex: channelIndex,
    calibrateGyro: !!o.calibrateGyro, calibrationSamples: samples, calibrationMaxSpreadDps: spread,
    fifoBytes: fifoBytes, maxBurstBytes: maxBurstBytes, fifoEnable: fifoEnable,
    frameBytes: (useAccel ? 6 : 0) + (useGyro ? 6 : 0), regs: regs
  };
}

/** m/s^2 per LSB for an accel range (the seed's values land on whole LSBs with 9.80665). */
export function accelScale(range: number, gravity: number): number {
  return gravity / ACCEL_LSB_PER_G[range];
}

/** deg/s per LSB for a gyro range. */
export function gyroScale(range: number): number {
  return 1 / GYRO_LSB_PER_DPS[range];
}
