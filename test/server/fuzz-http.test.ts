// Fuzz: 10,000 hostile requests (bodies, headers, methods, paths, queries; seeded with
// fast-check) against a real receiver on SQLite, and on PostgreSQL when it is there, plus
// raw-socket framing. Zero 5xx, zero hangs, and afterwards the database holds exactly the
// events that were acknowledged as stored: nothing more, nothing less, none twice.
import net from 'node:net';
import http from 'node:http';
import pg from 'pg';
import fc from 'fast-check';
import { it, expect, describe } from 'vitest';
import { startReceiver, type Receiver, type StorageOptions } from '../../src/server';
import { describeWithService, findPostgres, tempDir, removeDir } from './helpers';
import { hostileRequest, rawSocketRequest, DEVICE, type HostileRequest } from './fuzz-arbitraries';

var SEED = 20261201;
var REQUESTS = Number(process.env.FUZZ_HTTP_REQUESTS ?? 10_000);
var RAW = 300;
var CONCURRENCY = 8;
/** Longer than the receiver's request timeout (2 s here): past it is a hang. */
var HANG_MS = 20_000;

interface Outcome { status: number; body: any; error?: string }
/** No keep-alive: a new connection per request. */
var FRESH = new http.Agent({ keepAlive: false });

function send(port: number, r: HostileRequest, agent: http.Agent): Promise<Outcome> {
  return new Promise((resolve) => {
    var done = false;
    var finish = (o: Outcome) => { if (!done) { done = true; clearTimeout(timer); resolve(o); } };
    var timer = setTimeout(() => { finish({ status: -1, body: null, error: 'hang: no answer in ' + HANG_MS + ' ms' }); req.destroy(); }, HANG_MS);
    try {
      var req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
        var chunks: Buffer[] = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => {
          var text = Buffer.concat(chunks).toString('utf8');
          var body: any = null;
          try { body = JSON.parse(text); } catch { /* not JSON */ }
          finish({ status: res.statusCode ?? 0, body });
        });
        res.on('error', (e) => finish({ status: 0, body: null, error: 'reset: ' + e.message }));
      });
      req.on('error', (e: any) => {
        // The keep-alive race: the server closed an idle socket as this request went out on
        // it (Node's advice: retry on a fresh connection). Nothing was read, so nothing stored.
        if (e.code === 'ECONNRESET' && req.reusedSocket && agent !== FRESH) { clearTimeout(timer); done = true; send(port, r, FRESH).then(resolve); return; }
        finish({ status: 0, body: null, error: (e.code ?? '') + ' ' + e.message });
      });
      req.end(r.body);
    } catch (e: any) {
      // The client library refused to send it (e.g. a header it thinks invalid): not a server outcome.
      finish({ status: 0, body: null, error: 'client: ' + e.message });
    }
  });
}

function sendRaw(port: number, bytes: string): Promise<Outcome> {
  return new Promise((resolve) => {
    var s = net.connect(port, '127.0.0.1');
    var got: Buffer[] = [];
    var timer = setTimeout(() => { s.destroy(); resolve({ status: -1, body: null, error: 'hang: raw request unanswered in ' + HANG_MS + ' ms' }); }, HANG_MS);
    s.on('connect', () => s.end(Buffer.from(bytes, 'latin1')));
    s.on('data', (d) => got.push(d));
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(timer);
      var text = Buffer.concat(got).toString('latin1');
      var m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, body: null, error: m ? undefined : 'closed without an answer' });
    });
  });
}

type Key = string;
function eventKey(device: string, id: unknown): Key { return device + '#' + id; }

async function fuzzReceiver(storage: StorageOptions & { store?: any }) {
  var rx: Receiver = await startReceiver({ port: 0, ...storage, maxBatch: 20, bodyLimit: 16 * 1024, rateLimit: false, requestTimeoutMs: 2000, legacy: { open: false } });
  try {
    var valid = (await rx.createToken(DEVICE)).token;
    var otherDevice = (await rx.createToken('fuzz-b')).token;
    var revokedRec = await rx.createToken(DEVICE);
    await rx.store.revokeTokens({ tokenId: revokedRec.record.token_id }, Date.now());
    var now = Date.now();
    var requests = fc.sample(hostileRequest(now, { valid, otherDevice, revoked: revokedRec.token }, rx.port), { seed: SEED, numRuns: REQUESTS });
    var raws = fc.sample(rawSocketRequest(rx.port), { seed: SEED + 1, numRuns: RAW });

    var statuses: Record<string, number> = {};
    /** Why requests got no status: the client refused to send them, or the server closed the socket. */
    var unanswered: Record<string, number> = {};
    var failures: string[] = [];
    /** Acknowledged as stored: key -> the event as sent. */
    var acked = new Map<Key, Record<string, unknown>>();
    var legacyAcked = 0;
    var agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    var next = 0;
    async function worker() {
      while (next < requests.length) {
        var r = requests[next++];
        var o = await send(rx.port, r, agent);
        statuses[o.status] = (statuses[o.status] ?? 0) + 1;
        if (o.status === 0) { var why = (o.error ?? '').replace(/[^A-Za-z_ ]+.*$/, '').slice(0, 40); unanswered[why] = (unanswered[why] ?? 0) + 1; if (process.env.FUZZ_SHOW && unanswered[why] < 4) console.log('UNANSWERED', r.method, r.path, JSON.stringify(r.headers), String(r.body).slice(0, 80)); }
        if (o.status >= 500 || o.status === -1) failures.push(o.status + ' ' + (o.error ?? JSON.stringify(o.body)) + ' for ' + r.method + ' ' + r.path + ' ' + JSON.stringify(r.headers) + ' ' + String(r.body).slice(0, 300));
        if (o.status >= 200 && o.status < 300 && r.method === 'POST' && r.path === '/api/v1/events') {
          // As the receiver saw it: JSON turns -0 into 0, drops undefined, ...
          var parsed = JSON.parse(r.body as string);
          var sent = Array.isArray(parsed) ? parsed : [parsed];
          expect(o.body.results.length).toBe(sent.length);
          o.body.results.forEach((res: any, k: number) => {
            if (res.status !== 'stored') return;
            var e = sent[k] as Record<string, unknown>;
            var key = eventKey(e.device_id as string, e.id);
            if (acked.has(key)) failures.push('acknowledged as stored twice: ' + key);
            acked.set(key, e);
          });
        }
        if (o.status === 200 && r.path === '/api/write-move' && o.body.status === 'stored') legacyAcked++;
      }
    }
    var t0 = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    var t1 = Date.now();
    agent.destroy();
    for (var i = 0; i < raws.length; i += CONCURRENCY) {
      var outs = await Promise.all(raws.slice(i, i + CONCURRENCY).map((b) => sendRaw(rx.port, b)));
      outs.forEach((o, k) => {
        statuses['raw ' + o.status] = (statuses['raw ' + o.status] ?? 0) + 1;
        if (o.status >= 500 || o.status === -1) failures.push('raw ' + o.status + ' ' + (o.error ?? '') + ' for ' + JSON.stringify(raws[i + k]).slice(0, 300));
      });
    }

    console.log('fuzz: ' + requests.length + ' requests in ' + (t1 - t0) + ' ms, ' + raws.length + ' raw in ' + (Date.now() - t1) + ' ms; unanswered: ' + JSON.stringify(unanswered));
    expect(failures.slice(0, 10)).toEqual([]);
    // The store holds exactly what was acknowledged.
    var rows = await rx.store.queryEvents({ limit: 1_000_000 });
    var stored = rows.filter((row) => row.source === 'http');
    expect(stored.length).toBe(acked.size);
    for (var row of stored) {
      var e = acked.get(eventKey(row.device_id, row.id));
      expect(e, 'row ' + row.device_id + '#' + row.id + ' was never acknowledged').toBeDefined();
      expect({ time: row.time, gesture: row.gesture, move: row.move, score: row.score }).toEqual({ time: Math.round(e!.time as number), gesture: e!.gesture, move: e!.move, score: e!.score });
    }
    expect(rows.filter((row) => row.source === 'legacy').length).toBe(legacyAcked);
    // Enough of the traffic was accepted, and enough refused, for the check to mean something.
    expect(acked.size).toBeGreaterThan(REQUESTS / 50);
    expect((statuses['422'] ?? 0) + (statuses['400'] ?? 0)).toBeGreaterThan(REQUESTS / 10);
    var health = await new Promise<any>((resolve) => http.get(rx.url + '/api/v1/health', (res) => { var t = ''; res.on('data', (d) => (t += d)); res.on('end', () => resolve(JSON.parse(t))); }));
    expect(health.status).toBe('ok');
    return statuses;
  } finally {
    await rx.close();
  }
}

describe('HTTP fuzz on SQLite', () => {
  it(REQUESTS + ' hostile requests + ' + RAW + ' raw ones: no 5xx, no hang, the store holds exactly what was acknowledged', async () => {
    var dir = tempDir();
    try {
      var statuses = await fuzzReceiver({ dataDir: dir });
      console.log('fuzz SQLite statuses', JSON.stringify(statuses));
    } finally {
      removeDir(dir);
    }
  }, 600_000);
});

var postgres = await findPostgres();
describeWithService('HTTP fuzz on PostgreSQL', postgres, (url) => {
  it(REQUESTS + ' hostile requests + ' + RAW + ' raw ones: no 5xx, no hang, the store holds exactly what was acknowledged', async () => {
    var schema = 'fuzz_' + process.pid + '_' + Date.now().toString(36);
    try {
      var statuses = await fuzzReceiver({ databaseUrl: url, postgresSchema: schema });
      console.log('fuzz PostgreSQL statuses', JSON.stringify(statuses));
    } finally {
      var c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query('DROP SCHEMA IF EXISTS ' + schema + ' CASCADE');
      await c.end();
    }
  }, 600_000);
});
