// Gyro bias at rest: average `calibrationSamples` polled readings, one per sample period
// (timer chain, no busy-wait); reject with NOT_AT_REST when an axis moved too much.
import { deviceError, ErrorCodes } from '../core/errors';
import type { RegisterIO } from './i2c';
import { Reg } from './mpu6500-registers';
import { MPU6500Config, resolveOptions } from './mpu6500-config';
import { decodeReading } from './mpu6500-decode';

/** Resolves to the mean gyro reading (deg/s, x y z). */
export function measureGyroBias(io: RegisterIO, c: MPU6500Config): Promise<Float32Array> {
  var sum = new Float64Array(3), min = new Float32Array(3), max = new Float32Array(3);
  var raw = new Float32Array(6);
  var allChannels = resolveOptions({ rateHz: c.rateHz, accelRange: c.accelRange, gyroRange: c.gyroRange });
  var noBias = new Float32Array(3);
  var n = 0;
  return new Promise<Float32Array>(function (resolve, reject) {
    function step(): void {
      try {
        decodeReading(allChannels, io.read(Reg.ACCEL_XOUT_H, 14), 0, 0, 8, noBias, raw);
      } catch (e) {
        reject(e);
        return;
      }
      for (var i = 0; i < 3; i++) {
        var v = raw[3 + i];
        sum[i] += v;
        if (n === 0 || v < min[i]) min[i] = v;
        if (n === 0 || v > max[i]) max[i] = v;
      }
      n++;
      if (n < c.calibrationSamples) { setTimeout(step, c.periodMs); return; }
      for (var j = 0; j < 3; j++) {
        if (max[j] - min[j] > c.calibrationMaxSpreadDps) {
          reject(deviceError(ErrorCodes.NOT_AT_REST, 'Gyro calibration needs the sensor at rest: gyro ' +
            'xyz'.charAt(j) + ' spanned ' + (max[j] - min[j]).toFixed(2) + ' deg/s (limit ' +
            c.calibrationMaxSpreadDps + ')', { axis: j, spread: max[j] - min[j] }));
          return;
        }
      }
      var bias = new Float32Array(3);
      for (var k = 0; k < 3; k++) bias[k] = sum[k] / n;
      resolve(bias);
    }
    setTimeout(step, c.periodMs);
  });
}
