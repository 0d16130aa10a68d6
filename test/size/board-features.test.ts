// Features a board's bundle is built without (tools/boards.mjs `without`, and exports
// src/boards/<board>.ts replaces with leftOut): asking for one fails at once with a clear
// BAD_CONFIG, in the plain and the minified bundle alike; a bundle built with the feature
// still has it.
import { describe, it, expect } from 'vitest';
import { sandboxRig } from '../drivers/sandbox-helpers';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { BOARDS } from '../../tools/boards.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { trainForest, encodeModel } from '../../src/host/train/index';

/** A small valid forest model file (one channel, raw features). */
function forestFile(): number[] {
  var spec: any = { rateHz: 10, sourceRateHz: 10, windowMs: 1000, hopMs: 500, channels: ['acc_x'], features: 'raw', downsample: 'pick', labels: ['idle', 'x'], idleLabel: 0, points: 10 };
  var X = new Float32Array(20 * 10), y = new Int32Array(20);
  for (var i = 0; i < X.length; i++) X[i] = Math.sin(i * 0.7);
  for (var j = 0; j < 20; j++) y[j] = j % 2;
  return Array.from(encodeModel(spec, trainForest(X, y, 10, 2, { nTrees: 2, maxDepth: 3, seed: 1, labels: spec.labels })).bytes);
}

var LEFT_OUT = /^BAD_CONFIG: .* is not in this board's bundle \(left out to save flash, see docs\/boards\.md\): /;

/** Runs `code` (which may use `g`, the bundle) and returns 'accepted' or "CODE: message". */
function attempt(rig: { sb: { run(code: string): any } }, code: string): string {
  return rig.sb.run(`(function () {
    try { ${code}; return 'accepted'; }
    catch (e) { return e.code + ': ' + e.message; }
  })()`);
}

/** A sandbox with `g` = the board's bundle and no sensor. */
function bundleOnly(bundle: string, minified: boolean) {
  var sb = createEspruinoSandbox({ board: bundle === 'esp32' ? 'ESP32' : bundle === 'puckjs' ? 'PUCKJS' : 'PIXLJS' });
  sb.defineGlobal('g', sb.loadBundle(bundle, { minified }));
  return { sb };
}

/** An initialised MPU6500 driver `mpu` over the simulated chip. */
async function initialisedDriver(board: 'ESP32' | 'PIXLJS', bundle: string, minified: boolean, options = '{ rateHz: 100 }') {
  var rig = sandboxRig({}, board, bundle, minified);
  rig.sb.run(`var mpu = g.connectI2C(I2C1, ${options});
    mpu.init().then(function () { got.ready = true; }, function (e) { got.initError = e.code + ': ' + e.message; });`);
  await rig.sb.advance(300);
  expect(rig.sb.run('got.initError')).toBe(null);
  expect(rig.sb.run('got.ready')).toBe(true);
  return rig;
}

/** Device code: an outbox (global `box`) over a sink that records what it is sent (global `sent`). */
function outboxWith(extraOptions: string): string {
  return `sent = [];
    var sink = { send: function (events, done) { sent.push(events[0].gesture); done(null); } };
    box = g.createOutbox({ deviceId: 'pixl-1', labels: ['idle', 'wave'], sink: sink${extraOptions} });
    box.push({ timeMs: Date.UTC(2026, 11, 1), label: 1, score: 0.9 })`; // an epoch time: a boot time would be held
}

/** Device code: a GesturePipeline (global `pipe`) over a stand-in classifier, with `extra` options. */
function pipelineWith(extra: string): string {
  return `var spec = { rateHz: 10, sourceRateHz: 10, windowMs: 1000, hopMs: 500, channels: ['acc_x', 'acc_y', 'acc_z'],
      features: 'stats', stats: ['mean'], downsample: 'mean', labels: ['idle', 'wave'], idleLabel: 0, points: 10 };
    var classifier = { labels: spec.labels, predict: function () { return 0; } };
    pipe = new g.GesturePipeline({ source: { channels: spec.channels, rateHz: 10, units: { acc: 'm/s2' } },
      model: { spec: spec, classifier: classifier }, onEvent: function () {}${extra} })`;
}

describe('build features per board', () => {
  it('pixljs is built without these features (tools/boards.mjs), esp32 with all but the FFT and CRC fallbacks', () => {
    expect(BOARDS.pixljs.without).toEqual(['mpuCalibration', 'mpuPoll', 'mpuReconfigure', 'mpuReadSample', 'outboxStorage', 'bleAdvert', 'spectralFeatures', 'fftFallback', 'crcFallback', 'mathFallback', 'sampleBlocks']);
    // Every supported board has E.FFT and E.CRC32; the small-flash ones leave the spectral and cross blocks out.
    // Sample blocks (GesturePipeline.pushBlock, the MPU6500's FIFO bursts whole): only the ESP32's sources deliver them.
    expect(BOARDS.esp32.without).toEqual(['fftFallback', 'crcFallback', 'mathFallback']);
    expect(BOARDS.banglejs2.without).toEqual(['fftFallback', 'crcFallback', 'mathFallback', 'sampleBlocks']);
    expect(BOARDS.puckjs.without).toEqual(['spectralFeatures', 'fftFallback', 'crcFallback', 'mathFallback', 'defaultDebouncer', 'sampleBlocks']);
  });

  it('no board bundle carries the loop CRC-32 (the firmware\'s E.CRC32 checks the model), and a flipped byte is still MODEL_CORRUPT', () => {
    for (var board of Object.keys(BOARDS)) {
      var min = bundleOnly(board, true);
      var code = fs.readFileSync(path.join(__dirname, '../../dist/espruino', board, 'espruino-gestures.min.js'), 'utf8');
      expect(code, board).not.toMatch(/edb88320|3988292384/i); // the polynomial, as terser may print it
      var bytes = forestFile();
      expect(min.sb.run('g.loadModel(E.toArrayBuffer(String.fromCharCode.apply(null, ' + JSON.stringify(bytes) + '))).kind'), board).toBe('forest');
      bytes[20] ^= 1;
      expect(min.sb.run('(function () { try { g.loadModel(E.toArrayBuffer(String.fromCharCode.apply(null, ' + JSON.stringify(bytes) + '))); return "loaded"; } catch (e) { return e.code + ": " + e.message; } })()'), board)
        .toBe('MODEL_CORRUPT: model corrupt: checksum mismatch');
    }
  });
});

describe.each([false, true])('sample blocks per bundle (minified: %s)', (minified) => {
  it('the esp32 bundle has GesturePipeline.pushBlock; the others carry none of it', () => {
    expect(bundleOnly('esp32', minified).sb.run('typeof g.GesturePipeline.prototype.pushBlock')).toBe('function');
    for (var board of ['puckjs', 'pixljs']) {
      expect(bundleOnly(board, minified).sb.run('typeof g.GesturePipeline.prototype.pushBlock'), board).toBe('undefined');
    }
  });
});

describe.each([false, true])('the pixljs bundle refuses what it was built without (minified: %s)', (minified) => {
  it('calibrateGyro and the calibration options: BAD_CONFIG naming the way out', () => {
    var rig = sandboxRig({}, 'PIXLJS', 'pixljs', minified);
    for (var options of ['{ calibrateGyro: true }', '{ calibrationSamples: 20 }', '{ calibrationMaxSpreadDps: 2 }']) {
      var result = attempt(rig, `g.connectI2C(I2C1, ${options})`);
      expect(result).toMatch(/^BAD_CONFIG: MPU6500 calibrateGyro is not in this board's bundle/);
      expect(result).toContain('setGyroBias(x, y, z)');
    }
  });

  it("MPU6500 mode 'poll': BAD_CONFIG pointing to FIFO mode, which works", async () => {
    var rig = sandboxRig({}, 'PIXLJS', 'pixljs', minified);
    var result = attempt(rig, "g.connectI2C(I2C1, { mode: 'poll' })");
    expect(result).toMatch(LEFT_OUT);
    expect(result).toContain("MPU6500 mode 'poll'");
    expect(result).toContain("use mode 'fifo'");
    // A misspelt mode is still the plain option error, not "left out".
    expect(attempt(rig, "g.connectI2C(I2C1, { mode: 'pol' })")).toBe("BAD_CONFIG: mode must be 'fifo' or 'poll', got pol");
    var fifo = await initialisedDriver('PIXLJS', 'pixljs', minified, "{ rateHz: 50, mode: 'fifo' }");
    fifo.sb.run('mpu.start(onSample, onError)');
    await fifo.sb.advance(1000);
    fifo.sb.run('mpu.stop()');
    expect(fifo.errors()).toEqual([]);
    expect(fifo.samples().times.length).toBeGreaterThanOrEqual(45);
  });

  it('setRate / setAccelRange / setGyroRange / setDlpf: BAD_CONFIG, and the driver keeps its configuration', async () => {
    var rig = await initialisedDriver('PIXLJS', 'pixljs', minified);
    for (var call of ['setRate(50)', 'setAccelRange(g.AccelRange.G4)', 'setGyroRange(g.GyroRange.DPS500)', 'setDlpf(g.Dlpf.HZ20)']) {
      var result = attempt(rig, 'mpu.' + call);
      expect(result).toMatch(LEFT_OUT);
      expect(result).toContain('connectI2C() a new driver');
    }
    expect(rig.sb.run('mpu.rateHz')).toBe(100);
    expect(rig.sb.run('mpu.config.accelRange')).toBe(0);
  });

  it('readSample: BAD_CONFIG pointing to start()', async () => {
    var rig = await initialisedDriver('PIXLJS', 'pixljs', minified);
    var result = attempt(rig, 'mpu.readSample()');
    expect(result).toMatch(LEFT_OUT);
    expect(result).toContain('MPU6500 readSample');
    expect(result).toContain('start()');
  });

  it('outbox storage: the queue lives in RAM, Storage keeps only an id reservation, so ids rise across a reboot', async () => {
    var rig = bundleOnly('pixljs', minified);
    expect(attempt(rig, outboxWith(", storage: require('Storage')"))).toBe('accepted');
    await rig.sb.advance(10);
    expect(rig.sb.run('sent')).toEqual(['wave']);
    expect(rig.sb.run('box.stats().sent')).toBe(1);
    // One small file: the reservation, not the queue.
    expect(rig.sb.storage.list()).toEqual(['gestures.ids']);
    expect(rig.sb.run("require('Storage').read('gestures.ids')")).toBe('65');
    // A reboot: a new outbox on the same Storage starts above every id used before.
    expect(attempt(rig, outboxWith(", storage: require('Storage')"))).toBe('accepted');
    expect(rig.sb.run('box.peek(0).id')).toBe(65);
    expect(rig.sb.run("require('Storage').read('gestures.ids')")).toBe('129');
    // Without storage it still queues and sends from RAM.
    var plain = bundleOnly('pixljs', minified);
    expect(attempt(plain, outboxWith(''))).toBe('accepted');
    expect(plain.sb.storage.list()).toEqual([]);
  });

  it('createBleAdvertSink: BAD_CONFIG pointing to notifications, which work', () => {
    var rig = bundleOnly('pixljs', minified);
    var result = attempt(rig, "g.createBleAdvertSink({ nrf: { setAdvertising: function () {} }, name: 'P1' })");
    expect(result).toMatch(LEFT_OUT);
    expect(result).toContain('use createBleNotifySink');
    rig.sb.run(`var notified = 0, notifyErr = 'not called';
      var nrf = { setServices: function () {}, on: function () {}, updateServices: function () { notified++; } };
      var notify = g.createBleNotifySink({ nrf: nrf });
      notify.send([{ device_id: 'p', id: 1, time: 1700000000000, gesture: 'wave', move: 1, score: 0.5 }], function (err) { notifyErr = err; });`);
    expect(rig.sb.run('notifyErr')).toBe(null);
    expect(rig.sb.run('notified')).toBe(1);
  });

  it('ConsecutiveDebouncer: BAD_CONFIG, called or constructed, pointing to OriginalDebouncer', () => {
    var rig = bundleOnly('pixljs', minified);
    for (var code of ['new g.ConsecutiveDebouncer({ idleLabel: 0 })', 'g.ConsecutiveDebouncer({ idleLabel: 0 })']) {
      var result = attempt(rig, code);
      expect(result).toMatch(LEFT_OUT);
      expect(result).toContain('ConsecutiveDebouncer');
      expect(result).toContain('use OriginalDebouncer');
    }
    expect(attempt(rig, 'new g.OriginalDebouncer({ idleLabel: 0 })')).toBe('accepted');
  });
});

describe.each([false, true])('bundles built with those features still have them (minified: %s)', (minified) => {
  it('esp32: calibrateGyro resolves a bias at rest', async () => {
    var rig = await initialisedDriver('ESP32', 'esp32', minified, '{ rateHz: 100, calibrateGyro: true, calibrationSamples: 10 }');
    expect(rig.sb.run('mpu.gyroBias.length')).toBe(3);
  });

  it('esp32: poll mode delivers samples one period apart', async () => {
    var rig = await initialisedDriver('ESP32', 'esp32', minified, "{ rateHz: 50, mode: 'poll' }");
    rig.sb.run('mpu.start(onSample, onError)');
    await rig.sb.advance(1000);
    rig.sb.run('mpu.stop()');
    var times = rig.samples().times;
    expect(rig.errors()).toEqual([]);
    expect(times.length).toBeGreaterThanOrEqual(45);
    for (var i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeCloseTo(20, 6);
  });

  it('esp32: setRate and readSample work', async () => {
    var rig = await initialisedDriver('ESP32', 'esp32', minified);
    expect(attempt(rig, 'mpu.setRate(50)')).toBe('accepted');
    expect(rig.sb.run('mpu.rateHz')).toBe(50);
    expect(rig.sb.run('mpu.readSample().length')).toBe(6);
  });

  it('esp32: the outbox saves its queue to Storage', () => {
    var rig = bundleOnly('esp32', minified);
    expect(attempt(rig, outboxWith(", storage: require('Storage'), storageFile: 'q.outbox'"))).toBe('accepted');
    expect(rig.sb.storage.list()).toContain('q.outbox');
  });

  it('puckjs: createBleAdvertSink and ConsecutiveDebouncer', () => {
    var rig = bundleOnly('puckjs', minified);
    expect(attempt(rig, "g.createBleAdvertSink({ nrf: { setAdvertising: function () {} }, name: 'P1' })")).toBe('accepted');
    expect(attempt(rig, 'new g.ConsecutiveDebouncer({ idleLabel: 0 })')).toBe('accepted');
  });

  it('esp32 keeps GesturePipeline\'s default debouncer; puckjs asks the app to pass one', () => {
    var esp = bundleOnly('esp32', minified);
    expect(attempt(esp, pipelineWith(''))).toBe('accepted');
    var puck = bundleOnly('puckjs', minified);
    var refused = attempt(puck, pipelineWith(''));
    expect(refused).toMatch(LEFT_OUT);
    expect(refused).toContain("GesturePipeline's default debouncer");
    expect(refused).toContain('pass options.debouncer');
    expect(attempt(puck, pipelineWith(', debouncer: new g.ConsecutiveDebouncer({ idleLabel: 0 })'))).toBe('accepted');
  });
});
