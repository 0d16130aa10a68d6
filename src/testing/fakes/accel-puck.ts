// A fake Puck.js v2 accelerometer/gyro: Puck.accelOn(hz) then Puck.on('accel',
// {acc:{x,y,z}, gyro:{x,y,z}}) in raw counts (8192 per g, 134 per deg/s); accelOff() stops it.
import { STANDARD_GRAVITY } from '../../core/types';
import { makeEmitter, type FakeEmitter } from './emitter';
import { hostTimers, toAccelSignal, type FakeAccelOptions } from './accel-signal';

export interface FakePuck extends FakeEmitter {
  accelOn(hz?: number): void;
  accelOff(): void;
  /** Rate the accelerometer runs at, or 0 when off. */
  accelRateHz: number;
  accelEvents: number;
}

/** Rates Puck.accelOn accepts (LSM6DS3TR-C output data rates). */
export var PUCK_ACCEL_ON_RATES = [1.6, 12.5, 26, 52, 104, 208, 416, 833, 1660, 3330, 6660];

export function createFakePuck(options: FakeAccelOptions = {}): FakePuck {
  var signal = toAccelSignal(options);
  var timers = options.timers || hostTimers();
  var physical = new Float64Array(6);
  var timer: any = null;
  var k = 0;

  function counts(v: number, scale: number): number {
    return Math.max(-32768, Math.min(32767, Math.round(v * scale)));
  }

  function tick(): void {
    signal.sample((++k * 1000) / puck.accelRateHz, physical);
    var a = 8192 / STANDARD_GRAVITY;
    puck.accelEvents++;
    puck.emit('accel', {
      acc: { x: counts(physical[0], a), y: counts(physical[1], a), z: counts(physical[2], a) },
      gyro: { x: counts(physical[3], 134), y: counts(physical[4], 134), z: counts(physical[5], 134) },
    });
  }

  var puck: FakePuck = makeEmitter<any>({
    accelRateHz: 0,
    accelEvents: 0,
    accelOn(hz?: number) {
      var rate = hz === undefined ? 12.5 : hz;
      if (PUCK_ACCEL_ON_RATES.indexOf(rate) < 0) throw new Error('Invalid rate ' + rate);
      if (timer !== null) timers.clearInterval(timer);
      puck.accelRateHz = rate;
      k = 0;
      timer = timers.setInterval(tick, 1000 / rate);
    },
    accelOff() {
      if (timer !== null) timers.clearInterval(timer);
      timer = null;
      puck.accelRateHz = 0;
    },
  });
  return puck;
}
