// A real board's power-up, stalls and faults, in the real Espruino interpreter (16,383-variable
// build, the esp32 bundle uploaded into RAM as the CLI does) with the register-level MPU6500
// stand-in (test/espruino/standins/mpu6500.js) at rest: an unset clock, a 1.5 s stall of the
// interpreter, and bad input (a corrupt model string, a wrong WHO_AM_I, nothing at the
// address, unplug and replug while running). Each run is a few seconds of real time.
import { expect, it } from 'vitest';
import { EspruinoWorld } from '../../src/testing/espruino-real';
import { describeReal, bundle, standin } from './helpers';
import { recordingBytes } from './example-world';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ROOT } from './helpers';
import { loadCircle } from '../drivers/helpers';
import { stdSpec, DEVICE_HAND_CLASSIFIER } from '../pipeline/hand-classifier';

var EPOCH = Date.UTC(2026, 11, 1, 9, 30);
/** The shipped Puck.js model as an app carries it in its source (base64), one character changed. */
function corruptModelString(): string {
  var b64 = fs.readFileSync(path.join(ROOT, 'data', 'models', 'puckjs-cgestures.egm')).toString('base64');
  var i = Math.floor(b64.length / 2);
  return b64.slice(0, i) + (b64[i] === 'A' ? 'B' : 'A') + b64.slice(i + 1);
}

/** At rest, flat: the stand-in holds its last row. */
var REST = recordingBytes([[0, 0, 9.80665, 0, 0, 0]]);

/**
 * A board that has just powered up: getTime() counts from boot. The Linux build's clock is
 * the host's (and its setTime upsets its timers), so both are stood in for through global.
 */
var UNSET_CLOCK = [
  'var hostTime = getTime, bootAt = hostTime();',
  'global.getTime = function () { return hostTime() - bootAt; };',
  'global.setTime = function (s) { bootAt = hostTime() - s; };',
  '/** What SNTP does on an ESP32: steps the clock underneath Espruino. */',
  'function sntpAnswers(ms) { bootAt = hostTime() - ms / 1000; }',
].join('\n');

/** The seed's circle recording (6 channels, 100 Hz) as the stand-in plays it. */
function circleBytes(): Uint8Array {
  var rec = loadCircle();
  var rows: number[][] = [];
  // Three times over, so a gesture follows the stall even on a machine too loaded to keep real time.
  for (var k = 0; k < 3; k++) for (var i = 0; i < rec.length; i++) rows.push(Array.prototype.slice.call(rec.values, i * 6, i * 6 + 6));
  return recordingBytes(rows);
}

async function run(script: string, timeoutS = 20) {
  var world = new EspruinoWorld({ build: 16383, timeoutS });
  try {
    await world.writeStorage({ 'standin-mpu6500': standin('mpu6500'), 'rest.bin': REST, 'circle.bin': circleBytes() });
    var prelude = 'Modules.addCached("espruino-gestures",function(){' + bundle('esp32', true) + '\n});\n' +
      'var eg = require("espruino-gestures");\n';
    var r = await world.run(prelude + script, { until: 'DONE' });
    expect(r.uncaught, r.stdout).toEqual([]);
    return r;
  } finally {
    world.cleanup();
  }
}

/** The driver on the stand-in, samples counted, errors recorded with what the tests check. */
var IMU = [
  'var bus = require("standin-mpu6500").create({ file: "rest.bin", rateHz: 100 });',
  'var got = { n: 0, last: 0, errors: [] };',
  'function onSample(t) { got.n++; got.last = t; }',
  'function onError(e) { got.errors.push({ code: e.code, message: e.message, dropped: e.dropped, unreadMs: e.unreadMs }); }',
].join('\n');

describeReal('power-up, stalls and faults in the real interpreter', () => {
  it('an unset clock: events are held with their boot time, then corrected exactly by setClock, or by an SNTP step within the outbox\'s look', async () => {
    var r = await run([
      UNSET_CLOCK,
      'var sent = [], errors = [];',
      'var box = eg.createOutbox({ deviceId: "esp32-a", labels: ["idle", "x", "y"], onError: function (e) { errors.push(e.code); },',
      '  sink: { maxBatch: 10, send: function (ev, done) { ev.forEach(function (e) { sent.push([e.id, e.time]); }); done(null); } } });',
      'var pushedAt = [];',
      'function push(label) { var t = getTime() * 1000; pushedAt.push(t); box.push({ timeMs: t, label: label, score: 0.9 }); }',
      'setTimeout(function () { push(1); }, 300);',
      'setTimeout(function () {',
      '  report("HELD", { stats: box.stats(), sent: sent.length, errors: errors, boot: pushedAt[0] });',
      '  var before = getTime() * 1000; eg.setClock(' + EPOCH + '); report("SET", { before: before, after: getTime() * 1000 });',
      '}, 900);',
      'setTimeout(function () { report("FIRST", sent.slice()); push(2); }, 1500);',
      // A second boot-time event and a clock stepped underneath, as SNTP does, in a fresh outbox.
      'var sent2 = [];',
      'setTimeout(function () {',
      '  bootAt = hostTime();', // as if powered up again (a fresh clock)
      '  global.box2 = eg.createOutbox({ deviceId: "esp32-b", labels: ["idle", "x"], sink: { maxBatch: 10, send: function (ev, done) { ev.forEach(function (e) { sent2.push(e.time); }); done(null); } } });',
      '}, 1700);',
      'setTimeout(function () { box2.push({ timeMs: getTime() * 1000, label: 1, score: 1 }); report("BOOT2", getTime() * 1000); }, 1900);',
      'setTimeout(function () { var at = getTime() * 1000; sntpAnswers(' + EPOCH + '); report("STEP", at); }, 2300);',
      'setTimeout(function () { report("SENT", { sent: sent, stats: box.stats(), sent2: sent2 }); report("DONE", 1); }, 3300);',
    ].join('\n'));
    var held = r.records('HELD')[0];
    expect(held.boot).toBeLessThan(1000); // boot time: ~300 ms
    expect(held.stats).toMatchObject({ queued: 1, held: 1 });
    expect(held.sent).toBe(0);
    expect(held.errors).toEqual(['CLOCK_UNSET']);
    var set = r.records('SET')[0];
    var out = r.records('SENT')[0];
    // Corrected by the exact step: the boot time plus (epoch - boot time when set).
    var truth = held.boot + (set.after - set.before) ;
    expect(Math.abs(out.sent[0][1] - truth)).toBeLessThanOrEqual(2);
    expect(out.sent[0][1]).toBeGreaterThan(EPOCH - 1000);
    expect(out.sent[1][1]).toBeGreaterThan(EPOCH); // made after the clock was set: sent as is
    expect(out.stats).toMatchObject({ queued: 0, sent: 2, held: 0 });
    // SNTP-like step: noticed within the outbox's 500 ms look (late by at most that).
    var made = r.records('BOOT2')[0], stepAt = r.records('STEP')[0];
    expect(out.sent2.length).toBe(1);
    var truth2 = EPOCH - (stepAt - made);
    expect(out.sent2[0]).toBeGreaterThanOrEqual(truth2 - 5);
    expect(out.sent2[0] - truth2).toBeLessThanOrEqual(600);
  });

  it('an unset clock and a receiver over real HTTP: the HTTP sink sets the clock from its Date header, the held event goes out within a second of its true time', async () => {
    var posted: any[] = [];
    var requests: string[] = [];
    var server = http.createServer((req, res) => {
      requests.push(req.method + ' ' + req.url);
      var body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        if (req.method === 'POST') posted.push(...JSON.parse(body));
        res.writeHead(200, { 'Content-Type': 'application/json' }); // Node adds the Date header
        res.end(req.method === 'GET' ? '{"status":"ok"}' : '{"stored":1}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    var port = (server.address() as any).port;
    try {
      var r = await run([
        UNSET_CLOCK,
        'var box = eg.createOutbox({ deviceId: "esp32-a", labels: ["idle", "x"], onError: function (e) { report("ERR", e.code); },',
        '  sink: eg.createHttpSink({ host: "127.0.0.1", port: ' + port + ', timeoutMs: 4000 }) });',
        'setTimeout(function () { report("PUSH", { boot: getTime() * 1000, host: hostTime() * 1000 }); box.push({ timeMs: getTime() * 1000, label: 1, score: 0.9 }); }, 300);',
        'var t0 = hostTime(), mon = setInterval(function () { if (box.stats().sent || hostTime() - t0 > 8) { clearInterval(mon); report("END", { stats: box.stats(), clock: getTime() * 1000, host: hostTime() * 1000 }); report("DONE", 1); } }, 100);',
      ].join('\n'));
      var push = r.records('PUSH')[0], end = r.records('END')[0];
      expect(push.boot).toBeLessThan(2000);
      expect(r.records('ERR')).toEqual(['CLOCK_UNSET']);
      expect(requests).toEqual(['GET /api/v1/health', 'POST /api/v1/events']);
      expect(end.stats).toMatchObject({ sent: 1, held: 0, rejected: 0 });
      expect(Math.abs(end.clock - end.host)).toBeLessThanOrEqual(1000); // set from the Date header (whole seconds, +0.5 s)
      expect(posted.length).toBe(1);
      expect(Math.abs(posted[0].time - push.host)).toBeLessThanOrEqual(1000);
    } finally {
      server.close();
    }
  });

  it('a 1.5 s stall (busy loop) overflows the FIFO: FIFO_OVERFLOW with the real figures, reads sooner, samples flow on', async () => {
    var r = await run([
      IMU,
      'var imu = eg.connectI2C(bus, { rateHz: 100 });',
      'imu.init().then(function () { imu.start(onSample, onError); report("STARTED", getTime()); });',
      'var stalledN = -1, stallEnd = 0;',
      'setTimeout(function () { var t = getTime(); while (getTime() - t < 1.5) {} stalledN = got.n; stallEnd = getTime(); report("STALLED", got.n); }, 1500);',
      // Ends once 100 samples came after the stall (1 s at 100 Hz), or 15 s after it on a starved machine.
      'var mon = setInterval(function () { if (stalledN >= 0 && (got.n - stalledN >= 100 || getTime() - stallEnd > 15)) {',
      '  clearInterval(mon); report("END", { n: got.n, stats: imu.stats, errors: got.errors }); imu.stop(); report("DONE", 1); } }, 100);',
    ].join('\n'), 40);
    var end = r.records('END')[0];
    var stalledAt = r.records('STALLED')[0];
    // The stall's overflow first; a machine too loaded to keep real time may overflow again later.
    expect(end.errors.length).toBeGreaterThanOrEqual(1);
    expect(end.errors.every((x: any) => x.code === 'FIFO_OVERFLOW')).toBe(true);
    var e = end.errors[0];
    expect(e.dropped).toBeGreaterThanOrEqual(50);
    expect(e.unreadMs).toBeGreaterThanOrEqual(1500);
    expect(e.message).toBe('MPU6500 FIFO overflowed: ' + e.dropped + ' samples dropped (' + e.unreadMs + ' ms unread, the FIFO holds 850 ms at 100 Hz); reads every 106 ms (were 200)');
    expect(end.stats.overflows).toBe(end.errors.length);
    expect(end.n - stalledAt).toBeGreaterThanOrEqual(100); // samples flow again
    console.log('[real] stall: ' + e.message);
  });

  it('a 1.5 s stall in the middle of a recording: the driver recovers and the next gesture is detected', async () => {
    var r = await run([
      'var bus = require("standin-mpu6500").create({ file: "circle.bin", rateHz: 100 });',
      'var imu = eg.connectI2C(bus, { rateHz: 100 }), events = [], errors = [];',
      // The hand-written rule (test/pipeline/hand-classifier.ts) over per-channel std, a window every 100 ms.
      'var pipeline = new eg.GesturePipeline({ source: imu, model: { spec: ' + JSON.stringify(stdSpec({ hopMs: 100 })) + ', classifier: ' + DEVICE_HAND_CLASSIFIER + ' },',
      '  debouncer: new eg.ConsecutiveDebouncer({ idleLabel: 0, count: 2, refractoryMs: 1500 }),',
      '  onEvent: function (e) { events.push({ gesture: e.gesture, row: bus.chip.stats.rowsPlayed }); },',
      '  onError: function (e) { errors.push(e.code); } });',
      'imu.init().then(function () { pipeline.start(); });',
      'var stalledAt = -1;',
      'setTimeout(function () { var t = getTime(); while (getTime() - t < 1.5) {} stalledAt = bus.chip.stats.rowsPlayed; }, 3000);',
      'var mon = setInterval(function () {',
      '  var after = stalledAt >= 0 && events.some(function (e) { return e.row > stalledAt + 150; });',
      '  if (after || bus.chip.stats.rowsPlayed >= bus.chip.rows - 1 || getTime() > mon0 + 50) {',
      '    clearInterval(mon); report("END", { events: events, errors: errors, stalledAt: stalledAt, counters: pipeline.counters, stats: imu.stats }); pipeline.stop(); report("DONE", 1);',
      '  }',
      '}, 250);',
      'var mon0 = getTime();',
    ].join('\n'), 70);
    var end = r.records('END')[0];
    // The stall's overflow (on a loaded machine the interpreter may fall behind once more).
    expect(end.errors.length).toBeGreaterThanOrEqual(1);
    expect(end.errors.every((c: string) => c === 'FIFO_OVERFLOW')).toBe(true);
    expect(end.stalledAt).toBeGreaterThan(0);
    var before = end.events.filter((e: any) => e.row <= end.stalledAt);
    var after = end.events.filter((e: any) => e.row > end.stalledAt + 150);
    expect(after.length).toBeGreaterThanOrEqual(1); // the next gesture after the stall
    expect(end.events.every((e: any) => e.gesture === 'circle')).toBe(true);
    expect(end.counters.dropped).toBe(end.stats.dropped);
    console.log('[real] stall mid-recording: ' + end.events.length + ' circle events, ' + before.length + ' before the stall (row ' +
      end.stalledAt + '), ' + after.length + ' after; dropped ' + end.stats.dropped);
  }, 90_000);

  it('bad input gives the SDK\'s codes: corrupt model string, wrong WHO_AM_I, nothing at the address', async () => {
    var r = await run([
      'var bus = require("standin-mpu6500").create({ file: "rest.bin", rateHz: 100, whoAmI: 0x68 });',
      'try { eg.loadModel("' + corruptModelString() + '"); report("MODEL", "loaded"); } catch (e) { report("MODEL", { code: e.code, message: e.message }); }',
      'eg.connectI2C(bus, {}).init().then(function () { report("CHIP", "ok"); }, function (e) { report("CHIP", { code: e.code, message: e.message, found: e.found }); });',
      'eg.connectI2C(bus, { address: 0x69 }).init().then(function () { report("NACK", "ok"); }, function (e) { report("NACK", { code: e.code, message: e.message }); });',
      'setTimeout(function () { report("DONE", 1); }, 500);',
    ].join('\n'));
    expect(r.records('MODEL')[0].code).toBe('MODEL_CORRUPT');
    // Found by the firmware's E.CRC32: board bundles carry no loop CRC (build feature crcFallback).
    expect(r.records('MODEL')[0].message).toBe('model corrupt: checksum mismatch');
    expect(r.records('CHIP')[0]).toEqual({ code: 'WRONG_CHIP', found: 0x68,
      message: 'Failed to find MPU6500 at 0x68: WHO_AM_I = 0x68 (an MPU6050) - check your wiring/part' });
    expect(r.records('NACK')[0].code).toBe('I2C_NACK');
    expect(r.records('NACK')[0].message).toMatch(/No answer from I2C address 0x69/);
    console.log('[real] corrupt model: ' + r.records('MODEL')[0].code + ' ' + r.records('MODEL')[0].message);
  });

  it('unplug and replug while running: one I2C_NACK, the reset chip is configured again, samples flow on', async () => {
    var r = await run([
      IMU,
      'var imu = eg.connectI2C(bus, { rateHz: 100 });',
      'imu.start(onSample, onError);', // start() initialises by itself
      'var replugN = -1, replugAt = 0, unplugAt = 0, unplugged = false, startAt = getTime();',
      'setTimeout(function () { bus.chip.unplugged = unplugged = true; unplugAt = getTime(); report("UNPLUG", got.n); }, 1500);',
      // Replugged once the driver has probed the missing chip three times (about 0.6 s on an idle machine).
      'var mon = setInterval(function () {',
      '  if (unplugged && replugN < 0 && (imu.stats.busErrors >= 3 || getTime() - startAt > 20)) {',
      '    bus.chip.unplugged = false; bus.chip.powerOn(); replugN = got.n; replugAt = getTime(); report("REPLUG", got.n); }',
      '  if (replugN >= 0 && ((imu.stats.reinits && got.n - replugN >= 100) || getTime() - replugAt > 15)) {',
      '  clearInterval(mon); report("END", { n: got.n, stats: imu.stats, errors: got.errors, outageS: replugAt - unplugAt, sinceUnplugS: getTime() - unplugAt }); imu.stop(); report("DONE", 1); } }, 100);',
    ].join('\n'), 45);
    var end = r.records('END')[0];
    // One report for the outage (a machine too loaded to keep real time may also overflow the FIFO).
    expect(end.errors.map((e: any) => e.code).filter((c: string) => c !== 'FIFO_OVERFLOW')).toEqual(['I2C_NACK']);
    expect(end.stats.reinits).toBe(1);
    expect(end.stats.busErrors).toBeGreaterThanOrEqual(3);
    expect(r.records('REPLUG')[0]).toBe(r.records('UNPLUG')[0]); // nothing while unplugged
    expect(end.n - r.records('REPLUG')[0]).toBeGreaterThanOrEqual(100); // samples again after the replug
    // The samples the chip could not deliver are counted: at least the outage's 100 Hz frames
    // (how long it lasts depends on the machine's load), never more than the time since the unplug.
    expect(end.stats.dropped).toBeGreaterThanOrEqual(Math.floor(end.outageS * 100 * 0.9));
    expect(end.stats.dropped).toBeLessThanOrEqual(Math.ceil(end.sinceUnplugS * 100) + 1);
    expect(end.stats.dropped).toBeGreaterThan(0);
  });
});
