// MPU6500 driver: FIFO mode vs polling, run from the built esp32 bundle inside the Espruino
// sandbox against the simulated chip for 60 s of virtual time. The deterministic columns
// (timer callbacks, bus transactions and bytes per sample) are what costs on a real board,
// where every interpreted statement and every I2C transaction takes time; the V8 column is
// only a ratio within this run. Needs `npm run build`.
import { createEspruinoSandbox, SimulatedMPU6500 } from '../dist/node/testing.js';

var SECONDS = 60;
var CASES = [
  ['fifo, 100 Hz, read every 200 ms', "{ rateHz: 100, readIntervalMs: 200 }", 100],
  ['fifo, 200 Hz, read every 250 ms', "{ rateHz: 200, readIntervalMs: 250 }", 200],
  ['fifo, 100 Hz, 3 accel channels', "{ rateHz: 100, channels: ['acc_x', 'acc_y', 'acc_z'] }", 100],
  ['poll, 100 Hz (as the original)', "{ rateHz: 100, mode: 'poll' }", 100],
  ['poll, 50 Hz', "{ rateHz: 50, mode: 'poll' }", 50],
];

function run(options) {
  var sb = createEspruinoSandbox({ board: 'ESP32' });
  var sim = new SimulatedMPU6500({ now: sb.now, signal: (t, out) => { out.fill(0); out[2] = 9.80665; out[5] = Math.sin(t / 100) * 90; } });
  sb.i2c.I2C1.attach(0x68, sim);
  sb.loadBundle('esp32');
  sb.run(`
    var callbacks = 0, realSetInterval = setInterval;
    setInterval = function (fn, ms) { return realSetInterval(function () { callbacks++; fn(); }, ms); };
    var g = require('espruino-gestures');
    var mpu = g.connectI2C(I2C1, ${options});
    var n = 0, sum = 0;
    mpu.init().then(function () { mpu.start(function (t, v) { n++; sum += v[0]; }); });
  `);
  return sb;
}

async function measure(options) {
  var sb = run(options);
  await sb.advance(500);
  var bus = sb.i2c.I2C1.stats;
  var before = { writes: bus.writes, reads: bus.reads, bytes: bus.bytesRead, callbacks: sb.run('callbacks'), n: sb.run('n') };
  var t0 = process.hrtime.bigint();
  await sb.advance(SECONDS * 1000);
  var ns = Number(process.hrtime.bigint() - t0);
  var n = sb.run('n') - before.n;
  return {
    samples: n,
    dropped: sb.run('mpu.stats.dropped'),
    callbacksPerS: (sb.run('callbacks') - before.callbacks) / SECONDS,
    transactionsPerSample: (bus.writes + bus.reads - before.writes - before.reads) / n,
    bytesPerSample: (bus.bytesRead - before.bytes) / n,
    nsPerSample: ns / n,
  };
}

var rows = [];
for (var [name, options, rate] of CASES) rows.push([name, rate, await measure(options)]);
var base = rows[0][2].nsPerSample;
console.log('| mode | samples (expected) | dropped | timer callbacks/s | I2C transactions/sample | bytes read/sample | V8 time/sample (ratio) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (var [name, rate, r] of rows) {
  console.log(`| ${name} | ${r.samples} (${rate * SECONDS}) | ${r.dropped} | ${r.callbacksPerS.toFixed(1)} | ${r.transactionsPerSample.toFixed(2)} | ${r.bytesPerSample.toFixed(1)} | ${(r.nsPerSample / base).toFixed(2)} |`);
}
