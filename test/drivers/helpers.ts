// Shared set-up for driver tests: the seed recording, a bus with a simulated MPU6500.
import path from 'node:path';
import { FakeI2CBus } from '../../src/testing/i2c-bus';
import { SimulatedMPU6500, type SimulatedMPU6500Options } from '../../src/testing/mpu6500-sim';
import { readRecordingFile, type Recording } from '../../src/testing/recording';
import { ALL_CHANNELS, STANDARD_GRAVITY } from '../../src/core/types';

export var SEED_DIR = path.resolve(__dirname, '../../../shared/data/seed/data/validation');
export var CIRCLE_CSV = path.join(SEED_DIR, 'move_circle_20210522_1.csv');

export function loadCircle(): Recording {
  return readRecordingFile(CIRCLE_CSV);
}

/** One LSB at +-2 g (m/s^2) and at +-250 deg/s, plus float32 rounding room. */
export var ACC_LSB = STANDARD_GRAVITY / 16384;
export var GYRO_LSB = 1 / 131;

export function simOnBus(options: Partial<SimulatedMPU6500Options> = {}, now: () => number = Date.now) {
  var bus = new FakeI2CBus();
  var sim = new SimulatedMPU6500({ now, ...options });
  bus.attach(0x68, sim);
  return { bus, sim };
}

/**
 * Largest difference, in LSBs of the default ranges, between delivered samples and
 * recording rows `first, first + step, ...` (each row repeated `repeat` times).
 */
export function worstLsbError(samples: Float32Array[], rec: Recording, repeat = 1): number {
  var worst = 0;
  for (var i = 0; i < samples.length; i++) {
    var row = Math.floor(i / repeat);
    for (var c = 0; c < 6; c++) {
      var want = rec.values[row * rec.channels.length + rec.channels.indexOf(ALL_CHANNELS[c])];
      var lsb = c < 3 ? ACC_LSB : GYRO_LSB;
      var err = Math.abs(samples[i][c] - want) / lsb;
      if (err > worst) worst = err;
    }
  }
  return worst;
}

/** The index of the recording row a sample equals (within one LSB), or -1. */
export function rowOf(sample: Float32Array, rec: Recording, hint: number): number {
  for (var d = 0; d < rec.length; d++) {
    for (var s = -1; s <= 1; s += 2) {
      var row = hint + d * s;
      if (row < 0 || row >= rec.length) continue;
      var ok = true;
      for (var c = 0; c < 6 && ok; c++) {
        var want = rec.values[row * rec.channels.length + rec.channels.indexOf(ALL_CHANNELS[c])];
        ok = Math.abs(sample[c] - want) <= (c < 3 ? ACC_LSB : GYRO_LSB);
      }
      if (ok) return row;
      if (d === 0) break;
    }
  }
  return -1;
}
