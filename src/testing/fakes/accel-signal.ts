// Shared by the Bangle.js and Puck.js fakes: what the built-in sensor feels, and a timer
// source (the host's timers by default; pass the sandbox's to run on its virtual clock).
import type { Recording } from '../recording';
import { functionSignal, recordingSignal, restSignal, type PlaybackOptions, type Signal, type SignalFunction } from '../sim-signal';

export interface FakeTimers {
  setInterval(fn: () => void, ms: number): any;
  clearInterval(id: any): void;
}

export interface FakeAccelOptions extends PlaybackOptions {
  /** acc_x..gyro_z in m/s^2 and deg/s: a recording or a function of ms since the sensor started. */
  signal?: Recording | SignalFunction;
  /** Timers to pace events; e.g. `{ setInterval: sb.run('setInterval'), clearInterval: sb.run('clearInterval') }`. */
  timers?: FakeTimers;
}

export function toAccelSignal(options: FakeAccelOptions): Signal {
  var s = options.signal;
  if (!s) return restSignal();
  if (typeof s === 'function') return functionSignal(s);
  return recordingSignal(s, options);
}

export function hostTimers(): FakeTimers {
  return {
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (id) => clearInterval(id),
  };
}
