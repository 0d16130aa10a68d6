// Each fault gives its own clear error, and the driver recovers where it can: the esp32
// bundle's driver in the Espruino sandbox against the simulated MPU6500's fault injection.
import { describe, expect, it } from 'vitest';
import { I2C_ERROR_TEXT } from '../../src/testing/i2c-bus';
import { loadCircle, rowOf } from './helpers';
import { sandboxRig } from './sandbox-helpers';
import { makeHandClassifier, stdSpec } from '../pipeline/hand-classifier';

var circle = loadCircle();

async function initResult(rig: ReturnType<typeof sandboxRig>, options = '{}') {
  rig.sb.run(`var mpu = g.connectI2C(I2C1, ${options});
    mpu.init().then(function () { got.ready = true; }, function (e) {
      got.initError = { code: e.code, message: e.message, found: e.found };
    });`);
  await rig.sb.advance(300);
  return { ready: rig.sb.run('got.ready'), error: rig.sb.run('got.initError') };
}

async function running(options = '{ rateHz: 100, readIntervalMs: 200 }') {
  var rig = sandboxRig();
  var r = await initResult(rig, options);
  expect(r.error).toBe(null);
  rig.sim.play(circle);
  var startedAt = rig.sb.now();
  rig.sb.run('mpu.start(onSample, onError)');
  return { ...rig, startedAt };
}

/** Every delivered sample is a whole recording row; rows only move forward. */
function expectWholeRowsInOrder(values: Float32Array[], times: number[], startedAt: number) {
  var last = -1;
  for (var i = 0; i < values.length; i++) {
    var hint = Math.round((times[i] - startedAt - 10) / 10);
    if (hint >= circle.length) break;
    var row = rowOf(values[i], circle, hint);
    expect(row, 'sample ' + i + ' at ' + times[i]).toBeGreaterThanOrEqual(0);
    expect(Math.abs(row - hint)).toBeLessThanOrEqual(1); // timestamp within one period of the truth
    expect(row).toBeGreaterThan(last);
    last = row;
  }
}

describe('MPU6500 init errors (esp32 bundle in the sandbox)', () => {
  it('nothing at the address (ESP32 text): I2C_NACK naming the address', async () => {
    var rig = sandboxRig();
    rig.sb.i2c.I2C1.detach(0x68);
    var { error } = await initResult(rig);
    expect(error.code).toBe('I2C_NACK');
    expect(error.message).toMatch(/No answer from I2C address 0x68/);
    expect(error.message).toMatch(/doesn't ACK the transfer/);
  });

  it('nothing at the address (nRF52 text "I2C Write Error"): I2C_NACK', async () => {
    var rig = sandboxRig();
    rig.sb.i2c.I2C1.detach(0x68);
    rig.sb.i2c.I2C1.nackText = I2C_ERROR_TEXT.nrf52Nack;
    var { error } = await initResult(rig);
    expect(error.code).toBe('I2C_NACK');
    expect(error.message).toMatch(/I2C Write Error/);
  });

  it('a bus timeout: I2C_TIMEOUT', async () => {
    var rig = sandboxRig();
    rig.sim.failNext('timeout');
    var { error } = await initResult(rig);
    expect(error.code).toBe('I2C_TIMEOUT');
    expect(error.message).toMatch(/I2C bus timeout .* at 0x68/);
  });

  it('an MPU6050 in its place: WRONG_CHIP with the id found', async () => {
    var rig = sandboxRig({ whoAmI: 0x68 });
    var { error } = await initResult(rig);
    expect(error.code).toBe('WRONG_CHIP');
    expect(error.message).toBe('Failed to find MPU6500 at 0x68: WHO_AM_I = 0x68 (an MPU6050) - check your wiring/part');
    expect(error.found).toBe(0x68);
  });

  it('an unknown id: WRONG_CHIP; MPU9250 (0x71) and MPU9255 (0x73) are accepted', async () => {
    var { error } = await initResult(sandboxRig({ whoAmI: 0x12 }));
    expect(error.code).toBe('WRONG_CHIP');
    expect(error.message).toMatch(/WHO_AM_I = 0x12 \(unknown part\)/);
    for (var id of [0x71, 0x73]) {
      var rig = sandboxRig({ whoAmI: id });
      var r = await initResult(rig);
      expect(r.error).toBe(null);
      expect(rig.sb.run('mpu.chipId')).toBe(id);
    }
  });

  it('bad options: BAD_CONFIG before touching the bus', () => {
    var rig = sandboxRig();
    expect(rig.sb.run(`(function(){ try { g.connectI2C(I2C1, { rateHz: 300 }); } catch (e) { return e.code + ': ' + e.message; } })()`))
      .toMatch(/^BAD_CONFIG: rateHz 300 is not 1000\/n/);
    expect(rig.sb.i2c.I2C1.stats.writes).toBe(0);
  });
});

describe('MPU6500 faults while running (esp32 bundle in the sandbox)', () => {
  it('NACKs mid-run are counted and reported once, reading continues with whole frames', async () => {
    var rig = await running();
    await rig.sb.advance(1000);
    rig.sim.failNext('nack', 3);
    await rig.sb.advance(3000);
    rig.sb.run('mpu.stop()');
    var errors = rig.errors();
    expect(errors.map((e) => e.code)).toEqual(['I2C_NACK']);
    var stats = rig.stats();
    expect(stats.busErrors).toBe(3);
    expect(stats.reinits).toBe(0); // the chip kept its settings: no re-init needed
    var { times, values } = rig.samples();
    expectWholeRowsInOrder(values, times, rig.startedAt);
    expect(values.length + stats.dropped).toBe(Math.round((times[times.length - 1] - rig.startedAt) / 10));
    expect(times[times.length - 1]).toBeGreaterThan(rig.startedAt + 3800);
  });

  it('a NACK outage longer than the FIFO holds: one I2C_NACK, then whole frames and no spurious FIFO_OVERFLOW', async () => {
    var rig = await running();
    await rig.sb.advance(1000);
    rig.sim.failNext('nack', 8); // 8 probes, 200 ms apart: 1.6 s, the 1 KB FIFO holds 850 ms
    await rig.sb.advance(4000);
    rig.sb.run('mpu.stop()');
    expect(rig.errors().map((e) => e.code)).toEqual(['I2C_NACK']);
    var stats = rig.stats();
    expect(stats.overflows).toBe(0);
    expect(stats.dropped).toBeGreaterThanOrEqual(150);
    var { times, values } = rig.samples();
    expectWholeRowsInOrder(values, times, rig.startedAt);
    expect(values.length + stats.dropped).toBe(Math.round((times[times.length - 1] - rig.startedAt) / 10));
  });

  it('a 1.5 s stall of the interpreter overflows the FIFO; the driver says so with real figures, reads sooner and carries on', async () => {
    var rig = await running();
    await rig.sb.advance(1000);
    rig.sb.timers.now += 1500; // no timer runs for 1.5 s (a busy loop), then they catch up
    await rig.sb.advance(2000);
    rig.sb.run('mpu.stop()');
    var errors = rig.errors();
    expect(errors.map((e) => e.code)).toEqual(['FIFO_OVERFLOW']);
    expect(errors[0].dropped).toBeGreaterThanOrEqual(140);
    expect(errors[0].dropped).toBeLessThanOrEqual(170);
    // 1 KB at 100 Hz holds 850 ms; the interval halves (floored at an eighth of the FIFO).
    expect(errors[0].message).toMatch(/^MPU6500 FIFO overflowed: \d+ samples dropped \(1[5-7]\d\d ms unread, the FIFO holds 850 ms at 100 Hz\); reads every 106 ms \(were 200\)$/);
    var stats = rig.stats();
    var { times, values } = rig.samples();
    expectWholeRowsInOrder(values, times, rig.startedAt);
    expect(values.length + stats.dropped).toBe(Math.round((times[times.length - 1] - rig.startedAt) / 10));
    expect(times[times.length - 1]).toBeGreaterThan(rig.startedAt + 4300);
  });

  it('the board\'s clock set mid-run (setTime): timestamps follow at once, nothing dropped', async () => {
    var rig = await running();
    await rig.sb.advance(1000);
    var epoch = Date.UTC(2026, 11, 1, 12);
    rig.sb.run('setTime(' + epoch / 1000 + ')');
    var stepAt = rig.sb.now();
    await rig.sb.advance(1000);
    rig.sb.run('mpu.stop()');
    expect(rig.errors()).toEqual([]);
    expect(rig.stats().dropped).toBe(0);
    var { times } = rig.samples();
    var after = times.filter((t) => t >= epoch);
    expect(after.length).toBeGreaterThan(90);
    // every sample keeps its 10 ms step and sits within a period of the clock that was set
    for (var i = 1; i < after.length; i++) expect(Math.abs(after[i] - after[i - 1] - 10)).toBeLessThanOrEqual(5);
    expect(Math.abs(after[after.length - 1] - (epoch + (rig.sb.now() - stepAt)))).toBeLessThanOrEqual(20);
  });

  it('a bus timeout mid-run is reported as I2C_TIMEOUT and reading resumes', async () => {
    var rig = await running();
    await rig.sb.advance(500);
    rig.sim.failNext('timeout', 1);
    await rig.sb.advance(1500);
    var errors = rig.errors();
    expect(errors.map((e) => e.code)).toEqual(['I2C_TIMEOUT']);
    var before = rig.sb.run('got.n');
    await rig.sb.advance(500);
    expect(rig.sb.run('got.n')).toBeGreaterThan(before);
    expect(rig.stats().busErrors).toBe(1);
  });

  it('unplug then replug: one I2C_NACK, then the driver re-initialises the reset chip and carries on', async () => {
    var rig = await running();
    await rig.sb.advance(1000);
    rig.sim.unplug();
    await rig.sb.advance(2000);
    var during = rig.sb.run('got.n');
    await rig.sb.advance(1000);
    expect(rig.sb.run('got.n')).toBe(during); // nothing while unplugged
    rig.sim.replug(); // back at power-on defaults: asleep, FIFO off
    await rig.sb.advance(2000);
    rig.sb.run('mpu.stop()');
    expect(rig.errors().map((e) => e.code)).toEqual(['I2C_NACK']);
    var stats = rig.stats();
    expect(stats.reinits).toBe(1);
    expect(stats.busErrors).toBeGreaterThanOrEqual(10); // one per probe while unplugged
    expect(stats.dropped).toBeGreaterThanOrEqual(290); // about 3 s at 100 Hz plus the re-init
    var { times, values } = rig.samples();
    expect(times[times.length - 1]).toBeGreaterThan(rig.startedAt + 5500); // samples again after replug
    expectWholeRowsInOrder(values, times, rig.startedAt);
  });

  it('a silent power cycle between two reads is noticed (empty FIFO) and re-initialised', async () => {
    var rig = await running();
    await rig.sb.advance(1000);
    rig.sim.unplug();
    rig.sim.replug();
    await rig.sb.advance(2000);
    expect(rig.errors()).toEqual([]);
    expect(rig.stats().reinits).toBe(1);
    var { times, values } = rig.samples();
    expect(times[times.length - 1]).toBeGreaterThan(rig.startedAt + 2500);
    expectWholeRowsInOrder(values, times, rig.startedAt);
  });

  it('an injected FIFO overflow is reported with its dropped count; no misaligned frame follows', async () => {
    var rig = await running();
    await rig.sb.advance(1050);
    rig.sim.forceOverflow();
    await rig.sb.advance(2000);
    rig.sb.run('mpu.stop()');
    var errors = rig.errors();
    expect(errors.map((e) => e.code)).toEqual(['FIFO_OVERFLOW']);
    expect(errors[0].dropped).toBeGreaterThan(0);
    var { times, values } = rig.samples();
    expectWholeRowsInOrder(values, times, rig.startedAt);
  });
});

describe('MPU6500 losses as the pipeline counts them (esp32 bundle in the sandbox)', () => {
  it('pipeline.counters.dropped is the driver\'s stats.dropped after an outage and a stall', async () => {
    var rig = sandboxRig();
    rig.sb.defineGlobal('SPEC', stdSpec());
    rig.sb.defineGlobal('CLASSIFIER', makeHandClassifier());
    rig.sb.run(`var mpu = g.connectI2C(I2C1, { rateHz: 100 });
      var pipeline = new g.GesturePipeline({ source: mpu, model: { spec: SPEC, classifier: CLASSIFIER },
        onEvent: function () {}, onError: onError });
      pipeline.start();`);
    rig.sim.play(circle);
    await rig.sb.advance(1500);
    rig.sim.failNext('nack', 8);
    await rig.sb.advance(3000);
    rig.sb.timers.now += 1500;
    await rig.sb.advance(1000);
    var counters = rig.sb.run('JSON.stringify(pipeline.counters)');
    var c = JSON.parse(counters);
    var stats = rig.stats();
    expect(rig.errors().map((e) => e.code)).toEqual(['I2C_NACK', 'FIFO_OVERFLOW']);
    expect(stats.dropped).toBeGreaterThan(250);
    expect(c.dropped).toBe(stats.dropped);
  });
});
