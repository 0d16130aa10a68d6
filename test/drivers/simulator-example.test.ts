import { expect, it } from 'vitest';
import { createEspruinoSandbox, SimulatedMPU6500 } from 'espruino-gestures/testing';

it('my ESP32 app reads the MPU6500 at 100 Hz and survives an unplugged sensor', async () => {
  const sb = createEspruinoSandbox({ board: 'ESP32' });
  const imu = new SimulatedMPU6500({
    now: sb.now, // the sandbox's virtual clock paces the simulated sensor
    // Flat on the table, turning about z: acc_x..acc_z in m/s^2, gyro_x..gyro_z in deg/s.
    signal: (tMs, out) => { out.fill(0); out[2] = 9.80665; out[5] = 90 * Math.sin(tMs / 200); },
  });
  sb.i2c.I2C1.attach(0x68, imu);
  sb.loadBundle('esp32'); // dist/espruino/esp32/espruino-gestures.js as require('espruino-gestures')
  sb.run(`
    var g = require('espruino-gestures');
    I2C1.setup({ scl: D22, sda: D21, bitrate: 400000 });
    var mpu = g.connectI2C(I2C1, { rateHz: 100 });
    var count = 0, lastAccZ = 0, errors = [];
    mpu.init().then(function () {
      mpu.start(function (timeMs, v) { count++; lastAccZ = v[2]; }, function (e) { errors.push(e.code); });
    });
  `);
  await sb.advance(1200); // 200 ms of init, then 1 s of samples
  expect(sb.run('count')).toBe(100);
  expect(sb.run('lastAccZ')).toBeCloseTo(9.80665, 3);

  imu.unplug(); // fault injection: every transaction now NACKs
  await sb.advance(500);
  expect(sb.run('errors.join()')).toBe('I2C_NACK');
  imu.replug(); // back at power-on defaults; the driver notices and configures it again
  await sb.advance(1000);
  expect(sb.run('mpu.stats.reinits')).toBe(1);
  expect(sb.run('count')).toBeGreaterThan(150);
});
