// A fake Bangle.js 2 accelerometer: Bangle.on('accel', {x, y, z, diff, mag}) in g, paced by
// Bangle.setPollInterval(ms) (80 ms at power-on; 10..4000 ms, and it turns powerSave off as
// the firmware does), values quantised to the firmware's internal 8192 per g.
import { STANDARD_GRAVITY } from '../../core/types';
import { makeEmitter, type FakeEmitter } from './emitter';
import { hostTimers, toAccelSignal, type FakeAccelOptions } from './accel-signal';

export interface FakeBangle extends FakeEmitter {
  setPollInterval(ms: number): void;
  setOptions(options: { [k: string]: any }): void;
  getOptions(): { [k: string]: any };
  /** Current poll interval in ms. */
  pollIntervalMs: number;
  /** Events emitted so far. */
  accelEvents: number;
}

var COUNTS_PER_G = 8192;

export function createFakeBangle(options: FakeAccelOptions = {}): FakeBangle {
  var signal = toAccelSignal(options);
  var timers = options.timers || hostTimers();
  var settings: { [k: string]: any } = { powerSave: true };
  var physical = new Float64Array(6);
  var timer: any = null;
  var elapsed = 0;
  var last = { x: 0, y: 0, z: 0 };

  function tick(): void {
    elapsed += bangle.pollIntervalMs;
    signal.sample(elapsed, physical);
    var g = [0, 1, 2].map((i) => Math.round((physical[i] / STANDARD_GRAVITY) * COUNTS_PER_G) / COUNTS_PER_G);
    var diff = Math.sqrt((g[0] - last.x) ** 2 + (g[1] - last.y) ** 2 + (g[2] - last.z) ** 2);
    last = { x: g[0], y: g[1], z: g[2] };
    bangle.accelEvents++;
    bangle.emit('accel', { x: g[0], y: g[1], z: g[2], diff, mag: Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]) });
  }

  function schedule(): void {
    if (timer !== null) timers.clearInterval(timer);
    timer = timers.setInterval(tick, bangle.pollIntervalMs);
  }

  var bangle: FakeBangle = makeEmitter<any>({
    pollIntervalMs: 80,
    accelEvents: 0,
    setPollInterval(ms: number) {
      if (typeof ms !== 'number' || !(ms >= 10 && ms <= 4000)) throw new Error('Invalid interval');
      settings.powerSave = false;
      bangle.pollIntervalMs = ms;
      schedule();
    },
    setOptions(o: { [k: string]: any }) {
      for (var k in o) settings[k] = o[k];
    },
    getOptions() {
      return Object.assign({}, settings);
    },
  });
  schedule(); // Bangle's accelerometer always runs
  return bangle;
}
