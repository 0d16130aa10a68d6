// Runs the built esp32 bundle's MPU6500 driver inside the Espruino sandbox, with the
// simulated chip on I2C1 and the sandbox's virtual clock driving both.
import { createEspruinoSandbox, type SandboxBoard } from '../../src/testing/sandbox';
import { SimulatedMPU6500, type SimulatedMPU6500Options } from '../../src/testing/mpu6500-sim';

/** Device-side harness: samples go into typed arrays, errors into a list (as an app would). */
var HARNESS = `
var g = require('espruino-gestures');
I2C1.setup({ scl: D22, sda: D21, bitrate: 400000 });
var got = { n: 0, times: new Float64Array(8000), values: new Float32Array(8000 * 6), errors: [], initError: null, ready: false };
function onSample(t, v) {
  if (got.n < 8000) { got.times[got.n] = t; got.values.set(v, got.n * v.length); }
  got.n++;
}
function onError(e) { got.errors.push({ code: e.code, message: e.message, dropped: e.dropped }); }
`;

export interface SandboxRig {
  sb: ReturnType<typeof createEspruinoSandbox>;
  sim: SimulatedMPU6500;
  /** Samples delivered so far, as [time, values] pairs (values in channel order). */
  samples(width?: number): { times: number[]; values: Float32Array[] };
  errors(): Array<{ code: string; message: string; dropped?: number }>;
  stats(): { samples: number; dropped: number; overflows: number; busErrors: number; reinits: number };
}

export function sandboxRig(simOptions: Partial<SimulatedMPU6500Options> = {}, board: SandboxBoard = 'ESP32', bundle = 'esp32', minified = false): SandboxRig {
  var sb = createEspruinoSandbox({ board });
  var sim = new SimulatedMPU6500({ now: sb.now, ...simOptions });
  sb.i2c.I2C1.attach(0x68, sim);
  sb.loadBundle(bundle, { minified });
  sb.run(HARNESS, 'harness.js');
  return {
    sb,
    sim,
    samples(width = 6) {
      var n = Math.min(sb.run('got.n'), 8000);
      var times: number[] = [];
      var values: Float32Array[] = [];
      var t = sb.run('got.times');
      var v = sb.run('got.values');
      for (var i = 0; i < n; i++) {
        times.push(t[i]);
        values.push(Float32Array.prototype.slice.call(v, i * width, (i + 1) * width));
      }
      return { times, values };
    },
    errors() {
      return JSON.parse(sb.run('JSON.stringify(got.errors)'));
    },
    stats() {
      return JSON.parse(sb.run('JSON.stringify(mpu.stats)'));
    },
  };
}
