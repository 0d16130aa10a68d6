// The dashboard in a real headless Chromium: an event posted by the test shows up live,
// without a reload; the screenshot goes to artifacts/dashboard.png.
import fs from 'node:fs';
import path from 'node:path';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { type Page } from 'playwright-core';
import { openChromiumPage, type ChromiumPage } from './chromium-page';
import { startReceiver, type Receiver } from '../../src/server';
import { describeWithService, findChromium, tempDir, removeDir, request } from './helpers';

var browserPath = await findChromium();
var SCREENSHOT = path.resolve(__dirname, '../../artifacts/dashboard.png');

describeWithService('dashboard (Chromium)', browserPath, (executablePath) => {
  var dataDir: string;
  var browser: ChromiumPage;
  var rx: Receiver;
  var page: Page;
  var tokens: Record<string, string> = {};

  async function post(device: string, id: number, time: number, gesture: string, move: number, score: number) {
    tokens[device] ??= (await rx.createToken(device)).token;
    var r = await request(rx.url + '/api/v1/events', { body: { device_id: device, id, time, gesture, move, score }, token: tokens[device] });
    expect(r.status).toBe(201);
  }

  beforeAll(async () => {
    dataDir = tempDir();
    rx = await startReceiver({ port: 0, dataDir });
    // An hour of history from three devices, so the page shows what it is for.
    var now = Date.now();
    var gestures: [string, number][] = [['x', 1], ['y', 2], ['circle', 3]];
    var id = 0;
    for (var minute = 58; minute >= 1; minute--) {
      var n = (minute * 7) % 4;
      for (var k = 0; k < n; k++) {
        var [g, m] = gestures[(minute + k) % 3];
        var device = ['esp32-kitchen', 'puck-desk', 'bangle-alex'][(minute + 2 * k) % 3];
        await post(device, ++id, now - minute * 60_000 + k * 7000, g, m, 0.7 + ((minute * 13 + k) % 30) / 100);
      }
    }
    browser = await openChromiumPage(executablePath, { viewport: { width: 1320, height: 980 } });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    removeDir(dataDir);
  });

  it('shows history, then an event posted now appears live without a reload', async () => {
    var errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(rx.url + '/');
    await page.waitForSelector('#live.on', { timeout: 15000 });
    var total = Number((await page.textContent('#k-total'))!.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(50);
    expect(await page.locator('#chart canvas').count()).toBeGreaterThan(0);
    // A marker on window survives only if the page is never reloaded.
    await page.evaluate(() => ((window as any).__noReload = true));

    var garageTime = Date.now();
    await post('esp32-garage', 1, garageTime, 'circle', 3, 0.97);

    var row = page.locator('#feed tr', { hasText: 'esp32-garage' });
    await row.waitFor({ timeout: 10000 });
    expect(await row.first().textContent()).toContain('circle');
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
    // Aggregates follow (refreshed at most once a second).
    await page.waitForFunction((n) => Number(document.getElementById('k-total')!.textContent!.replace(/\D/g, '')) === n + 1, total, { timeout: 10000 });
    await page.waitForSelector('#devices td:text("esp32-garage")', { timeout: 10000 });

    // A retry and a bad request show in the ingest counters (polled, not streamed).
    var replay = await request(rx.url + '/api/v1/events', { body: { device_id: 'esp32-garage', id: 1, time: garageTime, gesture: 'circle', move: 3, score: 0.97 }, token: tokens['esp32-garage'] });
    expect(replay.body.duplicates).toBe(1);
    expect((await request(rx.url + '/api/v1/events', { body: { device_id: 'esp32-garage' }, token: tokens['esp32-garage'] })).status).toBe(422);
    await page.waitForFunction(() => document.getElementById('i-duplicates')!.textContent === '1' && document.getElementById('i-rejected')!.textContent === '1', undefined, { timeout: 10000 });
    expect(await page.locator('#feed tr', { hasText: 'esp32-garage' }).count()).toBe(1);
    expect(errors).toEqual([]);

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.waitForTimeout(300);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });

  it('shows hostile label text as text, never as markup', async () => {
    var label = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    await post('esp32-garage', 2, Date.now(), label, 4, 0.5);
    var cell = page.locator('#feed tr', { hasText: '<b>bold</b>' }).first();
    await cell.waitFor({ timeout: 10000 });
    expect(await page.locator('#feed img, #feed b, #by-gesture b').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  });

  it('filters the feed by device', async () => {
    await page.selectOption('#f-device', 'puck-desk');
    await page.waitForFunction(() => {
      var cells = Array.from(document.querySelectorAll('#feed tr td:nth-child(2)'));
      return cells.length > 0 && cells.every((c) => c.textContent === 'puck-desk');
    }, undefined, { timeout: 10000 });
    await post('esp32-kitchen', 999, Date.now(), 'x', 1, 0.9);
    await post('puck-desk', 999, Date.now(), 'y', 2, 0.8);
    await page.locator('#feed tr', { hasText: 'y' }).first().waitFor();
    await page.waitForFunction(() => document.querySelector('#feed tr td:nth-child(2)')!.textContent === 'puck-desk' && document.querySelectorAll('#feed tr.new').length === 1);
    var devices = await page.$$eval('#feed tr td:nth-child(2)', (cells) => cells.map((c) => c.textContent));
    expect(new Set(devices)).toEqual(new Set(['puck-desk']));
  });
});
