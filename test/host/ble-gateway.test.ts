// The Node BLE gateway (src/host/ble-gateway.ts) against a real receiver, with only noble
// stood in for: a scan that finds a stranger and a Puck.js, connect, the gesture
// characteristic's notifications as Buffers made by the device's own encoder, the Nordic
// UART for the clock, and a link that drops. Each event must be stored once.
import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startReceiver, type Receiver } from '../../src/server';
import { startBleGateway, type BleGateway, type NobleLike } from '../../src/host/ble-gateway';
import { encodeGesturePayload } from '../../src/sinks/ble-payload';
import { tempDir, removeDir } from '../server/helpers';

var LABELS = ['idle', 'snake', 'updown', 'wave'];
var DEVICE = 'puck-gw';
var T0 = Date.now() - 600_000;
var GESTURE_CHAR = '6e2a00028f4b4c6e9d1a5b3c7e9f2a10';
var UART_RX = '6e400002b5a3f393e0a9e50e24dcca9e';

function payload(id: number, move: number, score: number): Buffer {
  return Buffer.from(encodeGesturePayload({ device_id: DEVICE, id, time: T0 + id * 1000, gesture: LABELS[move], move, score }));
}

/** A noble stand-in: one adapter, powered on, that sees a stranger and then a Puck.js. */
class FakeBoard extends EventEmitter {
  connected = false;
  connects = 0;
  failNextConnects = 0;
  uartWrites: Buffer[] = [];
  gesture: (EventEmitter & { subscribeAsync(): Promise<void> }) | null = null;
  constructor(readonly id: string, readonly advertisement: { localName?: string }) {
    super();
  }
  async connectAsync() {
    this.connects++;
    if (this.failNextConnects > 0) {
      this.failNextConnects--;
      throw new Error('connection timed out');
    }
    this.connected = true;
  }
  async disconnectAsync() {
    if (!this.connected) return;
    this.drop();
  }
  drop() {
    this.connected = false;
    this.emit('disconnect');
  }
  async discoverSomeServicesAndCharacteristicsAsync(services: string[], chars: string[]) {
    if (!this.connected) throw new Error('not connected');
    if (chars[0] === GESTURE_CHAR) {
      // New objects per connection, as noble makes them.
      var c = Object.assign(new EventEmitter(), { uuid: GESTURE_CHAR, subscribeAsync: async () => {}, writeAsync: async () => {} });
      this.gesture = c;
      return { characteristics: [c] };
    }
    if (chars[0] === UART_RX) {
      return { characteristics: [Object.assign(new EventEmitter(), { uuid: UART_RX, subscribeAsync: async () => {}, writeAsync: async (b: Uint8Array) => { this.uartWrites.push(Buffer.from(b)); } })] };
    }
    return { characteristics: [] };
  }
  notify(data: Buffer) {
    if (!this.connected || !this.gesture) throw new Error('fake board: not connected');
    this.gesture.emit('data', data, true);
  }
}

function fakeNoble(boards: FakeBoard[]): NobleLike & EventEmitter {
  var noble = Object.assign(new EventEmitter(), {
    state: 'poweredOn',
    scanning: false,
    async startScanningAsync() {
      noble.scanning = true;
      for (var b of boards) setTimeout(((board: FakeBoard) => () => noble.scanning && noble.emit('discover', board))(b), 10);
    },
    async stopScanningAsync() {
      noble.scanning = false;
    },
  });
  return noble as any;
}

async function until(check: () => boolean, what: string) {
  for (var i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error('timed out waiting for ' + what);
}

describe('BLE gateway (noble stood in for)', () => {
  var dataDir: string;
  var rx: Receiver;
  var token: string;
  var gw: BleGateway | null = null;
  var puck: FakeBoard;
  var lines: string[] = [];

  beforeAll(async () => {
    dataDir = tempDir();
    rx = await startReceiver({ port: 0, dataDir });
    token = (await rx.createToken(DEVICE)).token;
  });
  afterAll(async () => {
    await gw?.close();
    await rx?.close();
    removeDir(dataDir);
  });

  async function stored() {
    return (await rx.store.queryEvents({ device: DEVICE, limit: 100 })).map((e) => e.id as number).sort((a, b) => a - b);
  }

  it('refuses to start with a token the receiver refuses', async () => {
    await expect(startBleGateway({ noble: fakeNoble([]), receiverUrl: rx.url, token: 'egt_00000000_' + 'A'.repeat(43) }))
      .rejects.toThrow('the receiver refused the token: invalid token');
  });

  it('connects to the Puck, sets its clock, stores each event once across repeats and a reconnect', async () => {
    var stranger = new FakeBoard('aa', { localName: 'Headphones' });
    puck = new FakeBoard('bb', { localName: 'Puck.js 4f2a' });
    var queueFile = path.join(dataDir, 'bridge-queue.json');
    gw = await startBleGateway({ noble: fakeNoble([stranger, puck]), receiverUrl: rx.url, token, labels: LABELS, queueFile, maxRetryMs: 2000, log: (l) => lines.push(l) });
    await until(() => gw!.status().link === 'connected', 'the connection');
    expect(stranger.connects).toBe(0);
    expect(gw.status()).toMatchObject({ deviceId: DEVICE, board: 'Puck.js 4f2a' });
    expect(puck.uartWrites.every((w) => w.length <= 20)).toBe(true);
    var clock = /^\x10setTime\((\d+(?:\.\d+)?)\);\n$/.exec(Buffer.concat(puck.uartWrites).toString('latin1'));
    expect(clock).not.toBeNull();
    expect(Math.abs(Number(clock![1]) - Date.now() / 1000)).toBeLessThan(60);

    puck.notify(payload(1, 3, 0.9));
    puck.notify(payload(2, 1, 0.8));
    await until(() => gw!.status().forwarded === 2, 'two events');
    puck.notify(payload(2, 1, 0.8));
    await until(() => gw!.status().duplicates === 1, 'the repeat');
    var bad = payload(3, 1, 0.5);
    bad[1] = 9;
    puck.notify(bad);
    expect(gw.status().undecodable).toBe(1);
    expect(lines).toContain('notification not understood: Gesture payload version 9 is not supported (expected 1)');

    puck.failNextConnects = 1;
    puck.drop();
    await until(() => gw!.status().link === 'reconnecting', 'the reconnect');
    await until(() => gw!.status().link === 'connected', 'the second connection');
    expect(puck.connects).toBe(3);
    puck.notify(payload(2, 1, 0.8)); // re-sent after the reconnect
    puck.notify(payload(3, 2, 0.7));
    await until(() => gw!.status().forwarded === 3 && gw!.status().duplicates === 2, 'after the reconnect');
    expect(gw.status().received).toBe(6);
    expect(await stored()).toEqual([1, 2, 3]);
    var rows = await rx.store.queryEvents({ device: DEVICE, limit: 10 });
    expect(rows.find((r) => r.id === 3)).toMatchObject({ gesture: 'updown', source: 'ble' });
    expect(JSON.parse(fs.readFileSync(queueFile, 'utf8'))).toEqual([]);
  });

  it('keeps events in its queue file while the receiver is down, and a new run forwards them', async () => {
    var port = rx.port;
    var queueFile = path.join(dataDir, 'bridge-queue.json');
    await rx.close();
    puck.notify(payload(4, 3, 0.95));
    await until(() => gw!.status().queued === 1 && /receiver is unreachable/.test(gw!.status().message), 'the queued event');
    await gw!.close();
    gw = null;
    expect(JSON.parse(fs.readFileSync(queueFile, 'utf8')).map((e: any) => e.id)).toEqual([4]);

    rx = await startReceiver({ port, dataDir });
    var again = new FakeBoard('bb', { localName: 'Puck.js 4f2a' });
    gw = await startBleGateway({ noble: fakeNoble([again]), receiverUrl: rx.url, token, labels: LABELS, queueFile });
    await until(() => gw!.status().forwarded === 1, 'the queue from the earlier run');
    expect(await stored()).toEqual([1, 2, 3, 4]);
    expect(JSON.parse(fs.readFileSync(queueFile, 'utf8'))).toEqual([]);
  });
});
