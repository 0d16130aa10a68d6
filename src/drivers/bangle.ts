// Bangle.js 2's built-in accelerometer as a SampleSource. Bangle emits 'accel' with x, y, z
// in g at the poll interval (80 ms = 12.5 Hz by default; Bangle.setPollInterval raises it).
// Output: acc_x, acc_y, acc_z in m/s^2, like the MPU6500 driver. There is no gyro.
import { deviceError, ErrorCodes, configError } from '../core/errors';
import { STANDARD_GRAVITY, SOURCE_UNITS } from '../core/types';
import type { SampleHandler, SampleSource, SourceErrorHandler } from '../core/types';
import { clockMs } from '../core/clock';

export interface BangleAccelOptions {
  /** Sample rate in Hz; the poll interval is 1000 / rateHz ms (10..1000 ms). Default 12.5. */
  rateHz?: number;
  /** Any of acc_x, acc_y, acc_z, in the order wanted. Default all three. */
  channels?: string[];
  /** Clock in ms for timestamps. Default getTime() * 1000. */
  clock?: () => number;
  /** The Bangle object (default the global `Bangle`). */
  bangle?: any;
}

/** Bangle.js 2's default accelerometer poll interval (ms), restored by stop(). */
export var BANGLE_DEFAULT_POLL_MS = 80;

var AXES = ['acc_x', 'acc_y', 'acc_z'];

/** Maps the chosen channel names to 0..2, or throws CHANNEL_MISMATCH naming what exists. */
export function axisIndex(channels: string[], device: string): Uint8Array {
  if (!channels || typeof channels.length !== 'number' || channels.length === 0) {
    throw configError('channels must be a non-empty list');
  }
  var out = new Uint8Array(channels.length);
  for (var i = 0; i < channels.length; i++) {
    var j = AXES.indexOf(channels[i]);
    if (j < 0) {
      throw deviceError(ErrorCodes.CHANNEL_MISMATCH, device + ' has no channel "' + channels[i] +
        '"; it supplies acc_x, acc_y, acc_z', { channel: channels[i] });
    }
    out[i] = j;
  }
  return out;
}

export class BangleAccelSource implements SampleSource {
  channels: string[];
  rateHz: number;
  /** m/s^2 and deg/s: a pipeline checks them against the model's units. */
  units = SOURCE_UNITS;
  private bangle: any;
  private axes: Uint8Array;
  private pollMs: number;
  private clock: () => number;
  private values: Float32Array;
  private listener: ((a: any) => void) | null = null;
  private hadPowerSave = true;

  constructor(options?: BangleAccelOptions) {
    var o = options || {};
    this.bangle = o.bangle || (typeof Bangle !== 'undefined' ? Bangle : null);
    if (!this.bangle) throw configError('BangleAccelSource needs a Bangle.js (no global Bangle here)');
    this.rateHz = o.rateHz === undefined ? 12.5 : o.rateHz;
    this.pollMs = 1000 / this.rateHz;
    if (!(this.pollMs >= 10 && this.pollMs <= 1000)) {
      throw configError('Bangle.js rateHz must be from 1 to 100, got ' + o.rateHz);
    }
    this.channels = (o.channels || AXES).slice();
    this.axes = axisIndex(this.channels, 'Bangle.js');
    this.clock = o.clock || clockMs;
    this.values = new Float32Array(this.channels.length);
  }

  start(onSample: SampleHandler, _onError?: SourceErrorHandler): void {
    if (this.listener) throw configError('BangleAccelSource already started: stop() first');
    var self = this;
    var axes = this.axes;
    var values = this.values;
    this.listener = function (a: any) {
      for (var i = 0; i < axes.length; i++) {
        values[i] = (axes[i] === 0 ? a.x : axes[i] === 1 ? a.y : a.z) * STANDARD_GRAVITY;
      }
      onSample(self.clock(), values);
    };
    // setPollInterval also turns powerSave off (it would slow polling to 800 ms when the
    // watch is still); remember it to restore on stop().
    if (typeof this.bangle.getOptions === 'function') this.hadPowerSave = this.bangle.getOptions().powerSave !== false;
    this.bangle.setPollInterval(this.pollMs);
    this.bangle.on('accel', this.listener);
  }

  /** Removes the listener; restores the default 80 ms poll interval and power saving as it was. */
  stop(): void {
    if (!this.listener) return;
    this.bangle.removeListener('accel', this.listener);
    this.listener = null;
    this.bangle.setPollInterval(BANGLE_DEFAULT_POLL_MS);
    if (this.hadPowerSave && typeof this.bangle.setOptions === 'function') this.bangle.setOptions({ powerSave: true });
  }
}
