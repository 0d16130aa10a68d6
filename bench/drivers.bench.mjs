// MPU6500 driver: FIFO mode vs polling, run from the built esp32 bundle inside the Espruino
// sandbox against the simulated chip for 60 s of virtual time. It reports what costs on a
// real board, where every interpreted statement and every I2C transaction takes time:
// timer callbacks per second, bus transactions and bytes per sample, and samples lost.
// (Host wall time is not shown: in the sandbox it is dominated by the per-timer promise
// flush, not by the driver.) Deterministic: the same numbers on every run. Needs `npm run build`.
import { createEspruinoSandbox, SimulatedMPU6500 } from '../dist/node/testing.js';

var SECONDS = 60;
var CASES = [
  ['fifo, 100 Hz, read every 200 ms', "{ rateHz: 100, readIntervalMs: 200 }", 100],
  ['fifo, 200 Hz, read every 250 ms', "{ rateHz: 200, readIntervalMs: 250 }", 200],
  ['fifo, 100 Hz, 3 accel channels', "{ rateHz: 100, channels: ['acc_x', 'acc_y', 'acc_z'] }", 100],
  ['fifo, 100 Hz, 512-byte FIFO, read every 600 ms (too slow)', "{ rateHz: 100, fifoBytes: 512, readIntervalMs: 600 }", 100],
  ['poll, 100 Hz (as the original)', "{ rateHz: 100, mode: 'poll' }", 100],
  ['poll, 50 Hz', "{ rateHz: 50, mode: 'poll' }", 50],
];

async function measure(options) {
  var sb = createEspruinoSandbox({ board: 'ESP32' });
  var sim = new SimulatedMPU6500({ now: sb.now, signal: (t, out) => { out.fill(0); out[2] = 9.80665; out[5] = Math.sin(t / 100) * 90; } });
  sb.i2c.I2C1.attach(0x68, sim);
  sb.loadBundle('esp32');
  sb.run(`
    var callbacks = 0, realSetInterval = setInterval;
    setInterval = function (fn, ms) { return realSetInterval(function () { callbacks++; fn(); }, ms); };
    var g = require('espruino-gestures');
    var mpu = g.connectI2C(I2C1, ${options});
    var n = 0;
    mpu.init().then(function () { mpu.start(function () { n++; }, function () {}); });
  `);
  await sb.advance(500);
  var bus = sb.i2c.I2C1.stats;
  var before = { transactions: bus.writes + bus.reads, bytes: bus.bytesRead, callbacks: sb.run('callbacks'), n: sb.run('n') };
  await sb.advance(SECONDS * 1000);
  var n = sb.run('n') - before.n;
  return {
    samples: n,
    stats: JSON.parse(sb.run('JSON.stringify(mpu.stats)')),
    callbacksPerS: (sb.run('callbacks') - before.callbacks) / SECONDS,
    transactionsPerSample: (bus.writes + bus.reads - before.transactions) / n,
    bytesPerSample: (bus.bytesRead - before.bytes) / n,
  };
}

console.log('| mode | samples in 60 s (sensor took) | dropped | overflows | timer callbacks/s | I2C transactions/sample | bytes read/sample |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (var [name, options, rate] of CASES) {
  var r = await measure(options);
  console.log(`| ${name} | ${r.samples} (${rate * SECONDS}) | ${r.stats.dropped} | ${r.stats.overflows} | ${r.callbacksPerS.toFixed(1)} | ${r.transactionsPerSample.toFixed(2)} | ${r.bytesPerSample.toFixed(1)} |`);
}
