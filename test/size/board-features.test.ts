// Features a board's bundle is built without (tools/boards.mjs `without`): asking for one
// fails at once with a clear BAD_CONFIG, in the plain and the minified bundle alike; a
// bundle built with the feature still has it.
import { describe, it, expect } from 'vitest';
import { sandboxRig } from '../drivers/sandbox-helpers';
import { BOARDS } from '../../tools/boards.mjs';

function tryCalibrating(bundle: string, board: 'ESP32' | 'PIXLJS', minified: boolean) {
  var rig = sandboxRig({}, board, bundle, minified);
  return rig.sb.run(`(function () {
    try { g.connectI2C(I2C1, { calibrateGyro: true }); return 'accepted'; }
    catch (e) { return e.code + ': ' + e.message; }
  })()`);
}

describe('build features per board', () => {
  it('pixljs is built without gyro calibration (tools/boards.mjs)', () => {
    expect(BOARDS.pixljs.without).toContain('mpuCalibration');
    expect(BOARDS.esp32.without || []).not.toContain('mpuCalibration');
  });

  it.each([false, true])('the pixljs bundle refuses calibrateGyro with BAD_CONFIG naming the option and the way out (minified: %s)', (minified) => {
    var result = tryCalibrating('pixljs', 'PIXLJS', minified);
    expect(result).toMatch(/^BAD_CONFIG: MPU6500 calibrateGyro is not in this board's bundle/);
    expect(result).toContain('setGyroBias(x, y, z)');
  });

  it.each([false, true])('the esp32 bundle still calibrates: calibrateGyro resolves a bias at rest (minified: %s)', async (minified) => {
    expect(tryCalibrating('esp32', 'ESP32', minified)).toBe('accepted');
    var rig = sandboxRig({}, 'ESP32', 'esp32', minified);
    rig.sb.run(`var mpu = g.connectI2C(I2C1, { rateHz: 100, calibrateGyro: true, calibrationSamples: 10 });
      mpu.init().then(function () { got.ready = true; }, function (e) { got.initError = e.code + ': ' + e.message; });`);
    await rig.sb.advance(600);
    expect(rig.sb.run('got.initError')).toBe(null);
    expect(rig.sb.run('got.ready')).toBe(true);
    expect(rig.sb.run('mpu.gyroBias.length')).toBe(3);
  });
});
