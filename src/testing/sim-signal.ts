// What the simulated sensor feels: a recording played back or a function of time, as six
// values (acc_x, acc_y, acc_z in m/s^2; gyro_x, gyro_y, gyro_z in deg/s).
import { deviceError, ErrorCodes } from '../core/errors';
import { ALL_CHANNELS } from '../core/types';
import type { Recording } from './recording';

/** `tMs` is ms since playback began; fill `out` (6 values) in ALL_CHANNELS order. */
export type SignalFunction = (tMs: number, out: Float64Array) => void;

export interface PlaybackOptions {
  /**
   * How sample times between recording rows are filled: 'hold' (default) repeats the last
   * row at or before the time (a 200 Hz sensor on a 100 Hz file sees each row twice);
   * 'linear' interpolates between neighbouring rows.
   */
  interpolation?: 'hold' | 'linear';
  /** Start over after the last row (default false: the last row is held). */
  loop?: boolean;
}

export interface Signal {
  /** Fills `out` for time `tMs` since playback began. */
  sample(tMs: number, out: Float64Array): void;
  /** True once tMs has passed the last row of a recording that does not loop. */
  ended(tMs: number): boolean;
}

/** The sensor at rest, flat: 1 g on z. */
export function restSignal(): Signal {
  return {
    sample(_t, out) { out.fill(0); out[2] = 9.80665; },
    ended() { return false; }
  };
}

export function functionSignal(fn: SignalFunction): Signal {
  return { sample: fn, ended: () => false };
}

export function recordingSignal(rec: Recording, options: PlaybackOptions = {}): Signal {
  var columns = ALL_CHANNELS.map((name) => {
    var j = rec.channels.indexOf(name);
    if (j < 0) {
      throw deviceError(ErrorCodes.CHANNEL_MISMATCH, 'recording lacks channel "' + name +
        '"; the simulated MPU6500 needs ' + ALL_CHANNELS.join(', '), { channel: name });
    }
    return j;
  });
  var interpolation = options.interpolation || 'hold';
  if (interpolation !== 'hold' && interpolation !== 'linear') {
    throw deviceError(ErrorCodes.BAD_CONFIG, "interpolation must be 'hold' or 'linear', got " + interpolation);
  }
  if (rec.length < 1) throw deviceError(ErrorCodes.BAD_INPUT, 'recording has no rows');
  var t0 = rec.timesMs[0];
  var lastT = rec.timesMs[rec.length - 1] - t0;
  var step = rec.length > 1 ? 1000 / rec.rateHz : 1;
  var width = rec.channels.length;

  function rowAtOrBefore(t: number): number {
    var lo = 0, hi = rec.length - 1;
    if (t >= lastT) return hi;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (rec.timesMs[mid] - t0 <= t + 1e-9) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  return {
    sample(tMs, out) {
      var t = tMs;
      if (options.loop) t = t % (lastT + step);
      var i = rowAtOrBefore(t);
      for (var c = 0; c < 6; c++) out[c] = rec.values[i * width + columns[c]];
      if (interpolation === 'linear' && i + 1 < rec.length && t > rec.timesMs[i] - t0) {
        var a = rec.timesMs[i] - t0, b = rec.timesMs[i + 1] - t0;
        var f = (t - a) / (b - a);
        for (var k = 0; k < 6; k++) out[k] += (rec.values[(i + 1) * width + columns[k]] - out[k]) * f;
      }
    },
    ended(tMs) { return !options.loop && tMs > lastT; }
  };
}
