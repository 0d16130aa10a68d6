// Puck.js v2's built-in LSM6DS3TR-C as a SampleSource. Puck.accelOn(hz) starts it;
// Puck emits 'accel' with raw counts {acc:{x,y,z}, gyro:{x,y,z}}: acc / 8192 is g (at the
// default +-4 g) and gyro / 134 is deg/s (the factors in the project's platform notes; not
// checked against a Puck.js here).
import { deviceError, ErrorCodes, configError } from '../core/errors';
import { ALL_CHANNELS, STANDARD_GRAVITY, SOURCE_UNITS } from '../core/types';
import type { SampleHandler, SampleSource, SourceErrorHandler } from '../core/types';
import { clockMs } from '../core/clock';

export interface PuckAccelOptions {
  /** 12.5, 26, 52 or 104 Hz. Default 26. */
  rateHz?: number;
  /** Any of acc_x..gyro_z in the order wanted. Default all six. */
  channels?: string[];
  clock?: () => number;
  /** The Puck object (default the global `Puck`). */
  puck?: any;
}

/** Rates Puck.accelOn accepts that this source supports. */
export var PUCK_RATES = [12.5, 26, 52, 104];
/** Raw counts per g and per deg/s. */
export var PUCK_ACC_LSB_PER_G = 8192;
export var PUCK_GYRO_LSB_PER_DPS = 134;

export class PuckAccelSource implements SampleSource {
  channels: string[];
  rateHz: number;
  /** m/s^2 and deg/s: a pipeline checks them against the model's units. */
  units = SOURCE_UNITS;
  private puck: any;
  private index: Uint8Array;
  private clock: () => number;
  private values: Float32Array;
  private listener: ((d: any) => void) | null = null;

  constructor(options?: PuckAccelOptions) {
    var o = options || {};
    this.puck = o.puck || (typeof Puck !== 'undefined' ? Puck : null);
    if (!this.puck || typeof this.puck.accelOn !== 'function') {
      throw configError('PuckAccelSource needs a Puck.js v2 (no Puck.accelOn here)');
    }
    this.rateHz = o.rateHz === undefined ? 26 : o.rateHz;
    if (PUCK_RATES.indexOf(this.rateHz) < 0) {
      throw deviceError(ErrorCodes.RATE_MISMATCH, 'Puck.js rateHz must be one of ' + PUCK_RATES.join(', ') +
        ', got ' + o.rateHz, { rateHz: o.rateHz });
    }
    this.channels = (o.channels || ALL_CHANNELS).slice();
    if (this.channels.length === 0) throw configError('channels must be a non-empty list');
    this.index = new Uint8Array(this.channels.length);
    for (var i = 0; i < this.channels.length; i++) {
      var j = ALL_CHANNELS.indexOf(this.channels[i]);
      if (j < 0) {
        throw deviceError(ErrorCodes.CHANNEL_MISMATCH, 'Puck.js has no channel "' + this.channels[i] +
          '"; it supplies ' + ALL_CHANNELS.join(', '), { channel: this.channels[i] });
      }
      this.index[i] = j;
    }
    this.clock = o.clock || clockMs;
    this.values = new Float32Array(this.channels.length);
  }

  start(onSample: SampleHandler, _onError?: SourceErrorHandler): void {
    if (this.listener) throw configError('PuckAccelSource already started: stop() first');
    var self = this;
    var index = this.index;
    var values = this.values;
    var acc = STANDARD_GRAVITY / PUCK_ACC_LSB_PER_G;
    var gyro = 1 / PUCK_GYRO_LSB_PER_DPS;
    this.listener = function (d: any) {
      for (var i = 0; i < index.length; i++) {
        var k = index[i];
        var v = k < 3 ? d.acc : d.gyro;
        var axis = k % 3;
        values[i] = (axis === 0 ? v.x : axis === 1 ? v.y : v.z) * (k < 3 ? acc : gyro);
      }
      onSample(self.clock(), values);
    };
    this.puck.on('accel', this.listener);
    this.puck.accelOn(this.rateHz);
  }

  /** Removes the listener and turns the accelerometer off. */
  stop(): void {
    if (!this.listener) return;
    this.puck.removeListener('accel', this.listener);
    this.listener = null;
    this.puck.accelOff();
  }
}
