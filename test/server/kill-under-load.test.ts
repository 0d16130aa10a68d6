// kill -9 under load: a receiver (`espruino-gestures serve`, built dist/) in a child process
// takes single events and batches from several devices and is SIGKILLed mid-load, a few
// times. Devices keep what was not acknowledged and send it again after the restart, as the
// outbox does. Afterwards every acknowledged event is stored, none twice, nothing else.
// Needs `npm run build` (npm test builds first). About 10-25 s per store.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { describe, it, expect } from 'vitest';
import { openSqliteStore, openPostgresStore, createDeviceToken, type EventStore, type StoredEvent } from '../../src/server';
import { describeWithService, findPostgres, tempDir, removeDir } from './helpers';

var BIN = path.resolve(__dirname, '../../bin/espruino-gestures.js');
var BUILT = path.resolve(__dirname, '../../dist/node/cli.js');
var KILLS = 3;
var DEVICES = 4;
/** Requests acknowledged in a round before the kill is armed (then 0-150 ms more load). */
var ACKS_BEFORE_KILL = 40;
var T0 = Date.now() - 60_000;

interface Sent { device: string; id: number; time: number; gesture: string; move: number; score: number }

interface Device {
  name: string;
  token: string;
  batch: number;
  nextId: number;
  /** Sent but not acknowledged: sent again, unchanged, after a restart. */
  unacked: Sent[];
  acked: Map<number, Sent>;
}

function startServe(args: string[]): Promise<{ proc: ChildProcess; url: string }> {
  var proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    var out = '';
    var err = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      var m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ proc, url: m[1] });
    });
    proc.stderr!.on('data', (d) => (err += d));
    proc.once('exit', (code) => reject(new Error('serve exited with ' + code + ': ' + err + out)));
  });
}

function kill(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.removeAllListeners('exit');
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

function post(agent: http.Agent, url: string, token: string, body: unknown): Promise<{ status: number; json: any }> {
  var text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    var u = new URL(url + '/api/v1/events');
    var req = http.request({ agent, host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: {
      'content-type': 'application/json', 'content-length': Buffer.byteLength(text), authorization: 'Bearer ' + token,
    } }, (res) => {
      var chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(text);
  });
}

function wire(e: Sent) {
  return { device_id: e.device, id: e.id, time: e.time, gesture: e.gesture, move: e.move, score: e.score };
}

/**
 * One device's loop until its request fails (the receiver died), or until `draining` says to
 * send nothing new and everything it sent is acknowledged.
 */
async function load(d: Device, url: string, agent: http.Agent, onAck: () => void, draining: () => boolean) {
  while (!draining() || d.unacked.length) {
    var events = d.unacked.slice(0, d.batch);
    for (var k = events.length; k < d.batch && !draining(); k++) {
      var id = d.nextId++;
      var e = { device: d.name, id, time: T0 + id, gesture: ['x', 'y', 'circle'][id % 3], move: 1 + (id % 3), score: 0.5 };
      d.unacked.push(e);
      events.push(e);
    }
    try {
      var r = await post(agent, url, d.token, d.batch === 1 ? wire(events[0]) : events.map(wire));
    } catch {
      return; // no answer: not acknowledged, stays in unacked
    }
    if (r.status !== 200 && r.status !== 201) throw new Error('HTTP ' + r.status + ': ' + JSON.stringify(r.json));
    // A retry of an event committed just before the kill comes back as a duplicate, never a conflict.
    for (var x of r.json.results) expect(['stored', 'duplicate'], JSON.stringify(x)).toContain(x.status);
    for (var sent of events) d.acked.set(sent.id, sent);
    d.unacked = d.unacked.filter((u) => !d.acked.has(u.id));
    onAck();
  }
}

async function round(devices: Device[], serveArgs: string[], killIt: boolean): Promise<number> {
  var rx = await startServe(serveArgs);
  var agent = new http.Agent({ keepAlive: true, maxSockets: devices.length });
  var acks = 0;
  var killed: Promise<void> | null = null;
  var onAck = () => {
    acks++;
    if (killIt && acks === ACKS_BEFORE_KILL) {
      killed = new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 150)).then(() => kill(rx.proc));
    }
  };
  // The last round sends the retries and a little more, then drains.
  await Promise.all(devices.map((d) => load(d, rx.url, agent, onAck, () => !killIt && acks >= ACKS_BEFORE_KILL)));
  agent.destroy();
  if (killed) await killed;
  else await kill(rx.proc);
  return acks;
}

function checkStored(devices: Device[], rows: StoredEvent[]) {
  var keys = rows.map((r) => r.device_id + '#' + r.id);
  expect(new Set(keys).size, 'an event stored twice').toBe(keys.length);
  var byKey = new Map(rows.map((r) => [r.device_id + '#' + r.id, r]));
  var acked = 0;
  for (var d of devices) {
    expect(d.unacked, d.name + ' still has unacknowledged events').toEqual([]);
    for (var e of d.acked.values()) {
      acked++;
      var row = byKey.get(d.name + '#' + e.id);
      expect(row, 'acknowledged but not stored: ' + d.name + '#' + e.id).toBeDefined();
      expect({ time: row!.time, gesture: row!.gesture, move: row!.move, score: row!.score }).toEqual({ time: e.time, gesture: e.gesture, move: e.move, score: e.score });
    }
  }
  // Nothing stored that was never sent: every row is an acknowledged event.
  expect(rows.length).toBe(acked);
}

async function killTest(serveArgs: string[], openStore: () => Promise<EventStore>) {
  if (!fs.existsSync(BUILT)) throw new Error('dist/node/cli.js is missing: run `npm run build` first');
  var store = await openStore();
  var devices: Device[] = [];
  for (var i = 0; i < DEVICES; i++) {
    var name = 'kill-dev-' + i;
    // Half the fleet posts single events, half batches of 10.
    devices.push({ name, token: (await createDeviceToken(store, name)).token, batch: i % 2 ? 10 : 1, nextId: 1, unacked: [], acked: new Map() });
  }
  await store.close();
  var perRound: number[] = [];
  for (var k = 0; k < KILLS; k++) perRound.push(await round(devices, serveArgs, true));
  perRound.push(await round(devices, serveArgs, false));
  expect(perRound.every((n) => n >= ACKS_BEFORE_KILL)).toBe(true);
  store = await openStore();
  try {
    checkStored(devices, await store.queryEvents({ limit: 1_000_000 }));
  } finally {
    await store.close();
  }
}

describe('kill -9 under load: SQLite', () => {
  it('keeps every acknowledged event, none twice, through ' + KILLS + ' SIGKILLs', async () => {
    var dir = tempDir('receiver-kill-');
    try {
      await killTest(['--data-dir', dir], async () => openSqliteStore(dir));
    } finally {
      removeDir(dir);
    }
  }, 90_000);
});

var postgres = await findPostgres();

describeWithService('kill -9 under load: PostgreSQL', postgres, (url) => {
  it('keeps every acknowledged event, none twice, through ' + KILLS + ' SIGKILLs', async () => {
    var schema = 'kill_' + process.pid + '_' + Date.now().toString(36);
    try {
      await killTest(['--database-url', url, '--pg-schema', schema], () => openPostgresStore({ url, schema, max: 2 }));
    } finally {
      var client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('DROP SCHEMA IF EXISTS ' + schema + ' CASCADE');
      await client.end();
    }
  }, 90_000);
});
