// Issue 5/6 end to end: the esp32-mpu6500-http example, as built by the espruino CLI, runs in
// the ESP32 sandbox on a simulated MPU6500 replaying the seed's X recording. Its events go over
// the fake Wi-Fi/http, bridged to real sockets, through a proxy failing 30% of requests and a
// 10 s network outage, to the real receiver: each arrives exactly once, and the receiver's
// dashboard in headless Chromium shows them (screenshot in artifacts/examples/).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installNetworkFakes } from '../../src/testing/fakes/network';
import { SimulatedMPU6500 } from '../../src/testing/mpu6500-sim';
import { readRecordingFile } from '../../src/testing/recording';
import { GesturePipeline, ConsecutiveDebouncer } from '../../src/pipeline';
import { loadModel } from '../../src/classifiers/load-model';
import { startReceiver, type Receiver } from '../../src/server';
import { startFlakyProxy, type FlakyProxy } from '../sinks/flaky-proxy';
import { readSeedRecording } from '../pipeline/seed-recording';
import { describeWithService, findChromium } from '../server/helpers';
import { openChromiumPage } from '../server/chromium-page';
import { builtExample, withConfig, trainSeedModel, writeStorage, appStateVars, codeVars, SEED, BUILD_DIR, runWithOutage } from './helpers';

var RECORDING = 'move_x_20210522_1.csv';
var DEVICE = 'esp32-kitchen';
var browserPath = await findChromium();
var dir: string;
var rx: Receiver;
var proxy: FlakyProxy;
var modelBytes: Uint8Array;
var delivered: { id: number; gesture: string; time: number }[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-example-http-'));
  modelBytes = await trainSeedModel(path.join(dir, 'gestures.model'));
  rx = await startReceiver({ port: 0, dataDir: path.join(dir, 'receiver') });
  proxy = await startFlakyProxy(rx.port, 0.3, 2021);
});
afterAll(async () => {
  await proxy?.close();
  await rx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What the host replay of the same model and debouncer says the recording holds. */
function hostEvents() {
  var model = loadModel(modelBytes);
  var rec = readSeedRecording(RECORDING);
  var out: { timeMs: number; gesture: string }[] = [];
  var p = new GesturePipeline({
    source: { channels: rec.channels, rateHz: 100 }, model,
    debouncer: new ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 1500 }),
    onEvent: (e) => out.push({ timeMs: e.timeMs, gesture: e.gesture! }),
  });
  rec.rows.forEach((row, i) => p.push(rec.times[i], row));
  return out;
}

describe('example esp32-mpu6500-http', () => {
  it('delivers every gesture of the X recording exactly once through 30% failures and a 10 s outage', async () => {
    var token = (await rx.createToken(DEVICE)).token;
    // The clock starts unset, as on a board that has just powered up: the HTTP sink sets it
    // from the receiver's Date header, and events made before that are held and corrected.
    var sb = createEspruinoSandbox({ board: 'ESP32' });
    var net = installNetworkFakes(sb, { hosts: { '192.168.1.10': proxy.port }, wifi: { ssid: 'my-network', password: 'my-password' } });
    var sim = new SimulatedMPU6500({ now: sb.now });
    sb.i2c.I2C1.attach(0x68, sim);
    writeStorage(sb, 'gestures.model', modelBytes);
    var code = builtExample('esp32-mpu6500-http');
    sb.run(withConfig(code, { token }), 'esp32-mpu6500-http.js');
    expect(sb.run('typeof box')).toBe('undefined'); // nothing runs before boot
    await sb.boot();
    await sb.advance(1000); // Wi-Fi joins, the IMU is configured
    expect(sb.errors).toEqual([]);
    var rec = readRecordingFile(path.join(SEED, 'validation', RECORDING));
    sim.play(rec);

    var outage = { from: 9_000, to: 19_000 };
    var endMs = 1000 + rec.length * 10 + 1500;
    await runWithOutage(sb, net, outage, endMs, 2000);
    sb.run('pipeline.stop()');
    expect(sb.errors).toEqual([]);
    var expected = hostEvents();
    expect(expected.length).toBe(5); // the recording's five X gestures
    expect(expected.every((e) => e.gesture === 'x')).toBe(true);
    expect(sb.run('pipeline.counters.events')).toBe(expected.length);
    expect(sb.run('box.stats()')).toMatchObject({ queued: 0, sent: expected.length, dropped: 0, rejected: 0 });
    // The faults happened: refused and lost answers, Wi-Fi dropped once.
    expect(proxy.counts.refused + proxy.counts.answerLost).toBeGreaterThan(0);
    expect(net.wifiStats.drops).toBe(1);

    var stored = (await rx.store.queryEvents({ device: DEVICE, limit: 100 })).sort((a, b) => a.id! - b.id!);
    expect(stored.map((e) => e.id)).toEqual(expected.map((_, i) => i + 1));
    expect(stored.map((e) => e.gesture)).toEqual(expected.map((e) => e.gesture));
    // Same moments as the host replay (device clock mapped to epoch), within a hop or two.
    var offset = stored[0].time - expected[0].timeMs;
    stored.forEach((e, i) => expect(Math.abs(e.time - expected[i].timeMs - offset)).toBeLessThanOrEqual(40));
    delivered = stored.map((e) => ({ id: e.id!, gesture: e.gesture, time: e.time }));

    // Memory on the ESP32 (16,383 variables): the uploaded code lives in RAM there.
    var state = appStateVars(sb, ['eg', 'CONFIG', 'startGestures', 'box', 'pipeline', 'imu']);
    var textVars = codeVars(code);
    console.log('[memory] esp32-mpu6500-http: code ' + Buffer.byteLength(code) + ' B (~' + textVars +
      ' vars in RAM), model ' + modelBytes.length + ' B in Storage, app state ~' + state + ' vars');
    expect(textVars + state).toBeLessThan(16_383 * 0.5);
  });

  describeWithService('on the dashboard (Chromium)', browserPath, (executablePath) => {
    it('shows the delivered gestures', async () => {
      expect(delivered.length).toBe(5);
      var browser = await openChromiumPage(executablePath, { viewport: { width: 1320, height: 980 } });
      try {
        var page = browser.page;
        var errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(rx.url + '/');
        await page.waitForSelector('#live.on', { timeout: 15000 });
        var rows = page.locator('#feed tr', { hasText: DEVICE });
        await page.waitForFunction((n) => document.querySelectorAll('#feed tr').length >= n, delivered.length, { timeout: 10000 });
        expect(await rows.count()).toBe(delivered.length);
        for (var i = 0; i < delivered.length; i++) expect(await rows.nth(i).textContent()).toContain('x');
        await page.waitForSelector('#devices td:text("' + DEVICE + '")', { timeout: 10000 });
        expect(Number((await page.textContent('#k-total'))!.replace(/\D/g, ''))).toBe(delivered.length);
        fs.mkdirSync(BUILD_DIR, { recursive: true });
        await page.screenshot({ path: path.join(BUILD_DIR, 'esp32-mpu6500-http-dashboard.png'), fullPage: true });
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });
});
