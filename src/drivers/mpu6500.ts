// MPU6500 (and compatible MPU9250/MPU9255) 6-axis IMU over I2C, as a SampleSource.
// The constructor touches nothing; init() configures the chip (a Promise, timer waits).
// 'fifo' mode lets the sensor's clock pace the samples: the FIFO is emptied every
// readIntervalMs and each frame gets t0 + k * period. 'poll' mode reads a 14-byte burst
// per timer tick, as the original MicroPython device did.
import { deviceError, ErrorCodes, configError } from '../core/errors';
import type { BlockHandler, DeviceError, SampleBlock, SampleHandler, SampleSource, SourceErrorHandler } from '../core/types';
import { SOURCE_UNITS } from '../core/types';
import { busError, I2CBus, registerIO, RegisterIO } from './i2c';
import { CLOCK_SET_MS, clockMs, delay } from '../core/clock';
import { Bits, Reg } from './mpu6500-registers';
import { MPU6500Config, MPU6500Options, resolveOptions } from './mpu6500-config';
import { decodeReading } from './mpu6500-decode';
import { decodeBurst, fifoBlock, setBlockBias } from './mpu6500-block';
import { checkChip, configIntact, restartFifo, writeConfig } from './mpu6500-chip';
import { measureGyroBias } from './mpu6500-calibrate';
import { BuildFeatures, notInThisBuild } from '../core/build-features';

/** Counters a user can watch; they only ever grow. */
export interface MPU6500Stats {
  samples: number;
  /** Samples the sensor took that were never delivered (overflow, bus outage; estimated from time). */
  dropped: number;
  overflows: number;
  /** Failed bus transactions while running. */
  busErrors: number;
  /** Times the chip was found reset (e.g. unplugged and replugged) and configured again. */
  reinits: number;
}

declare function changeInterval(id: any, ms: number): void;

/** How often (ms) poll mode checks that the chip still holds its configuration. */
var POLL_HEALTH_CHECK_MS = 1000;
/**
 * A timeline this far from the board's clock means the clock was stepped (setTime, SNTP),
 * not that the sensor's clock drifted (about 1%, a few ms per read): follow it at once.
 */
var CLOCK_STEP_MS = 1000;

export class MPU6500 implements SampleSource {
  channels: string[];
  rateHz: number;
  /** m/s^2 and deg/s: a pipeline checks them against the model's units. */
  units = SOURCE_UNITS;
  config: MPU6500Config;
  stats: MPU6500Stats = { samples: 0, dropped: 0, overflows: 0, busErrors: 0, reinits: 0 };
  /** Subtracted from gyro readings (deg/s), x y z; set by calibration or setGyroBias. */
  gyroBias = new Float32Array(3);
  /** WHO_AM_I found by the last init, or -1. */
  chipId = -1;
  initialised = false;

  private io: RegisterIO;
  private options: MPU6500Options;
  private clock: () => number;
  private values: Float32Array;
  private state = 'stopped'; // stopped | running | lost | reinit
  private timer: any = null;
  private handler: SampleHandler | null = null;
  private errorHandler: SourceErrorHandler | null = null;
  /** FIFO mode with a block handler: each burst is one SampleBlock (reused). */
  private blockHandler!: BlockHandler | null;
  private block!: SampleBlock | null;
  private lastErrorCode: string | null = null;
  private inHandler = false;
  /** FIFO timeline: frame k since the last FIFO reset was sampled at t0 + k * period. */
  private t0 = 0;
  private k = 0;
  private timelineValid = false;
  private lastDataAt = 0;
  private lastHealthCheck = 0;
  /** Effective FIFO read interval: readIntervalMs, lowered after an overflow. */
  private intervalMs = 0;
  /** FIFO bytes the chip really holds: fifoBytes, or 512 once a part shows it ignores the size bits. */
  private fifoLimit = 0;

  constructor(bus: I2CBus, options?: MPU6500Options) {
    if (!bus || typeof bus.writeTo !== 'function' || typeof bus.readFrom !== 'function') {
      throw configError('MPU6500 needs an I2C bus with writeTo and readFrom (e.g. I2C1 after I2C1.setup)');
    }
    this.options = copyOptions(options);
    this.config = resolveOptions(this.options);
    this.io = registerIO(bus, this.config.address, 'MPU6500');
    this.fifoLimit = this.config.fifoBytes;
    this.channels = this.config.channels;
    this.rateHz = this.config.rateHz;
    this.values = new Float32Array(this.channels.length);
    this.clock = this.options.clock || clockMs;
  }

  /**
   * Checks WHO_AM_I, resets and wakes the chip, writes rate, filters and ranges, verifies
   * them and, if asked, measures the gyro bias at rest. Resolves to this driver.
   */
  init(): Promise<MPU6500> {
    var self = this;
    var c = this.config;
    this.initialised = false;
    var io = this.io;
    return new Promise<void>(function (resolve) { resolve(); }).then(function () {
      self.chipId = checkChip(io, c.address);
      io.write(Reg.PWR_MGMT_1, Bits.RESET);
      return delay(100);
    }).then(function () {
      io.write(Reg.PWR_MGMT_1, Bits.CLKSEL_PLL);
      return delay(100);
    }).then(function () {
      io.write(Reg.PWR_MGMT_2, 0);
      writeConfig(io, c);
      if (BuildFeatures.mpuCalibration && c.calibrateGyro) {
        return measureGyroBias(io, c).then(function (bias) { self.gyroBias.set(bias); });
      }
    }).then(function () {
      self.initialised = true;
      return self;
    });
  }

  /** One reading now (a 14-byte burst), in `channels` order. */
  readSample(out?: Float32Array): Float32Array {
    if (!BuildFeatures.mpuReadSample) throw configError(notInThisBuild('MPU6500 readSample', 'start() it and use the samples it delivers'));
    this.requireInit();
    var values = out || new Float32Array(this.channels.length);
    decodeReading(this.config, this.io.read(Reg.ACCEL_XOUT_H, 14), 0, 0, 8, this.gyroBias, values);
    return values;
  }

  setRate(rateHz: number): void { this.reconfigure('rateHz', rateHz); }
  setAccelRange(range: number): void { this.reconfigure('accelRange', range); }
  setGyroRange(range: number): void { this.reconfigure('gyroRange', range); }
  setDlpf(dlpf: number): void { this.reconfigure('dlpf', dlpf); }

  /** Sets the gyro bias (deg/s) to subtract, e.g. one saved from an earlier calibration. */
  setGyroBias(x: number, y: number, z: number): void {
    this.gyroBias[0] = x; this.gyroBias[1] = y; this.gyroBias[2] = z;
  }

  /**
   * Starts delivering samples. Initialises first when init() has not run (failures go to
   * onError, and the driver keeps trying). Bus errors, overflows and re-initialisations
   * never stop it; stop() does. With onBlock, FIFO mode delivers each burst as one
   * SampleBlock instead of a call per sample (the same samples and times).
   */
  start(onSample: SampleHandler, onError?: SourceErrorHandler, onBlock?: BlockHandler): void {
    if (this.state !== 'stopped') throw configError('MPU6500 already started: stop() first');
    if (typeof onSample !== 'function') throw configError('start() needs a sample handler function');
    var self = this;
    this.handler = onSample;
    this.errorHandler = onError || null;
    if (BuildFeatures.sampleBlocks) {
      this.blockHandler = typeof onBlock === 'function' ? onBlock : null;
      this.block = null;
    }
    this.lastErrorCode = null;
    this.timelineValid = false;
    var c = this.config;
    this.intervalMs = !BuildFeatures.mpuPoll || c.mode === 'fifo' ? c.readIntervalMs : c.periodMs;
    this.timer = setInterval(function () { self.tick(); }, this.intervalMs);
    if (!this.initialised) { this.reinit(false); return; }
    try {
      this.resume();
    } catch (e) {
      this.fault(e);
    }
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    var wasRunning = this.state === 'running';
    this.state = 'stopped';
    this.handler = null;
    if (BuildFeatures.sampleBlocks) this.blockHandler = null;
    if (wasRunning && (!BuildFeatures.mpuPoll || this.config.mode === 'fifo')) {
      try { this.io.write(Reg.USER_CTRL, 0); } catch (e) { /* unplugged: nothing to switch off */ }
    }
  }

  // ---- running ----

  private tick(): void {
    if (this.state === 'running') {
      try {
        if (!BuildFeatures.mpuPoll || this.config.mode === 'fifo') this.readFifo(); else this.poll();
      } catch (e) {
        if (this.inHandler) { this.inHandler = false; throw e; } // the user's handler threw: not ours
        this.fault(e);
      }
    } else if (this.state === 'lost') {
      if (BuildFeatures.mpuPoll && this.config.mode === 'poll') this.stats.dropped++;
      this.probe();
    } else if (BuildFeatures.mpuPoll && this.state === 'reinit' && this.config.mode === 'poll') {
      this.stats.dropped++;
    }
  }

  /** (Re)starts reading on a configured chip; in FIFO mode keeps the timeline on the sensor's grid. */
  private resume(): void {
    var now = this.clock();
    if (!BuildFeatures.mpuPoll || this.config.mode === 'fifo') {
      var period = this.config.periodMs;
      if (this.timelineValid && this.clockWasSet(now)) this.timelineValid = false;
      var dropped = this.timelineValid ? this.framesSince(now) : 0;
      restartFifo(this.io, this.config);
      this.t0 = this.timelineValid ? this.t0 + (this.k + dropped) * period : now + period;
      this.k = 0;
      this.stats.dropped += dropped;
      this.timelineValid = true;
    }
    this.lastDataAt = now;
    this.lastHealthCheck = now;
    this.lastErrorCode = null;
    this.state = 'running';
  }

  private readFifo(): void {
    var c = this.config;
    var now = this.clock();
    var status = this.io.read(Reg.INT_STATUS, 1)[0];
    var countBytes = this.io.read(Reg.FIFO_COUNTH, 2);
    var count = ((countBytes[0] & 0x1f) << 8) | countBytes[1];
    var capacity = Math.floor(this.fifoLimit / c.frameBytes) * c.frameBytes;
    // Whole frames never add up to exactly 512 bytes: a count stuck there is a 512-byte FIFO
    // (a clone ignoring the size bits) that overflowed.
    if (count === 512 && this.fifoLimit > 512 && 512 % c.frameBytes !== 0) this.fifoLimit = 512;
    if ((status & Bits.FIFO_OFLOW) || count > capacity || (count === 512 && this.fifoLimit === 512 && 512 % c.frameBytes !== 0)) {
      this.overflow(now);
      return;
    }
    if (count < c.frameBytes) {
      // Nothing for longer than a read interval: the chip may have been power-cycled.
      if (now - this.lastDataAt > c.readIntervalMs + 3 * c.periodMs && !configIntact(this.io, c, true)) this.reinit(true);
      return;
    }
    var frames = Math.floor(count / c.frameBytes);
    // The newest frame was sampled in (now - period, now]: far from that, the board's clock was stepped.
    var newest = this.t0 + (this.k + frames - 1) * c.periodMs;
    if (newest - now > CLOCK_STEP_MS || now - newest > CLOCK_STEP_MS) this.t0 += now - newest;
    this.lastDataAt = now;
    var perBurst = Math.floor(c.maxBurstBytes / c.frameBytes);
    var gyroAt = c.fifoEnable & Bits.FIFO_ACCEL ? 6 : 0;
    var block = BuildFeatures.sampleBlocks && this.blockHandler ? this.block || (this.block = fifoBlock(c, perBurst)) : null;
    if (block) setBlockBias(c, block, this.gyroBias);
    while (frames > 0 && this.state === 'running') {
      var n = frames < perBurst ? frames : perBurst;
      var bytes = this.io.read(Reg.FIFO_R_W, n * c.frameBytes);
      if (BuildFeatures.sampleBlocks && block) {
        decodeBurst(bytes, block, n);
        block.t0 = this.t0;
        block.k0 = this.k;
        this.inHandler = true;
        var taken = (this.blockHandler as BlockHandler)(block);
        this.inHandler = false;
        if (taken) {
          this.k += n;
          frames -= n;
          this.stats.samples += n;
          continue;
        }
      }
      for (var f = 0; f < n && this.state === 'running'; f++) {
        decodeReading(c, bytes, f * c.frameBytes, 0, gyroAt, this.gyroBias, this.values);
        this.emit(this.t0 + this.k * c.periodMs);
        this.k++;
      }
      frames -= n;
    }
    if (this.state === 'running') this.keepTimelineOnClock(now);
  }

  /**
   * Every frame counted at `now` was sampled in (now - period, now]. When the last one's
   * timestamp falls outside (the sensor's clock runs fast or slow, up to about 1%, or the
   * start phase was guessed late), move the timeline toward it by at most half a period per
   * read: timestamps stay increasing, steps stay within half a period of 1000 / rateHz, and
   * over time they follow the board's clock.
   */
  private keepTimelineOnClock(now: number): void {
    var period = this.config.periodMs;
    var last = this.t0 + (this.k - 1) * period;
    var shift = 0;
    if (last > now + 1) shift = now - last;
    else if (last < now - period - 2) shift = now - period - last;
    if (shift > period / 2) shift = period / 2;
    if (shift < -period / 2) shift = -period / 2;
    this.t0 += shift;
  }

  /** Poll mode's tick (empty in a bundle built without poll mode: nothing calls it there). */
  private poll(): void {
    if (!BuildFeatures.mpuPoll) return;
    var now = this.clock();
    if (now - this.lastHealthCheck >= POLL_HEALTH_CHECK_MS) {
      this.lastHealthCheck = now;
      if (!configIntact(this.io, this.config, false)) { this.stats.dropped++; this.reinit(true); return; }
    }
    decodeReading(this.config, this.io.read(Reg.ACCEL_XOUT_H, 14), 0, 0, 8, this.gyroBias, this.values);
    this.emit(now);
  }

  private emit(timeMs: number): void {
    this.stats.samples++;
    this.inHandler = true;
    (this.handler as SampleHandler)(timeMs, this.values);
    this.inHandler = false;
  }

  /** The FIFO overwrote its oldest bytes, so frame alignment is gone: drop it all and restart. */
  private overflow(now: number): void {
    var c = this.config;
    var holdsFrames = Math.floor(this.fifoLimit / c.frameBytes);
    // Across a clock step the time since the last frame says nothing: count what the FIFO lost at least.
    var stepped = this.clockWasSet(now);
    var dropped = stepped ? holdsFrames : this.framesSince(now);
    restartFifo(this.io, c);
    this.t0 = stepped ? now + c.periodMs : this.t0 + (this.k + dropped) * c.periodMs;
    this.k = 0;
    this.stats.overflows++;
    this.stats.dropped += dropped;
    var holdsMs = Math.floor(holdsFrames * c.periodMs);
    var unread = Math.round(now - this.lastDataAt);
    var was = this.intervalMs;
    // Read sooner, so a late timer or a busy interpreter has more of the FIFO to spare: halve
    // the interval, at most half the FIFO's capacity, at least an eighth of it (each read costs time too).
    var next = Math.max(10, Math.floor(holdsMs / 8), Math.min(Math.floor(was / 2), Math.floor(holdsMs / 2)));
    if (next < was) this.setInterval(next);
    this.report(deviceError(ErrorCodes.FIFO_OVERFLOW, 'MPU6500 FIFO overflowed: ' + dropped + ' samples dropped (' + unread +
      ' ms unread, the FIFO holds ' + holdsMs + ' ms at ' + c.rateHz + ' Hz); reads every ' + this.intervalMs + ' ms (were ' + was + ')',
      { dropped: dropped, unreadMs: unread, readIntervalMs: this.intervalMs }));
  }

  /** True when the board's clock went from boot time to epoch time since the timeline's last frame. */
  private clockWasSet(now: number): boolean {
    return this.t0 + this.k * this.config.periodMs < CLOCK_SET_MS && now >= CLOCK_SET_MS;
  }

  private setInterval(ms: number): void {
    var self = this;
    this.intervalMs = ms;
    // Espruino: a timer made in a late callback can start a whole busy pass late; change the running one.
    if (this.timer !== null && typeof changeInterval === 'function') return changeInterval(this.timer, ms);
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = setInterval(function () { self.tick(); }, ms);
  }

  /** Frames the sensor sampled from the next expected timestamp up to `now`. */
  private framesSince(now: number): number {
    var next = this.t0 + this.k * this.config.periodMs;
    if (now < next) return 0;
    return Math.floor((now - next) / this.config.periodMs + 1e-6) + 1;
  }

  /** A bus error while running: count it, report it once per outage (and when it changes), go probing. */
  private fault(e: any): void {
    var err = busError(e, this.config.address, 'reading the MPU6500');
    if (err.code === ErrorCodes.I2C_NACK || err.code === ErrorCodes.I2C_TIMEOUT || err.code === ErrorCodes.I2C_ERROR) {
      this.stats.busErrors++;
    }
    if (this.state === 'stopped') return;
    this.state = 'lost';
    if (err.code !== this.lastErrorCode) {
      this.lastErrorCode = err.code;
      this.report(err);
    }
  }

  /** While lost: is the chip answering, and does it still hold our configuration? */
  private probe(): void {
    var intact: boolean;
    try {
      intact = this.initialised && configIntact(this.io, this.config, false);
    } catch (e) {
      this.fault(e);
      return;
    }
    if (!intact) { this.reinit(true); return; }
    try {
      this.resume();
    } catch (e2) {
      this.fault(e2);
    }
  }

  private reinit(countIt: boolean): void {
    var self = this;
    this.state = 'reinit';
    this.init().then(function () {
      if (self.state !== 'reinit') return;
      if (countIt) self.stats.reinits++;
      try {
        self.resume();
      } catch (e) {
        self.fault(e);
      }
    }, function (e: any) {
      if (self.state !== 'reinit') return;
      self.fault(e);
    });
  }

  private report(err: DeviceError): void {
    if (this.errorHandler) this.errorHandler(err);
  }

  // ---- configuration ----

  private reconfigure(key: string, value: number): void {
    if (!BuildFeatures.mpuReconfigure) {
      throw configError(notInThisBuild('Changing MPU6500 ' + key + ' after connectI2C', 'connectI2C() a new driver with the options you want'));
    }
    if (this.state !== 'stopped') throw configError('stop() the MPU6500 before changing ' + key);
    var next = copyOptions(this.options);
    (next as any)[key] = value;
    if (key === 'rateHz' && this.options.dlpf === undefined) next.dlpf = undefined;
    var config = resolveOptions(next); // throws BAD_CONFIG before anything changes
    this.options = next;
    this.config = config;
    this.rateHz = config.rateHz;
    if (this.initialised) writeConfig(this.io, config);
  }

  private requireInit(): void {
    if (!this.initialised) throw deviceError(ErrorCodes.NOT_INITIALISED, 'MPU6500 not initialised: call init() and wait for it');
  }
}

function copyOptions(options?: MPU6500Options): MPU6500Options {
  var out: any = {};
  if (options) for (var key in options) out[key] = (options as any)[key];
  return out;
}

/**
 * Like EspruinoDocs' MPU9250.connectI2C: wraps an Espruino I2C object (set up by you,
 * e.g. `I2C1.setup({scl: D22, sda: D21, bitrate: 400000})`). Call init() next.
 */
export function connectI2C(i2c: I2CBus, options?: MPU6500Options): MPU6500 {
  return new MPU6500(i2c, options);
}
