// The ESP32 recorder example as the espruino CLI builds it (RAM), on the 16,383-variable
// build: through the register-level MPU6500 stand-in it prints every sample of a 4 s seed
// segment as a CSV line, in order, none lost, values as the sensor quantised them.
import { expect, it } from 'vitest';
import { builtExample } from '../examples/helpers';
import { readSeedRecording } from '../pipeline/seed-recording';
import { describeReal } from './helpers';
import { recordingBytes, monitorCode, standinModulesInRam, runRamApp, memLine } from './example-world';

describeReal('example recorder (esp32-mpu6500.js) in the real interpreter (16,383 variables, RAM)', () => {
  it('prints each sample of the recording once, in order, as CSV', async () => {
    var rec = readSeedRecording('move_circle_20210522_1.csv');
    var rows = rec.rows.slice(0, 400);
    var r = await runRamApp({
      build: 16383,
      app: builtExample('recorder', 'esp32-mpu6500.js'),
      files: { 'rec.bin': recordingBytes(rows) },
      before: [standinModulesInRam(['mpu6500']), 'I2C1 = require("standin-mpu6500").create({ file: "rec.bin" });'].join('\n'),
      after: monitorCode({ played: 'I2C1.chip.stats.rowsPlayed >= I2C1.chip.rows', tailMs: 600, app: '{ chip: I2C1.chip.stats }' }),
      timeoutS: 60,
    });
    expect(r.uncaught, r.stdout.slice(0, 3000)).toEqual([]);
    expect(r.records('DONE')).toEqual([1]);
    var lines = r.stdout.split('\n').map((l: string) => l.replace(/^>+/, ''));
    expect(lines).toContain('acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms');
    var data = lines.filter((l: string) => /^-?\d/.test(l)).map((l: string) => l.split(',').map(Number));
    var errors = lines.filter((l: string) => /^# /.test(l));
    // Each line is the next recording row the sensor sampled (values as it quantised them:
    // 16384 LSB/g at 2 g, 131 LSB per deg/s at 250 deg/s, 4 decimals printed), in order; rows
    // are missing only where the driver reported a loss on a '# ' line.
    function matches(line: number[], row: number[]) {
      for (var c = 0; c < 6; c++) if (Math.abs(line[c] - row[c]) > (c < 3 ? 0.01 : 0.05)) return false;
      return true;
    }
    var at = -1, missing = 0, lastMs = -1;
    for (var line of data) {
      // ms since the first sample, on the driver's timeline: increasing (under load the driver
      // moves it toward the board clock by up to half a period per read, so not exactly 10 ms).
      expect(line[6]).toBeGreaterThan(lastMs);
      lastMs = line[6];
      var k = at + 1;
      while (k < rows.length && !matches(line, rows[k])) k++;
      if (k === rows.length) { expect(matches(line, rows[rows.length - 1]), 'a line that is no recording row: ' + line).toBe(true); continue; }
      missing += k - at - 1;
      at = k;
    }
    expect(at).toBe(rows.length - 1);
    if (!errors.length) expect(missing).toBe(0);
    console.log('[real] recorder esp32-mpu6500 on 16383: boot ' + memLine(r.records('MEM_BOOT')[0]) + ', running ' + memLine(r.records('MEM_RUN')[0]) +
      ', peak ' + r.records('MEM_PEAK')[0] + '; ' + (rows.length - missing) + ' of ' + rows.length + ' samples printed in order (' + errors.length + ' loss reports)');
  });
});
