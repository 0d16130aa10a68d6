// The dashboard in Chromium with a read token (entered once, kept in the page, used for
// SSE too) and with labels named like Object.prototype members, which must render visibly.
import { it, expect, beforeAll, afterAll } from 'vitest';
import { type Page } from 'playwright-core';
import { openChromiumPage, type ChromiumPage } from './chromium-page';
import { startReceiver, type Receiver } from '../../src/server';
import { describeWithService, findChromium, tempDir, removeDir, request } from './helpers';

var browserPath = await findChromium();
var READ_TOKEN = 'dashboard-test-read-token-0123456789';
var PROTO_LABELS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describeWithService('dashboard with a read token and prototype-named labels (Chromium)', browserPath, (executablePath) => {
  var dataDir: string;
  var browser: ChromiumPage;
  var rx: Receiver;
  var token: string;
  var page: Page;
  var errors: string[] = [];
  var nextId = 1;

  async function post(gesture: string) {
    var r = await request(rx.url + '/api/v1/events', { body: { device_id: 'esp32-a', id: nextId++, time: Date.now() - 1000, gesture, move: 1, score: 0.8 }, token });
    expect(r.status).toBe(201);
  }

  beforeAll(async () => {
    dataDir = tempDir();
    rx = await startReceiver({ port: 0, dataDir, readTokens: [READ_TOKEN] });
    token = (await rx.createToken('esp32-a')).token;
    for (var g of PROTO_LABELS) await post(g);
    browser = await openChromiumPage(executablePath, { viewport: { width: 1200, height: 900 } });
    page = browser.page;
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    removeDir(dataDir);
  });

  it('the read API refuses requests without the token; the page asks for it once and then shows data and live events', async () => {
    expect((await request(rx.url + '/api/v1/events')).status).toBe(401);
    expect((await request(rx.url + '/api/v1/stream')).status).toBe(401);
    expect((await request(rx.url + '/api/v1/events', { headers: { authorization: 'Bearer ' + READ_TOKEN } })).status).toBe(200);
    await page.goto(rx.url + '/');
    await page.waitForSelector('#token-form:not([hidden])', { timeout: 15000 });
    await page.fill('#token-input', READ_TOKEN);
    await page.click('#token-form button');
    await page.waitForSelector('#live.on', { timeout: 15000 });
    expect(await page.textContent('#k-total')).toBe('4');
    await post('circle');
    await page.locator('#feed tr', { hasText: 'circle' }).first().waitFor({ timeout: 10000 });
    // Kept in the page: a reload does not ask again.
    await page.reload();
    await page.waitForSelector('#live.on', { timeout: 15000 });
    expect(await page.isHidden('#token-form')).toBe(true);
  });

  it('labels named __proto__, constructor, toString, hasOwnProperty get a colour like any other', async () => {
    await page.waitForFunction((n) => document.querySelectorAll('#by-gesture li').length >= n, PROTO_LABELS.length, { timeout: 10000 });
    var colors = await page.$$eval('#feed tr .pill', (pills) => pills.map((p) => [p.textContent, getComputedStyle(p).backgroundColor]));
    var seen = new Map(colors as [string, string][]);
    for (var g of PROTO_LABELS) {
      expect(seen.has(g), g).toBe(true);
      // Invisible was a transparent background (the colour lookup returned a function).
      expect([g, seen.get(g)]).not.toEqual([g, 'rgba(0, 0, 0, 0)']);
      expect(seen.get(g)).toMatch(/^rgb\(/);
    }
    var bars = await page.$$eval('#by-gesture li', (lis) => lis.map((li) => [li.querySelector('span')!.textContent, (li.querySelector('.fill') as HTMLElement).style.background]));
    for (var [name, bg] of bars) expect([name, bg]).not.toEqual([name, '']);
    expect(errors).toEqual([]);
  });
});
