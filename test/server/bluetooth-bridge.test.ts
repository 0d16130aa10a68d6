// The dashboard's Bluetooth bridge in a real headless Chromium against a real receiver.
// Only navigator.bluetooth is stood in for (requestDevice -> gatt.connect ->
// getPrimaryService -> getCharacteristic -> startNotifications ->
// 'characteristicvaluechanged'), with DataViews holding bytes made by the device's own
// encoder (src/sinks/ble-payload.ts). The bridge must store each event once: after a repeated
// notification, with the receiver down, across a Bluetooth disconnect and reconnect, and
// across a page reload. Screenshot: artifacts/dashboard-bluetooth-bridge.png.
// Needs `npm run build` (the page loads dist/browser/bridge-core.js).
import fs from 'node:fs';
import path from 'node:path';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { type Page } from 'playwright-core';
import { openChromiumPage, type ChromiumPage } from './chromium-page';
import { startReceiver, type Receiver } from '../../src/server';
import { encodeGesturePayload } from '../../src/sinks/ble-payload';
import { GESTURE_SERVICE_UUID, GESTURE_EVENT_CHAR_UUID } from '../../src/sinks/ble';
import { findBrowserCodec } from '../../src/node/package-files';
import { describeWithService, findChromium, tempDir, removeDir } from './helpers';

var browserPath = await findChromium();
var SCREENSHOT = path.resolve(__dirname, '../../artifacts/dashboard-bluetooth-bridge.png');
var LABELS = ['idle', 'snake', 'updown', 'wave'];
var DEVICE = 'puck-desk';

/** The stand-in for Web Bluetooth: one Puck.js with the gesture service, driven by window.__bt. */
function fakeBluetooth(uuids: { svc: string; chr: string }) {
  var NORDIC_UART = { svc: '6e400001-b5a3-f393-e0a9-e50e24dcca9e', rx: '6e400002-b5a3-f393-e0a9-e50e24dcca9e' };
  var w = window as any;
  var bt = (w.__bt = { requests: [] as any[], uart: '', connects: 0, failNextConnects: 0, notifying: false, notify: null as any, drop: null as any });
  var device: any = new EventTarget();
  device.id = 'fake-puck-id';
  device.name = 'Puck.js 4f2a';
  var characteristic: any = null;
  var lost = () => Promise.reject(new DOMException('GATT Server is disconnected. Cannot perform GATT operations.', 'NetworkError'));
  var gatt: any = {
    device,
    connected: false,
    connect() {
      bt.connects++;
      if (bt.failNextConnects > 0) {
        bt.failNextConnects--;
        return Promise.reject(new DOMException('Connection failed for unknown reason.', 'NetworkError'));
      }
      gatt.connected = true;
      // As in Chrome, the objects of an earlier connection are not reused.
      characteristic = new EventTarget();
      characteristic.uuid = uuids.chr;
      characteristic.value = null;
      characteristic.startNotifications = () => {
        if (!gatt.connected) return lost();
        bt.notifying = true;
        return Promise.resolve(characteristic);
      };
      return Promise.resolve(gatt);
    },
    disconnect() {
      if (gatt.connected) drop();
    },
    getPrimaryService(uuid: string) {
      if (!gatt.connected) return lost();
      if (uuid === NORDIC_UART.svc) {
        return Promise.resolve({
          uuid,
          getCharacteristic: (c: string) => (c !== NORDIC_UART.rx ? Promise.reject(new DOMException('No Characteristics matching UUID ' + c + ' found in Service.', 'NotFoundError')) : Promise.resolve({
            uuid: c,
            writeValue(value: Uint8Array) {
              if (!gatt.connected) return lost();
              // Without a larger MTU negotiated, a BLE write carries at most 20 bytes.
              if (value.byteLength > 20) return Promise.reject(new DOMException('Value is too long.', 'NotSupportedError'));
              bt.uart += String.fromCharCode.apply(null, Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)));
              return Promise.resolve();
            },
          })),
        });
      }
      if (uuid !== uuids.svc || w.__bt.noService) return Promise.reject(new DOMException('No Services matching UUID ' + uuid + ' found in Device.', 'NotFoundError'));
      return Promise.resolve({
        uuid,
        getCharacteristic: (c: string) => (c === uuids.chr ? Promise.resolve(characteristic) : Promise.reject(new DOMException('No Characteristics matching UUID ' + c + ' found in Service.', 'NotFoundError'))),
      });
    },
  };
  device.gatt = gatt;
  function drop() {
    gatt.connected = false;
    bt.notifying = false;
    device.dispatchEvent(new Event('gattserverdisconnected'));
  }
  bt.drop = drop;
  bt.notify = (bytes: number[]) => {
    if (!gatt.connected || !bt.notifying) throw new Error('fake Puck: not connected, or notifications not started');
    // A view into a larger buffer: the bridge must honour byteOffset and byteLength.
    var buf = new Uint8Array(bytes.length + 5);
    buf.set(bytes, 3);
    characteristic.value = new DataView(buf.buffer, 3, bytes.length);
    characteristic.dispatchEvent(new Event('characteristicvaluechanged'));
  };
  Object.defineProperty(Navigator.prototype, 'bluetooth', {
    configurable: true,
    get: () => ({
      requestDevice(options: unknown) {
        bt.requests.push(JSON.parse(JSON.stringify(options)));
        return Promise.resolve(device);
      },
    }),
  });
}

describeWithService('dashboard Bluetooth bridge (Chromium)', browserPath, (executablePath) => {
  var dataDir: string;
  var browser: ChromiumPage;
  var rx: Receiver;
  var port: number;
  var token: string;
  var page: Page;
  var errors: string[] = [];
  var t0 = Date.now() - 60_000;

  /** The bytes the Puck notifies for its outbox's event `id`. */
  function payload(id: number, move: number, score: number): number[] {
    return Array.from(encodeGesturePayload({ device_id: DEVICE, id, time: t0 + id * 1000, gesture: LABELS[move], move, score }));
  }
  var notify = (bytes: number[]) => page.evaluate((b) => (window as any).__bt.notify(b), bytes);
  var text = (id: string) => page.textContent('#' + id);
  async function waitFor(id: string, value: string) {
    await page.waitForFunction(([i, v]) => document.getElementById(i)!.textContent === v, [id, value], { timeout: 20000 });
  }
  async function storedIds(): Promise<number[]> {
    var rows = await rx.store.queryEvents({ device: DEVICE, limit: 1000 });
    return rows.map((r) => r.id as number).sort((a, b) => a - b);
  }
  async function giveToken() {
    if (await page.isVisible('#bt-open')) await page.click('#bt-open');
    await page.fill('#bt-token', token);
    await page.click('#bt-use-token');
    await waitFor('bt-device', DEVICE);
  }

  beforeAll(async () => {
    if (!findBrowserCodec()) throw new Error('dist/browser/bridge-core.js is missing: run `npm run build` first');
    dataDir = tempDir();
    rx = await startReceiver({ port: 0, dataDir });
    port = rx.port;
    token = (await rx.createToken(DEVICE)).token;
    browser = await openChromiumPage(executablePath, { viewport: { width: 1320, height: 1100 } });
    await browser.context.addInitScript(fakeBluetooth, { svc: GESTURE_SERVICE_UUID, chr: GESTURE_EVENT_CHAR_UUID });
    page = browser.page;
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    removeDir(dataDir);
  });

  it('refuses a wrong token with the receiver\'s reason and keeps Connect disabled', async () => {
    await page.goto(rx.url + '/');
    expect(await page.isVisible('#bt-token')).toBe(false); // folded until asked for
    await page.click('#bt-open');
    await page.fill('#bt-token', 'egt_00000000_' + 'A'.repeat(43));
    await page.click('#bt-use-token');
    await page.waitForFunction(() => /refused: invalid token/.test(document.getElementById('bt-message')!.textContent!), undefined, { timeout: 20000 });
    expect(await page.isDisabled('#bt-connect')).toBe(true);
  });

  it('forwards notified events once each: repeated notifications and a reconnect store nothing twice', async () => {
    await giveToken();
    // The token is not kept anywhere but the page's memory.
    expect(await page.inputValue('#bt-token')).toBe('');
    expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain('egt_');
    await page.fill('#bt-labels', LABELS.join(', '));
    await page.click('#bt-connect');
    await waitFor('bt-state', 'Connected to Puck.js 4f2a');
    var req = await page.evaluate(() => (window as any).__bt.requests[0]);
    expect(req.optionalServices).toEqual([GESTURE_SERVICE_UUID, '6e400001-b5a3-f393-e0a9-e50e24dcca9e']);
    // The board's clock is set over its console, as the Web IDE does (the outbox holds
    // events until then), in writes of at most 20 bytes.
    var uart = await page.evaluate(() => (window as any).__bt.uart);
    var m = /^\x10setTime\((\d+(?:\.\d+)?)\);\n$/.exec(uart);
    expect(m, JSON.stringify(uart)).not.toBeNull();
    expect(Math.abs(Number(m![1]) - Date.now() / 1000)).toBeLessThan(60);
    expect(await text('bt-message')).toContain('Board clock set.');
    expect(req.filters).toContainEqual({ namePrefix: 'Puck.js' });

    await notify(payload(1, 3, 0.91));
    await notify(payload(2, 1, 0.84));
    await notify(payload(3, 2, 0.77));
    await waitFor('bt-forwarded', '3');
    await notify(payload(2, 1, 0.84)); // the same notification again: a retry, not a new event
    await waitFor('bt-duplicates', '1');
    expect(await storedIds()).toEqual([1, 2, 3]);
    var rows = await rx.store.queryEvents({ device: DEVICE, limit: 10 });
    var first = rows.find((r) => r.id === 1)!;
    expect(first.gesture).toBe('wave');
    expect(first.time).toBe(t0 + 1000);
    expect(first.score).toBeCloseTo(0.91, 6);
    expect(rows.map((r) => r.source)).toEqual(['ble', 'ble', 'ble']);

    // A notification that is not a gesture payload is counted and named, not forwarded.
    var bad = payload(4, 1, 0.5);
    bad[0] = 0x48;
    await notify(bad);
    await waitFor('bt-errors', '1');
    expect(await text('bt-message')).toContain('Not a gesture payload: first byte 0x48');

    // The link drops; the first reconnect fails; the board re-sends event 3 (its answer was
    // not seen) and then a new one after the reconnect.
    await page.evaluate(() => { (window as any).__bt.failNextConnects = 1; (window as any).__bt.drop(); });
    await page.waitForFunction(() => /^Reconnecting/.test(document.getElementById('bt-state')!.textContent!), undefined, { timeout: 20000 });
    await waitFor('bt-state', 'Connected to Puck.js 4f2a');
    expect(await page.evaluate(() => (window as any).__bt.connects)).toBe(3);
    expect((await page.evaluate(() => (window as any).__bt.uart)).match(/setTime/g)).toHaveLength(2);
    await notify(payload(3, 2, 0.77));
    await notify(payload(4, 1, 0.66));
    await waitFor('bt-forwarded', '4');
    await waitFor('bt-duplicates', '2');
    // One listener per connection: each notification arrived once.
    expect(await text('bt-received')).toBe('7');
    expect(await storedIds()).toEqual([1, 2, 3, 4]);
  });

  it('queues while the receiver is down and forwards the queue when it is back, once', async () => {
    await rx.close();
    await notify(payload(5, 3, 0.93));
    await notify(payload(6, 3, 0.95));
    await notify(payload(6, 3, 0.95)); // repeated while queued: one queue entry
    await waitFor('bt-queued', '2');
    await page.waitForFunction(() => /receiver is unreachable/.test(document.getElementById('bt-message')!.textContent!), undefined, { timeout: 20000 });
    await waitFor('bt-duplicates', '3');

    rx = await startReceiver({ port, dataDir });
    await waitFor('bt-queued', '0');
    await waitFor('bt-forwarded', '6');
    expect(await storedIds()).toEqual([1, 2, 3, 4, 5, 6]);

    // On the dashboard: the page reloads its data when the stream comes back, so the events
    // forwarded while it was down are in the feed too.
    await page.waitForSelector('#live.on', { timeout: 20000 });
    await page.waitForFunction((d) => document.querySelectorAll('#feed tr').length === 6 && document.getElementById('k-total')!.textContent === '6' && document.querySelector('#feed tr .src')!.textContent === 'ble', DEVICE, { timeout: 20000 });
    await page.waitForTimeout(1500);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });

  it('keeps queued events across a page reload and forwards them with the token given again', async () => {
    await rx.close();
    await notify(payload(7, 2, 0.8));
    await waitFor('bt-queued', '1');
    // Forgetting the token stops forwarding; the queue stays in this browser's storage.
    await page.click('#bt-forget');
    await waitFor('bt-state', 'Disconnected');
    rx = await startReceiver({ port, dataDir });
    await page.reload();
    await page.waitForSelector('#bt-open');
    expect(await text('bt-queued')).toBe('0');
    await giveToken();
    await waitFor('bt-queued', '0');
    await waitFor('bt-forwarded', '1');
    expect(await storedIds()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('names a board without the gesture service and does not keep reconnecting to it', async () => {
    await page.evaluate(() => ((window as any).__bt.noService = true));
    await page.click('#bt-connect');
    await page.waitForFunction(() => /has no gesture service \(6e2a0001-/.test(document.getElementById('bt-message')!.textContent!), undefined, { timeout: 20000 });
    await waitFor('bt-state', 'Not connected');
    var connects = await page.evaluate(() => (window as any).__bt.connects);
    await page.waitForTimeout(2500); // longer than the first reconnect delay (1 s)
    expect(await page.evaluate(() => (window as any).__bt.connects)).toBe(connects);
    expect(await page.isVisible('#bt-connect')).toBe(true);
    expect(errors).toEqual([]);
  });
});
