// Bangle.js 2 and Puck.js v2 sources from their board bundles, in the Espruino sandbox,
// against the fake built-in sensors paced by the sandbox's virtual timers.
import { describe, expect, it } from 'vitest';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { createFakeBangle } from '../../src/testing/fakes/accel-bangle';
import { createFakePuck } from '../../src/testing/fakes/accel-puck';

var G = 9.80665;
var SIGNAL = (t: number, out: Float64Array) => {
  out[0] = 1.5; out[1] = -2.25 + t / 10000; out[2] = G;
  out[3] = 12; out[4] = -45.5; out[5] = 200;
};

function sandboxTimers(sb: ReturnType<typeof createEspruinoSandbox>) {
  return { setInterval: sb.run('setInterval'), clearInterval: sb.run('clearInterval') };
}

var COLLECT = `
var got = { times: [], values: [] };
function onSample(t, v) { got.times.push(t); got.values.push([].slice.call(v)); }
`;

describe('BangleAccelSource (banglejs2 bundle)', () => {
  function rig() {
    var sb = createEspruinoSandbox({ board: 'BANGLEJS2' });
    var bangle = createFakeBangle({ signal: SIGNAL, timers: sandboxTimers(sb) });
    sb.defineGlobal('Bangle', bangle);
    sb.loadBundle('banglejs2');
    sb.run("var g = require('espruino-gestures');" + COLLECT);
    return { sb, bangle };
  }

  it('sets the poll interval, turns power saving off and delivers m/s^2 in the chosen order', async () => {
    var { sb, bangle } = rig();
    sb.run("var src = new g.BangleAccelSource({ rateHz: 25, channels: ['acc_z', 'acc_x'] }); src.start(onSample);");
    expect(bangle.pollIntervalMs).toBe(40);
    expect(bangle.getOptions().powerSave).toBe(false);
    await sb.advance(1000);
    var got = JSON.parse(sb.run('JSON.stringify(got)'));
    expect(got.times.length).toBe(25);
    expect(got.times[1] - got.times[0]).toBeCloseTo(40, 6);
    expect(sb.run('src.channels').join()).toBe('acc_z,acc_x');
    expect(Math.abs(got.values[3][0] - G)).toBeLessThanOrEqual(G / 8192);
    expect(Math.abs(got.values[3][1] - 1.5)).toBeLessThanOrEqual(G / 8192);
  });

  it('stop() removes the listener and restores the default rate and power saving', async () => {
    var { sb, bangle } = rig();
    sb.run('var src = new g.BangleAccelSource({ rateHz: 50 }); src.start(onSample);');
    await sb.advance(200);
    sb.run('src.stop()');
    var n = sb.run('got.times.length');
    await sb.advance(500);
    expect(sb.run('got.times.length')).toBe(n);
    expect(bangle.listenerCount('accel')).toBe(0);
    expect(bangle.pollIntervalMs).toBe(80);
    expect(bangle.getOptions().powerSave).toBe(true);
  });

  it('asking for a gyro channel is a CHANNEL_MISMATCH at start-up', () => {
    var { sb } = rig();
    var msg = sb.run(`(function(){ try { new g.BangleAccelSource({ channels: ['acc_x', 'gyro_x'] }); } catch (e) { return e.code + ': ' + e.message; } })()`);
    expect(msg).toBe('CHANNEL_MISMATCH: Bangle.js has no channel "gyro_x"; it supplies acc_x, acc_y, acc_z');
  });
});

describe('PuckAccelSource (puckjs bundle)', () => {
  function rig() {
    var sb = createEspruinoSandbox({ board: 'PUCKJS' });
    var puck = createFakePuck({ signal: SIGNAL, timers: sandboxTimers(sb) });
    sb.defineGlobal('Puck', puck);
    sb.loadBundle('puckjs');
    sb.run("var g = require('espruino-gestures');" + COLLECT);
    return { sb, puck };
  }

  it('turns the sensor on at the rate and converts raw counts to m/s^2 and deg/s', async () => {
    var { sb, puck } = rig();
    sb.run('var src = new g.PuckAccelSource({ rateHz: 52 }); src.start(onSample);');
    expect(puck.accelRateHz).toBe(52);
    await sb.advance(1001);
    var got = JSON.parse(sb.run('JSON.stringify(got)'));
    expect(got.times.length).toBe(52);
    var v = got.values[10];
    var want = [1.5, 0, G, 12, -45.5, 200];
    for (var c = 0; c < 6; c++) {
      if (c === 1) continue; // acc_y drifts with time
      expect(Math.abs(v[c] - want[c]), 'channel ' + c).toBeLessThanOrEqual(c < 3 ? G / 8192 : 1 / 134);
    }
    expect(sb.run('src.channels').join()).toBe('acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z');
  });

  it('stop() removes the listener and turns the accelerometer off', async () => {
    var { sb, puck } = rig();
    sb.run("var src = new g.PuckAccelSource({ rateHz: 104, channels: ['gyro_y'] }); src.start(onSample);");
    await sb.advance(100);
    sb.run('src.stop()');
    var n = sb.run('got.times.length');
    expect(n).toBeGreaterThan(5);
    expect(sb.run('got.values[0].length')).toBe(1);
    await sb.advance(500);
    expect(sb.run('got.times.length')).toBe(n);
    expect(puck.accelRateHz).toBe(0);
    expect(puck.listenerCount('accel')).toBe(0);
  });

  it('an unsupported rate is a RATE_MISMATCH naming the supported ones', () => {
    var { sb } = rig();
    var msg = sb.run(`(function(){ try { new g.PuckAccelSource({ rateHz: 50 }); } catch (e) { return e.code + ': ' + e.message; } })()`);
    expect(msg).toBe('RATE_MISMATCH: Puck.js rateHz must be one of 12.5, 26, 52, 104, got 50');
  });
});
