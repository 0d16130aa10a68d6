// A register-level MPU6500 on the fake I2C bus (the "mock-espruino-i2c" of the design).
// Time is virtual: the model reads `now()` (ms) at every bus transaction and catches up
// on the samples its clock would have taken since, so it works with a manual clock in host
// tests and with the Espruino sandbox's clock (sb.now).
import { deviceError, ErrorCodes } from '../core/errors';
import { STANDARD_GRAVITY } from '../core/types';
import { ACCEL_LSB_PER_G, Bits, ChipId, GYRO_LSB_PER_DPS, Reg } from '../drivers/mpu6500-registers';
import { I2C_ERROR_TEXT, type I2CDevice } from './i2c-bus';
import type { Recording } from './recording';
import { SimFifo } from './sim-fifo';
import { functionSignal, recordingSignal, restSignal, type PlaybackOptions, type Signal, type SignalFunction } from './sim-signal';

export interface SimulatedMPU6500Options extends PlaybackOptions {
  /** Virtual time in ms (e.g. `() => clock.now`, or the sandbox's `sb.now`). */
  now: () => number;
  /** What the sensor feels; default: at rest, flat. */
  signal?: Recording | SignalFunction;
  /** WHO_AM_I value; default 0x70 (MPU6500). */
  whoAmI?: number;
  /** Die temperature reported, in degrees C; default 25. */
  temperatureC?: number;
  /** Error text thrown while unplugged or on an injected NACK; default the ESP32 firmware's. */
  nackText?: string;
  /** The chip's clock error as a fraction: 0.01 samples 1% faster than configured. Default 0. */
  clockDrift?: number;
  /** A clone whose FIFO stays this size whatever ACCEL_CONFIG2 bits 7:6 say (e.g. 512). */
  fixedFifoBytes?: number;
  /** Power up awake (PWR_MGMT_1 = 0x01, the register map's reset value) instead of asleep. */
  powerOnAwake?: boolean;
}

/** Power-on value of PWR_MGMT_1: asleep, clock source 1 (the model starts asleep). */
var POWER_ON_PWR_MGMT_1 = Bits.SLEEP | Bits.CLKSEL_PLL;
/** Temperature sensitivity (LSB per degree C) and the 0 LSB point, MPU6500 datasheet. */
var TEMP_LSB_PER_C = 333.87;
var TEMP_OFFSET_C = 21;

export class SimulatedMPU6500 implements I2CDevice {
  /** Register file; read it in tests to see what a driver configured. */
  readonly regs = new Uint8Array(128);
  readonly fifo = new SimFifo();
  whoAmI: number;
  temperatureC: number;
  nackText: string;
  /** Clock error as a fraction (0.01 = 1% fast); the datasheet allows about +-1%. */
  clockDrift: number;
  /** Samples the model has taken since power-on (what a perfect reader would get). */
  samplesTaken = 0;
  /** True while unplugged: every transaction fails with a NACK. */
  unplugged = false;

  private now: () => number;
  private signal: Signal;
  private playOptions: PlaybackOptions;
  private pointer = 0;
  private clockStart = 0;
  private ticks = 0;
  private running = false;
  private playAnchor: number | null = null;
  private physical = new Float64Array(6);
  private pendingFaults: Array<'nack' | 'timeout'> = [];
  private fixedFifoBytes: number;
  private powerOnAwake: boolean;

  constructor(options: SimulatedMPU6500Options) {
    if (!options || typeof options.now !== 'function') {
      throw deviceError(ErrorCodes.BAD_CONFIG, 'SimulatedMPU6500 needs { now: () => ms }');
    }
    this.now = options.now;
    this.whoAmI = options.whoAmI === undefined ? ChipId.MPU6500 : options.whoAmI;
    this.temperatureC = options.temperatureC === undefined ? 25 : options.temperatureC;
    this.nackText = options.nackText || I2C_ERROR_TEXT.esp32Nack;
    this.clockDrift = options.clockDrift || 0;
    this.fixedFifoBytes = options.fixedFifoBytes || 0;
    this.powerOnAwake = !!options.powerOnAwake;
    this.playOptions = { interpolation: options.interpolation, loop: options.loop };
    this.signal = toSignal(options.signal, this.playOptions);
    this.powerOn();
  }

  // ---- what tests drive ----

  /**
   * Plays a recording or function from the first sample the chip takes after this call
   * (recording time 0 = that sample), replacing the current signal.
   */
  play(signal: Recording | SignalFunction, options?: PlaybackOptions): void {
    this.sync();
    this.signal = toSignal(signal, options || this.playOptions);
    this.playAnchor = null;
  }

  /** True once a non-looping recording has been played to its last row. */
  get playbackEnded(): boolean {
    this.sync();
    var period = this.periodMs() / (1 + this.clockDrift);
    return this.playAnchor !== null && this.signal.ended(this.clockStart + this.ticks * period - this.playAnchor);
  }

  /** Makes the next `count` transactions fail with a NACK or a bus timeout. */
  failNext(kind: 'nack' | 'timeout', count = 1): void {
    for (var i = 0; i < count; i++) this.pendingFaults.push(kind);
  }

  /** Disconnects the chip: every transaction NACKs until replug(). */
  unplug(): void {
    this.sync();
    this.unplugged = true;
  }

  /** Reconnects the chip; it powers up again at its defaults (asleep, FIFO off). */
  replug(): void {
    this.unplugged = false;
    this.powerOn();
  }

  /** Fills the FIFO past its capacity now (as if reads had stalled), losing alignment. */
  forceOverflow(): void {
    this.sync();
    var frame = this.frameBytes();
    var stop = (this.regs[Reg.CONFIG] & Bits.FIFO_MODE_STOP) !== 0;
    var data = this.regs.subarray(Reg.ACCEL_XOUT_H, Reg.ACCEL_XOUT_H + 14);
    while (!this.fifo.overflowed || this.fifo.count % Math.max(frame.length, 1) === 0) {
      for (var i = 0; i < frame.length; i++) this.fifo.push(data[frame[i]], stop);
      if (frame.length === 0) break;
    }
    if (this.fifo.overflowed) this.regs[Reg.INT_STATUS] |= Bits.FIFO_OFLOW;
  }

  /** Sample period in ms from SMPLRT_DIV and the DLPF setting (1 kHz internal, 8 kHz without DLPF). */
  periodMs(): number {
    var dlpf = this.regs[Reg.CONFIG] & Bits.DLPF_MASK;
    var internal = dlpf === 0 || dlpf === 7 ? 8000 : 1000;
    return (1 + this.regs[Reg.SMPLRT_DIV]) * 1000 / internal;
  }

  // ---- I2CDevice ----

  write(bytes: Uint8Array, _stop: boolean): void {
    this.transaction();
    if (bytes.length === 0) return;
    this.pointer = bytes[0] & 0x7f;
    for (var i = 1; i < bytes.length; i++) {
      this.writeRegister(this.pointer, bytes[i]);
      this.pointer = (this.pointer + 1) & 0x7f;
    }
  }

  read(length: number): Uint8Array {
    this.transaction();
    var out = new Uint8Array(length);
    for (var i = 0; i < length; i++) {
      var reg = this.pointer;
      if (reg === Reg.FIFO_R_W) {
        out[i] = this.fifo.pop();
        continue; // the pointer stays on FIFO_R_W for bursts
      }
      if (reg === Reg.FIFO_COUNTH) out[i] = (this.fifo.count >> 8) & 0x1f;
      else if (reg === Reg.FIFO_COUNTL) out[i] = this.fifo.count & 0xff;
      else if (reg === Reg.WHO_AM_I) out[i] = this.whoAmI;
      else if (reg === Reg.INT_STATUS) {
        out[i] = this.regs[reg];
        this.regs[reg] = 0; // clears on read
        this.fifo.overflowed = false;
      } else out[i] = this.regs[reg];
      this.pointer = (reg + 1) & 0x7f;
    }
    return out;
  }

  // ---- model ----

  private transaction(): void {
    if (this.unplugged) throw new Error(this.nackText);
    var fault = this.pendingFaults.shift();
    if (fault === 'nack') throw new Error(this.nackText);
    if (fault === 'timeout') throw new Error(I2C_ERROR_TEXT.timeout);
    this.sync();
  }

  private powerOn(): void {
    this.regs.fill(0);
    this.regs[Reg.PWR_MGMT_1] = this.powerOnAwake ? Bits.CLKSEL_PLL : POWER_ON_PWR_MGMT_1;
    this.fifo.resize(this.fixedFifoBytes || 512);
    this.fifo.clear();
    this.fifo.overflowed = false;
    this.running = false;
    this.pointer = 0;
    this.samplesTaken = 0;
    if (this.powerOnAwake) this.setRunning(true);
  }

  private writeRegister(reg: number, value: number): void {
    switch (reg) {
      case Reg.WHO_AM_I: case Reg.INT_STATUS: case Reg.FIFO_COUNTH: case Reg.FIFO_COUNTL: case Reg.FIFO_R_W:
        return; // read-only here
      case Reg.PWR_MGMT_1:
        if (value & Bits.RESET) { this.powerOn(); return; }
        this.regs[reg] = value;
        this.setRunning((value & Bits.SLEEP) === 0);
        return;
      case Reg.SMPLRT_DIV: case Reg.CONFIG:
        this.regs[reg] = value;
        if (this.running) this.restartClock(); // the model re-phases its sample clock on a rate change
        return;
      case Reg.ACCEL_CONFIG2:
        this.regs[reg] = value;
        this.fifo.resize(this.fixedFifoBytes || 512 << ((value >> 6) & 3));
        return;
      case Reg.USER_CTRL:
        if (value & Bits.FIFO_RESET) { this.fifo.clear(); this.fifo.overflowed = false; }
        this.regs[reg] = value & ~Bits.FIFO_RESET & 0xff; // reset bits clear themselves
        return;
      default:
        if (reg >= Reg.ACCEL_XOUT_H && reg <= Reg.GYRO_XOUT_H + 5) return; // data registers are read-only
        this.regs[reg] = value;
    }
  }

  private setRunning(on: boolean): void {
    if (on && !this.running) { this.running = true; this.restartClock(); }
    if (!on) this.running = false;
  }

  private restartClock(): void {
    this.clockStart = this.now();
    this.ticks = 0;
  }

  /** Takes every sample whose time has come, up to now. */
  private sync(): void {
    if (!this.running || this.unplugged) return;
    var period = this.periodMs() / (1 + this.clockDrift);
    var due = Math.floor((this.now() - this.clockStart) / period + 1e-9);
    if (due <= this.ticks) return;
    var fifoOn = (this.regs[Reg.USER_CTRL] & Bits.FIFO_ENABLE) !== 0 && this.regs[Reg.FIFO_EN] !== 0;
    // Samples that would only pass through a full FIFO (or none) change nothing observable but the count.
    var keep = fifoOn ? Math.ceil(this.fifo.size / Math.max(this.frameBytes().length, 1)) + 2 : 1;
    if (due - this.ticks > keep) {
      var skipped = due - this.ticks - keep;
      if (this.playAnchor === null) this.playAnchor = this.clockStart + (this.ticks + 1) * period;
      this.samplesTaken += skipped;
      if (fifoOn) this.fifo.overflowed = true;
      this.ticks += skipped;
    }
    while (this.ticks < due) {
      this.ticks++;
      this.takeSample(this.clockStart + this.ticks * period, fifoOn);
    }
    if (this.fifo.overflowed) this.regs[Reg.INT_STATUS] |= Bits.FIFO_OFLOW;
  }

  private takeSample(t: number, fifoOn: boolean): void {
    if (this.playAnchor === null) this.playAnchor = t;
    this.signal.sample(t - this.playAnchor, this.physical);
    var accelLsb = ACCEL_LSB_PER_G[(this.regs[Reg.ACCEL_CONFIG] >> 3) & 3] / STANDARD_GRAVITY;
    var gyroLsb = GYRO_LSB_PER_DPS[(this.regs[Reg.GYRO_CONFIG] >> 3) & 3];
    for (var i = 0; i < 3; i++) {
      this.setWord(Reg.ACCEL_XOUT_H + 2 * i, this.physical[i] * accelLsb);
      this.setWord(Reg.GYRO_XOUT_H + 2 * i, this.physical[3 + i] * gyroLsb);
    }
    this.setWord(Reg.TEMP_OUT_H, (this.temperatureC - TEMP_OFFSET_C) * TEMP_LSB_PER_C);
    this.regs[Reg.INT_STATUS] |= Bits.RAW_DATA_RDY;
    this.samplesTaken++;
    if (!fifoOn) return;
    var frame = this.frameBytes();
    var stop = (this.regs[Reg.CONFIG] & Bits.FIFO_MODE_STOP) !== 0;
    for (var b = 0; b < frame.length; b++) this.fifo.push(this.regs[Reg.ACCEL_XOUT_H + frame[b]], stop);
  }

  /** Big-endian int16, rounded and clipped to the range like the ADC. */
  private setWord(reg: number, value: number): void {
    var v = Math.round(value);
    if (v > 32767) v = 32767;
    if (v < -32768) v = -32768;
    this.regs[reg] = (v >> 8) & 0xff;
    this.regs[reg + 1] = v & 0xff;
  }

  /** Offsets (from ACCEL_XOUT_H) of the bytes one FIFO frame holds, in register order. */
  private frameBytes(): number[] {
    var en = this.regs[Reg.FIFO_EN];
    var out: number[] = [];
    if (en & Bits.FIFO_ACCEL) out.push(0, 1, 2, 3, 4, 5);
    if (en & Bits.FIFO_TEMP) out.push(6, 7);
    if (en & Bits.FIFO_XG) out.push(8, 9);
    if (en & Bits.FIFO_YG) out.push(10, 11);
    if (en & Bits.FIFO_ZG) out.push(12, 13);
    return out;
  }
}

function toSignal(signal: Recording | SignalFunction | undefined, options: PlaybackOptions): Signal {
  if (!signal) return restSignal();
  if (typeof signal === 'function') return functionSignal(signal);
  return recordingSignal(signal, options);
}
