// The dashboard's device-health panel and CSV export link in a real headless Chromium:
// devices online, offline and never seen with their reported counters; a status report and
// an event update the panel live (no reload); a device falls offline as time passes; the
// export link downloads the filtered events. Screenshot: artifacts/dashboard-health.png.
import fs from 'node:fs';
import path from 'node:path';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { type Page } from 'playwright-core';
import { openChromiumPage, type ChromiumPage } from './chromium-page';
import { startReceiver, type Receiver } from '../../src/server';
import { describeWithService, findChromium, tempDir, removeDir, request, makeEvent } from './helpers';

var browserPath = await findChromium();
var SCREENSHOT = path.resolve(__dirname, '../../artifacts/dashboard-health.png');
var OFFLINE_AFTER_MS = 60_000;

describeWithService('dashboard device health (Chromium)', browserPath, (executablePath) => {
  var dataDir: string;
  var browser: ChromiumPage;
  var rx: Receiver;
  var page: Page;
  var tokens: Record<string, string> = {};

  async function token(device: string) {
    return (tokens[device] ??= (await rx.createToken(device)).token);
  }
  async function status(device: string, counters: Record<string, unknown>) {
    var r = await request(rx.url + '/api/v1/status', { token: await token(device), body: { device_id: device, ...counters } });
    expect(r.status).toBe(200);
  }
  async function post(device: string, id: number, time: number, gesture = 'circle') {
    var r = await request(rx.url + '/api/v1/events', { token: await token(device), body: makeEvent({ device_id: device, id, time, gesture }) });
    expect(r.status).toBe(201);
  }
  function row(device: string) {
    return page.locator('#health-rows tr[data-device="' + device + '"]');
  }
  async function cells(device: string) {
    return row(device).locator('td').allTextContents();
  }

  beforeAll(async () => {
    dataDir = tempDir();
    rx = await startReceiver({ port: 0, dataDir, offlineAfterMs: OFFLINE_AFTER_MS });
    var now = Date.now();
    // esp32-kitchen: busy, reports a few drops; puck-desk: one refused event; bangle-alex: heard
    // from 20 minutes ago (offline); pixl-shelf: a token, never seen.
    for (var i = 1; i <= 12; i++) await post('esp32-kitchen', i, now - i * 240_000, ['x', 'y', 'circle'][i % 3]);
    for (var k = 1; k <= 5; k++) await post('puck-desk', k, now - k * 500_000, 'y');
    await status('esp32-kitchen', { queued: 0, sent: 212, dropped: 4, rejected: 0, failures: 0, nextId: 217, linkUp: true, persistErrors: 0, held: 0, estimated: 0 });
    await status('puck-desk', { queued: 2, sent: 88, dropped: 0, rejected: 1, failures: 1, nextId: 92, linkUp: true, persistErrors: 0, held: 0, estimated: 0 });
    await rx.store.insertEvents([{ device_id: 'bangle-alex', id: 1, time: now - 20 * 60_000, gesture: 'x', move: 1, score: 0.9, source: 'http', received_at: now - 20 * 60_000 }]);
    await token('pixl-shelf');
    browser = await openChromiumPage(executablePath, { viewport: { width: 1320, height: 1000 }, acceptDownloads: true });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    removeDir(dataDir);
  });

  it('shows each device\'s state, last seen, events per hour and reported counters', async () => {
    var errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(rx.url + '/');
    await page.waitForSelector('#live.on', { timeout: 15000 });
    await row('pixl-shelf').waitFor({ timeout: 10000 });
    // Device | State | Last seen | Events/h | Queued | Sent | Dropped | Rejected | Failures | Reported
    var kitchen = await cells('esp32-kitchen');
    expect(kitchen.slice(1, 2).concat(kitchen.slice(3, 9))).toEqual(['Online', '12', '0', '212', '4', '0', '0']);
    expect(kitchen[9]).toMatch(/s ago · http$/);
    var puck = await cells('puck-desk');
    expect(puck.slice(3, 9)).toEqual(['5', '2', '88', '0', '1', '1']);
    var bangle = await cells('bangle-alex');
    expect(bangle.slice(1, 3)).toEqual(['Offline', '20 min ago']);
    expect(bangle[9]).toBe('no report yet');
    expect((await cells('pixl-shelf')).slice(1, 3)).toEqual(['Never seen', '–']);
    expect(await page.textContent('#health-summary')).toBe('2 online · 1 offline · 1 never seen · offline after 1 min');
    // Counters above zero that mean trouble are marked.
    expect(await row('esp32-kitchen').locator('td.warn').allTextContents()).toEqual(['4']);
    expect(errors).toEqual([]);
  });

  it('updates live: a status report and a first event change the panel without a reload', async () => {
    await page.evaluate(() => ((window as any).__noReload = true));
    await status('esp32-kitchen', { queued: 3, sent: 215, dropped: 9, rejected: 2, failures: 4, nextId: 230, linkUp: true, persistErrors: 0, held: 0, estimated: 0 });
    await page.waitForFunction(() => {
      var tds = document.querySelectorAll('#health-rows tr[data-device="esp32-kitchen"] td');
      return tds.length && tds[6].textContent === '9' && tds[7].textContent === '2';
    }, undefined, { timeout: 10000 });
    await post('pixl-shelf', 1, Date.now(), 'x');
    await page.waitForSelector('#health-rows tr[data-device="pixl-shelf"][data-state="online"]', { timeout: 10000 });
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  });

  it('marks a device offline once it has been silent for the configured time, without a reload', async () => {
    // Last heard from 55 s ago: online now, offline at 60 s.
    var now = Date.now();
    await rx.store.insertEvents([{ device_id: 'esp32-garage', id: 1, time: now - 55_000, gesture: 'y', move: 2, score: 0.8, source: 'http', received_at: now - 55_000 }]);
    await status('esp32-kitchen', { queued: 0, sent: 219, dropped: 9, rejected: 2, failures: 0, nextId: 230, linkUp: true, persistErrors: 0, held: 0, estimated: 0 }); // a live message makes the panel reload now
    await page.waitForSelector('#health-rows tr[data-device="esp32-garage"][data-state="online"]', { timeout: 10000 });
    await page.waitForSelector('#health-rows tr[data-device="esp32-garage"][data-state="offline"]', { timeout: 20000 });
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  });

  it('exports the filtered events as CSV from the link', async () => {
    await page.selectOption('#f-device', 'puck-desk');
    await page.selectOption('#f-range', 'all');
    var href = await page.getAttribute('#csv-link', 'href');
    expect(href).toBe('/api/v1/events.csv?device=puck-desk');
    var [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-link')]);
    expect(download.suggestedFilename()).toBe('events-puck-desk.csv');
    var text = fs.readFileSync((await download.path())!, 'utf8');
    var lines = text.split('\r\n');
    expect(lines[0]).toBe('seq,device_id,id,time,time_iso,gesture,move,score,source,received_at');
    expect(lines.slice(1, -1).map((l) => l.split(',')[2])).toEqual(['1', '2', '3', '4', '5']);
    await page.selectOption('#f-device', '');
    await page.selectOption('#f-range', '3600000');

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });
});
