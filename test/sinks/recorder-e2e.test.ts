// The recorder example runs in the ESP32 sandbox on a simulated MPU6500 replaying a seed
// recording; its console output is piped into `record` while keys are pressed. The files
// written must hold the seed's samples and the marked spans.
import { describe, it, expect, afterEach } from 'vitest';
import { PassThrough } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { SimulatedMPU6500 } from '../../src/testing/mpu6500-sim';
import { readRecordingFile } from '../../src/testing/recording';
import { parseRecordingCsv } from '../../src/host/readers/csv-recording';
import { readLabelsCsv } from '../../src/host/labels/labels-csv';
import { runRecording } from '../../src/cli/commands/record';
import { RecordSession } from '../../src/cli/commands/record-session';
import { createFakePuck } from '../../src/testing/fakes/accel-puck';

var SEED = path.resolve(__dirname, '../../../shared/data/seed/data/validation');
var EXAMPLE = path.resolve(__dirname, '../../examples/recorder/esp32-mpu6500.js');
var dirs: string[] = [];
afterEach(() => { dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })); });

async function until(cond: () => boolean): Promise<void> {
  for (var i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error('condition not reached');
}

describe('recorder example -> espruino-gestures record', () => {
  it('records the streamed samples and the gestures marked from the keyboard', async () => {
    var seed = readRecordingFile(path.join(SEED, 'move_x_20210522_1.csv'));
    var dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-record-'));
    dirs.push(dir);
    var sb = createEspruinoSandbox({ board: 'ESP32' });
    var sim = new SimulatedMPU6500({ now: sb.now });
    sb.i2c.I2C1.attach(0x68, sim);
    sb.loadBundle('esp32');
    sb.loadBundle('esp32', { module: 'espruino-gestures-recorder' });
    sim.play(seed);
    sb.run(fs.readFileSync(EXAMPLE, 'utf8'), 'esp32-mpu6500.js');

    var input = new PassThrough();
    var keys = new PassThrough();
    var session!: RecordSession;
    var messages: string[] = [];
    var outFile = path.join(dir, 'session', 'wave-1.csv');
    var labelsFile = path.join(dir, 'labels.csv');
    var done = runRecording({ outFile, labelsFile, keys: { '1': 'x', '2': 'circle' } },
      { input, keys, out: (l) => messages.push(l), err: (l) => messages.push(l) }, (s) => { session = s; });

    var sent = 0;
    var expectedSpans: Array<[number, number, string]> = [];
    var openAt = -1;
    async function pump(ms: number) {
      await sb.advance(ms);
      var lines = sb.output.slice(sent);
      sent = sb.output.length;
      var samples = session.rows.length + lines.filter((l) => /^-?\d/.test(l)).length;
      if (lines.length) input.write(lines.join('\n') + '\n');
      await until(() => session.rows.length === samples);
    }
    async function press(k: string) {
      keys.write(k);
      await new Promise((r) => setImmediate(r));
    }
    await sb.boot();
    await pump(1000);
    expect(sb.output[0]).toBe('acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms');
    for (var t = 1000; t < 18_000; t += 500) {
      await pump(500);
      if (t === 3000 || t === 9000) { await press('1'); openAt = session.lastMs; }
      if (t === 4500 || t === 10_500) { await press(' '); expectedSpans.push([openAt, session.lastMs, 'x']); }
      if (t === 12_000) { await press('2'); openAt = session.lastMs; }
      if (t === 13_000) { await press('u'); } // changed my mind: not a circle
    }
    await press('q');
    var result = await done;

    expect(result.spans.map((s) => [s.startMs, s.endMs, s.label])).toEqual(expectedSpans);
    var labels = readLabelsCsv(labelsFile);
    expect(labels.map((e) => [path.relative(dir, e.file), e.startMs, e.endMs, e.label])).toEqual(
      expectedSpans.map(([a, b, l]) => [path.join('session', 'wave-1.csv'), a, b, l]));

    var rec = parseRecordingCsv(fs.readFileSync(outFile, 'utf8'), outFile);
    expect(rec.channels).toEqual(seed.channels);
    expect(result.samples).toBeGreaterThan(1700);
    expect(rec.timesMs[0]).toBe(0);
    expect(rec.timesMs[1]).toBe(10);
    expect(rec.rateHz).toBe(100);
    // The chip samples from power-on and the recorder starts after init(), so the recording
    // begins some rows into the seed: find that offset, then every row must match the seed
    // to within the sensor's resolution (int16 counts) and the 4 printed decimals.
    var n = rec.timesMs.length;
    function meanError(off: number) {
      var sum = 0;
      for (var k = 0; k < n && k + off < seed.length; k++) for (var c = 0; c < 6; c++) sum += Math.abs(rec.values[k * 6 + c] - seed.values[(k + off) * 6 + c]);
      return sum / n;
    }
    var offset = 0;
    for (var off = 1; off <= 50; off++) if (meanError(off) < meanError(offset)) offset = off;
    expect(offset).toBeLessThanOrEqual(20); // init takes about 100 ms = 10 samples
    expect(n).toBe(Math.min(n, seed.length - offset));
    for (var k = 0; k < n; k++) {
      for (var c = 0; c < 6; c++) {
        var diff = Math.abs(rec.values[k * 6 + c] - seed.values[(k + offset) * 6 + c]);
        if (diff > (c < 3 ? 0.002 : 0.01)) throw new Error('row ' + k + ' channel ' + rec.channels[c] + ': ' + rec.values[k * 6 + c] + ' vs seed ' + seed.values[(k + offset) * 6 + c]);
      }
    }
    expect(messages.join('\n')).toMatch(/Wrote \d+ samples .* and 2 labelled gestures/);
  });

  it('the Puck.js example streams its built-in sensor at 52 Hz with 3 decimals', async () => {
    var sb = createEspruinoSandbox({ board: 'PUCKJS' });
    var puck = createFakePuck({
      signal: (t: number, out: Float64Array) => { out[0] = 1.5; out[1] = -2.25; out[2] = 9.80665; out[3] = 12; out[4] = -45.5; out[5] = 200; },
      timers: { setInterval: sb.run('setInterval'), clearInterval: sb.run('clearInterval') },
    });
    sb.defineGlobal('Puck', puck);
    sb.loadBundle('puckjs');
    sb.loadBundle('puckjs', { module: 'espruino-gestures-recorder' });
    sb.run(fs.readFileSync(path.resolve(__dirname, '../../examples/recorder/puckjs.js'), 'utf8'), 'puckjs.js');
    await sb.boot();
    await sb.advance(6000);
    expect(puck.accelRateHz).toBe(52);
    var session = new RecordSession({ keys: {} });
    var kinds = sb.output.map((l) => session.feedLine(l));
    expect(kinds.filter((k) => k === 'header').length).toBe(2); // at start and after 5 s
    expect(kinds.filter((k) => k === 'skipped').length).toBe(0);
    var rows = session.rows.map((r) => r.split(',').map(Number));
    expect(rows.length).toBeGreaterThanOrEqual(6 * 52 - 1);
    expect(sb.output[1].split(',').slice(0, 6).every((f) => /^-?\d+\.\d{3}$/.test(f))).toBe(true);
    var last = rows[rows.length - 1];
    [1.5, -2.25, 9.807, 12, -45.5, 200].forEach((want, c) => expect(Math.abs(last[c] - want)).toBeLessThanOrEqual(c < 3 ? 0.002 : 0.01));
    expect(last[6]).toBeGreaterThan(5700);
  });
});
