// The Node side of the BLE-to-receiver bridge (`espruino-gestures bridge`): a computer with
// Bluetooth, no browser, connects to one board through noble (@abandonware/noble, the BLE
// library the espruino CLI uses), subscribes to the gesture characteristic, and runs the
// dashboard bridge's own code: decodeGesturePayload (src/sinks/ble-payload.ts) and the
// forwarding queue (src/browser/event-forwarder.ts), with the queue kept in a file. Reconnects
// with backoff, sets the board's clock over the Nordic UART after each connect.
import fs from 'node:fs';
import path from 'node:path';
import type { GestureEvent } from '../core/types';
import { decodeGesturePayload } from '../sinks/ble-payload';
import { GESTURE_SERVICE_UUID, GESTURE_EVENT_CHAR_UUID } from '../sinks/ble';
import { createEventForwarder, type EventForwarder, type ForwarderStatus } from '../browser/event-forwarder';
import { UART_SERVICE_UUID, UART_RX_UUID, clockCommandChunks } from '../browser/nordic-uart';

/** The part of noble's API the gateway uses (noble, or a stand-in in tests). */
export interface NobleLike {
  state?: string;
  on(event: 'stateChange', fn: (state: string) => void): unknown;
  on(event: 'discover', fn: (p: NoblePeripheral) => void): unknown;
  removeListener(event: string, fn: (...a: any[]) => void): unknown;
  startScanningAsync(serviceUuids?: string[], allowDuplicates?: boolean): Promise<void>;
  stopScanningAsync(): Promise<void>;
}
export interface NoblePeripheral {
  id: string;
  address?: string;
  advertisement: { localName?: string };
  connectAsync(): Promise<void>;
  disconnectAsync(): Promise<void>;
  once(event: 'disconnect', fn: () => void): unknown;
  discoverSomeServicesAndCharacteristicsAsync(services: string[], characteristics: string[]): Promise<{ characteristics: NobleCharacteristic[] }>;
}
export interface NobleCharacteristic {
  uuid: string;
  on(event: 'data', fn: (data: Uint8Array, isNotification: boolean) => void): unknown;
  removeAllListeners(event: 'data'): unknown;
  subscribeAsync(): Promise<void>;
  writeAsync(data: Uint8Array, withoutResponse: boolean): Promise<void>;
}

export var BOARD_NAME_PREFIXES = ['Puck.js', 'Bangle.js', 'Pixl.js', 'MDBT42Q'];

export interface BleGatewayOptions {
  noble: NobleLike;
  /** The receiver, e.g. http://localhost:8080. */
  receiverUrl: string;
  /** The board's device token (token create --device <id>). */
  token: string;
  /** Label names by move index (the payload carries the index only). */
  labels?: string[];
  /** Connect to the board with this advertised name, address or noble id; default the first Espruino board seen. */
  board?: string;
  /** Keeps the queue across restarts (JSON); none: in memory only. */
  queueFile?: string;
  /** Set the board's clock over the Nordic UART after each connect. Default true. */
  setClock?: boolean;
  /** Reconnect backoff cap, ms. Default 30000. */
  maxRetryMs?: number;
  /** One line per thing worth telling. */
  log?: (line: string) => void;
  onStatus?: (status: BleGatewayStatus) => void;
}

export interface BleGatewayStatus extends ForwarderStatus {
  deviceId: string;
  /** Notifications received, and those that were not gesture payloads. */
  received: number;
  undecodable: number;
  link: 'scanning' | 'connecting' | 'connected' | 'reconnecting' | 'closed';
  board: string | null;
}

export interface BleGateway {
  status(): BleGatewayStatus;
  close(): Promise<void>;
}

/** noble writes UUIDs lowercase without dashes. */
function nobleUuid(uuid: string): string {
  return uuid.replace(/-/g, '').toLowerCase();
}

async function answerOf(r: Response) {
  var text = await r.text();
  var body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  return { status: r.status, body };
}

/** Asks the receiver which device the token belongs to; throws with the receiver's reason. */
export async function tokenDevice(receiverUrl: string, token: string): Promise<string> {
  var r;
  try {
    r = await answerOf(await fetch(receiverUrl + '/api/v1/device-token', { headers: { authorization: 'Bearer ' + token } }));
  } catch (e: any) {
    throw new Error('cannot reach the receiver at ' + receiverUrl + ' (' + (e.cause?.code || e.message) + ')');
  }
  if (r.status !== 200) throw new Error('the receiver refused the token: ' + (r.body?.message ?? 'HTTP ' + r.status));
  return r.body.device_id;
}

function readQueue(file: string | undefined): GestureEvent[] {
  if (!file || !fs.existsSync(file)) return [];
  var q = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(q)) throw new Error(file + ': not a bridge queue (expected a JSON array of events)');
  return q;
}

function writeQueue(file: string, queue: GestureEvent[]) {
  // Write then rename: a crash mid-write leaves the previous queue, never half a file.
  var tmp = path.join(path.dirname(file), '.' + path.basename(file) + '.tmp');
  fs.writeFileSync(tmp, JSON.stringify(queue));
  fs.renameSync(tmp, file);
}

export async function startBleGateway(o: BleGatewayOptions): Promise<BleGateway> {
  var log = o.log ?? (() => {});
  var deviceId = await tokenDevice(o.receiverUrl, o.token);
  var st: BleGatewayStatus;
  var fw: EventForwarder = createEventForwarder({
    initial: readQueue(o.queueFile),
    post: async (batch) => answerOf(await fetch(o.receiverUrl + '/api/v1/events', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + o.token, 'content-type': 'application/json', 'x-gesture-via': 'ble' },
      body: JSON.stringify(batch),
    })),
    save: o.queueFile ? (q) => writeQueue(o.queueFile as string, q) : undefined,
    onChange: (f, said) => {
      Object.assign(st, f);
      if (said) log(f.message);
      changed();
    },
  });
  st = { ...fw.status(), deviceId, received: 0, undecodable: 0, link: 'scanning', board: null };
  var closed = false;
  var peripheral: NoblePeripheral | null = null;
  var attempt = 0;
  var timer: ReturnType<typeof setTimeout> | null = null;
  var maxRetry = o.maxRetryMs ?? 30000;
  var gestureChar = nobleUuid(GESTURE_EVENT_CHAR_UUID);
  if (st.queued) log(st.queued + ' events queued by an earlier run: forwarding them.');
  fw.resume();

  function changed() {
    if (o.onStatus) o.onStatus({ ...st });
  }
  function setLink(link: BleGatewayStatus['link']) {
    st.link = link;
    changed();
  }

  function matches(p: NoblePeripheral): boolean {
    var name = p.advertisement?.localName ?? '';
    if (o.board) return name === o.board || p.address === o.board || p.id === o.board;
    return BOARD_NAME_PREFIXES.some((prefix) => name.startsWith(prefix));
  }

  function onData(data: Uint8Array) {
    st.received++;
    var e: GestureEvent;
    try {
      e = decodeGesturePayload(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { deviceId, labels: o.labels });
    } catch (err: any) {
      st.undecodable++;
      log('notification not understood: ' + err.message);
      return changed();
    }
    changed();
    fw.push(e);
  }

  async function setClock(p: NoblePeripheral) {
    try {
      var found = await p.discoverSomeServicesAndCharacteristicsAsync([nobleUuid(UART_SERVICE_UUID)], [nobleUuid(UART_RX_UUID)]);
      var rx = found.characteristics.find((c) => c.uuid === nobleUuid(UART_RX_UUID));
      if (!rx) throw new Error('no Nordic UART');
      for (var chunk of clockCommandChunks(Date.now())) await rx.writeAsync(chunk, false);
      log('board clock set');
    } catch (err: any) {
      log('board clock not set (' + err.message + '): if its events stay queued on it, set its clock from the Web IDE');
    }
  }

  async function attach(p: NoblePeripheral) {
    setLink(attempt ? 'reconnecting' : 'connecting');
    await p.connectAsync();
    var found = await p.discoverSomeServicesAndCharacteristicsAsync([nobleUuid(GESTURE_SERVICE_UUID)], [gestureChar]);
    var ch = found.characteristics.find((c) => c.uuid === gestureChar);
    if (!ch) {
      closed = true; // not a board running a gesture sink: retrying cannot help
      await p.disconnectAsync();
      throw new Error(st.board + ' has no gesture characteristic (' + GESTURE_EVENT_CHAR_UUID + '): is an app with createBleNotifySink running on it?');
    }
    // Each connection's characteristic objects are new: one listener on this one.
    ch.removeAllListeners('data');
    ch.on('data', onData);
    await ch.subscribeAsync();
    if (o.setClock !== false) await setClock(p);
    attempt = 0;
    setLink('connected');
    log('connected to ' + st.board + ': forwarding as device ' + deviceId);
  }

  // The board's outbox holds its events while the link is down and sends them after the
  // reconnect; the receiver folds any it already has.
  function reconnectLater() {
    if (closed || timer) return;
    attempt++;
    var delay = Math.min(maxRetry, 1000 * Math.pow(2, attempt - 1));
    setLink('reconnecting');
    log('link to ' + st.board + ' lost: reconnecting in ' + delay / 1000 + ' s (attempt ' + attempt + ')');
    timer = setTimeout(() => {
      timer = null;
      if (closed || !peripheral) return;
      connectTo(peripheral);
    }, delay);
  }

  function connectTo(p: NoblePeripheral) {
    p.once('disconnect', () => {
      if (!closed) reconnectLater();
    });
    attach(p).catch((err) => {
      log((attempt ? 'reconnect' : 'connect') + ' failed: ' + err.message);
      if (closed) return setLink('closed');
      p.disconnectAsync().catch(() => {}); // half set up: start the next try from scratch
      reconnectLater();
    });
  }

  function onDiscover(p: NoblePeripheral) {
    if (peripheral || closed || !matches(p)) return;
    peripheral = p;
    st.board = p.advertisement?.localName || p.address || p.id;
    o.noble.removeListener('discover', onDiscover);
    o.noble.stopScanningAsync().catch(() => {});
    connectTo(p);
  }

  function onState(state: string) {
    if (state === 'poweredOn' && !peripheral && !closed) {
      log('scanning for ' + (o.board ?? BOARD_NAME_PREFIXES.join(', ')));
      // The 128-bit service is not in the board's advertisement (it does not fit): scan for all.
      o.noble.startScanningAsync([], false).catch((err) => log('cannot scan: ' + err.message));
    } else if (state !== 'poweredOn') {
      log('Bluetooth adapter is ' + state);
    }
  }

  o.noble.on('discover', onDiscover);
  o.noble.on('stateChange', onState);
  if (o.noble.state === 'poweredOn') onState('poweredOn');

  return {
    status: () => ({ ...st }),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      fw.stop();
      o.noble.removeListener('discover', onDiscover);
      o.noble.removeListener('stateChange', onState);
      if (peripheral) await peripheral.disconnectAsync().catch(() => {});
      else await o.noble.stopScanningAsync().catch(() => {});
      setLink('closed');
    },
  };
}
