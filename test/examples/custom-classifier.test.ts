// The custom-classifier example as built by the espruino CLI, in the Bangle.js 2 sandbox: a
// synthetic wrist signal (still, shaken, still, tilted left, still, tilted right) must give
// exactly shake, tilt-left, tilt-right; and the pipeline checks the hand-written spec.
import { describe, it, expect } from 'vitest';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { createFakeBangle } from '../../src/testing/fakes/accel-bangle';
import { builtExample, appStateVars } from './helpers';

var G = 9.80665;
/** acc_x..gyro_z in m/s^2 over time since the sensor started. */
function wrist(tMs: number, out: Float64Array) {
  out.fill(0);
  out[2] = G;
  var s = tMs / 1000;
  if (s >= 3 && s < 5) { out[0] = 12 * Math.sin(2 * Math.PI * 5 * s); out[1] = 8 * Math.cos(2 * Math.PI * 4 * s); }
  var tilt = s >= 8 && s < 10 ? 40 : s >= 13 && s < 15 ? -40 : 0; // degrees about the y axis
  if (tilt) { out[0] = G * Math.sin((tilt * Math.PI) / 180); out[2] = G * Math.cos((tilt * Math.PI) / 180); }
}

function sandbox() {
  var sb = createEspruinoSandbox({ board: 'BANGLEJS2' });
  var bangle = createFakeBangle({ signal: wrist, timers: { setInterval: sb.run('setInterval'), clearInterval: sb.run('clearInterval') } });
  sb.defineGlobal('Bangle', bangle);
  return { sb, bangle };
}

describe('example custom-classifier', () => {
  it('detects shake, tilt-left and tilt-right once each with the hand-written rule', async () => {
    var { sb } = sandbox();
    var code = builtExample('custom-classifier');
    sb.run(code, 'custom-classifier.js');
    await sb.advance(18_000);
    expect(sb.errors).toEqual([]);
    var events = sb.output.map((l) => l.split(' ')[0]);
    expect(events).toEqual(['shake', 'tilt-left', 'tilt-right']);
    expect(sb.run('pipeline.counters.events')).toBe(3);
    var state = appStateVars(sb, ['eg', 'SPEC', 'shakeOrTilt', 'startGestures', 'pipeline', 'source']);
    console.log('[memory] custom-classifier: code ' + Buffer.byteLength(code) + ' B, app state ~' + state + ' vars');
    expect(state).toBeLessThan(12_000 * 0.25);
  });

  it('refuses a source at a rate the spec was not written for', () => {
    var { sb } = sandbox();
    var code = builtExample('custom-classifier').replace('new eg.BangleAccelSource({ rateHz: SPEC.sourceRateHz', 'new eg.BangleAccelSource({ rateHz: 30');
    expect(code).toContain('rateHz: 30');
    expect(() => sb.run(code, 'custom-classifier.js')).toThrow(/needs samples at 25 Hz .* runs at 30 Hz/);
  });
});
