// The dashboard and the HTML report give a gesture the same colour: both take them from
// dashboard/palette.js (alphabetical order of gesture names). Checked in a real headless
// Chromium against the colours the report uses for the same labels.
import { it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startReceiver, type Receiver } from '../../src/server';
import { labelColors } from '../../src/host/report/palette';
import { describeWithService, findChromium, tempDir, removeDir, request } from './helpers';

var browserPath = await findChromium();

function rgb(hex: string): string {
  var v = parseInt(hex.slice(1), 16);
  return 'rgb(' + (v >> 16) + ', ' + ((v >> 8) & 255) + ', ' + (v & 255) + ')';
}

describeWithService('gesture colours: dashboard = report (Chromium)', browserPath, (executablePath) => {
  var dataDir: string;
  var rx: Receiver;
  var browser: Browser;

  beforeAll(async () => {
    dataDir = tempDir();
    rx = await startReceiver({ port: 0, dataDir });
    var token = (await rx.createToken('esp32-palette')).token;
    var now = Date.now(), id = 0;
    // Arrival order (and counts) differ from the alphabetical order the colours follow.
    for (var g of ['wave', 'wave', 'x', 'circle', 'wave', 'snake']) {
      var r = await request(rx.url + '/api/v1/events', { body: { device_id: 'esp32-palette', id: ++id, time: now - 60_000 + id * 1000, gesture: g, move: 1, score: 0.9 }, token });
      expect(r.status).toBe(201);
    }
    browser = await chromium.launch({ executablePath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    removeDir(dataDir);
  });

  it('colours each gesture\'s pill in the feed as the report colours that label', async () => {
    var page = await browser.newPage();
    var errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(rx.url + '/');
    await page.waitForSelector('#live.on', { timeout: 15000 });
    await page.locator('#feed tr .pill', { hasText: 'snake' }).first().waitFor({ timeout: 10000 });
    var shown: Record<string, string> = await page.$$eval('#feed .pill', (els) => Object.fromEntries(els.map((e) => [e.textContent, getComputedStyle(e).backgroundColor])));
    var labels = ['idle', 'circle', 'snake', 'wave', 'x']; // a model's labels, idle first
    var report = labelColors(labels, 0);
    for (var g of ['circle', 'snake', 'wave', 'x']) expect(shown[g], g).toBe(rgb(report[labels.indexOf(g)]));
    expect(new Set(Object.values(shown)).size).toBe(4);
    expect(errors).toEqual([]);
  });
});
