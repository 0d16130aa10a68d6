// Receiver throughput on loopback: sustained events/s with p50/p99 request latency, for
// SQLite and (when reachable) PostgreSQL, both durability modes, single events and batches
// of 50. Each case is measured right after a plain fastify handler that does no work (same
// clients, same bodies, its own process): the ratio to it is the figure that means something
// on a shared machine. Clients are keep-alive HTTP connections, one request in flight each.
// Every 10th request is sent twice (a device retrying); afterwards the stored rows are read
// back: stored must equal acknowledged, none lost, none duplicated.
// Bounded: at most EVENTS single events (6x that in batches) and MAX_SECONDS per case; only
// 127.0.0.1 is contacted. BENCH_RECEIVER_QUICK=1 runs only the 8-client single-event rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { postgresUrl, dropSchema, readBack } from './receiver-services.mjs';
import { startChild, stopChild } from './bench-child.mjs';

var here = path.dirname(fileURLToPath(import.meta.url));
var SERVER = path.join(here, '../dist/node/server.js');
var EVENTS = Number(process.env.BENCH_RECEIVER_EVENTS || 4000);
var QUICK = process.env.BENCH_RECEIVER_QUICK === '1';
/** Batches carry more events per request: give them more, so the run is sustained too. */
var BATCH_EVENTS_FACTOR = 6;
var MAX_SECONDS = 10;
var BATCH = 50;

if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]));
else if (process.argv[2] === '--no-work') await noWorkChild();
else await main();

// ---- children: the receiver under test, and the no-work baseline ------------------------
async function child(options) {
  var { startReceiver } = await import(SERVER);
  var clients = options.clients;
  delete options.clients;
  // rateLimit off: a few tokens at thousands of requests/s would hit the per-token default (1000 per 10 s).
  var rx = await startReceiver({ port: 0, host: '127.0.0.1', maxBatch: BATCH, rateLimit: false, ...options });
  var tokens = [];
  for (var i = 0; i < clients; i++) tokens.push((await rx.createToken('bench-' + i)).token);
  process.stdout.write(JSON.stringify({ url: rx.url, tokens }) + '\n');
  process.stdin.resume();
  process.stdin.on('end', async () => {
    var commits = rx.ingestor.commits.stats;
    await rx.close();
    process.stdout.write(JSON.stringify({ commits }) + '\n');
    process.exit(0);
  });
}

async function noWorkChild() {
  var fastify = (await import('fastify')).default;
  var app = fastify({ logger: false, bodyLimit: 64 * 1024 });
  // Parses the JSON body (fastify's own parser) and answers; no validation, no storage.
  app.post('/api/v1/events', async (req, reply) => {
    reply.status(201);
    return { stored: 0 };
  });
  var address = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(JSON.stringify({ url: address, tokens: [] }) + '\n');
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await app.close();
    process.stdout.write('{}\n');
    process.exit(0);
  });
}

// ---- load ------------------------------------------------------------------------------
function post(agent, url, token, body) {
  return new Promise((resolve, reject) => {
    var u = new URL(url + '/api/v1/events');
    var req = http.request({ agent, host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: {
      'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: 'Bearer ' + token } : {}),
    } }, (res) => {
      var chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        var json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (res.statusCode !== 200 && res.statusCode !== 201) reject(new Error('HTTP ' + res.statusCode + ': ' + JSON.stringify(json)));
        else resolve(json);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function runLoad(c, clients, batch, { check }) {
  var agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  var perClient = Math.ceil((batch === 1 ? EVENTS : EVENTS * BATCH_EVENTS_FACTOR) / clients);
  var deadline = Date.now() + MAX_SECONDS * 1000;
  var latencies = [];
  var acked = new Set();
  var requests = 0;
  var events = 0;
  var start = performance.now();
  await Promise.all(Array.from({ length: clients }, async (_, k) => {
    var device = 'bench-' + k;
    for (var next = 1; next <= perClient && Date.now() < deadline; ) {
      var list = [];
      for (var j = 0; j < batch && next <= perClient; j++, next++) {
        list.push({ device_id: device, id: next, time: Date.now(), gesture: ['x', 'y', 'circle'][next % 3], move: 1 + (next % 3), score: 0.9 });
      }
      var body = JSON.stringify(batch === 1 ? list[0] : list);
      var sends = requests % 10 === 9 ? 2 : 1; // a retry: same ids again
      for (var s = 0; s < sends; s++) {
        var t0 = performance.now();
        var r = await post(agent, c.url, c.tokens[k], body);
        latencies.push(performance.now() - t0);
        requests++;
        events += list.length;
        if (check) r.results.forEach((x) => acked.add(device + '#' + x.id));
      }
    }
  }));
  var seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  var q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  var out = { requests, seconds, requestsPerSecond: requests / seconds, p50: q(0.5), p99: q(0.99), acked: acked.size };
  if (!check) return out;
  var stored = await readBack(c.url);
  var storedKeys = new Set(stored);
  out.stored = stored.length;
  out.lost = [...acked].filter((key) => !storedKeys.has(key)).length;
  out.duplicated = stored.length - storedKeys.size;
  return out;
}

// ---- cases -----------------------------------------------------------------------------
async function main() {
  if (!fs.existsSync(SERVER)) {
    console.error('dist/node/server.js is missing: run `npm run build` first');
    process.exit(1);
  }
  var notes = [];
  var stores = [{ name: 'SQLite', make: () => ({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'rx-bench-')) }) }];
  var pgUrl = postgresUrl();
  if (pgUrl) stores.push({ name: 'PostgreSQL', make: () => ({ databaseUrl: pgUrl, postgresSchema: 'bench_' + process.pid + '_' + Date.now().toString(36) }) });
  else notes.push('PostgreSQL skipped: RECEIVER_TEST_PG_URL not set and no .ci/services.env (run .ci/services.sh).');

  var cases = [];
  for (var store of stores) {
    for (var durability of ['full', 'relaxed']) {
      cases.push({ store, durability, clients: 8, batch: 1 });
      if (QUICK) continue;
      cases.push({ store, durability, clients: 8, batch: BATCH });
      if (durability === 'full') cases.push({ store, durability, clients: 64, batch: 1 });
    }
  }
  var rows = [];
  var failed = false;
  for (var k of cases) {
    var base = await startChild(fileURLToPath(import.meta.url), ['--no-work']);
    try {
      var b = await runLoad(base, k.clients, k.batch, { check: false });
    } finally {
      await stopChild(base);
    }
    var options = { ...k.store.make(), durability: k.durability, clients: k.clients };
    var c = await startChild(fileURLToPath(import.meta.url), ['--child', JSON.stringify(options)]);
    try {
      var r = await runLoad(c, k.clients, k.batch, { check: true });
    } finally {
      var end = await stopChild(c);
      if (options.dataDir) fs.rmSync(options.dataDir, { recursive: true, force: true });
      if (options.postgresSchema) await dropSchema(options.databaseUrl, options.postgresSchema);
    }
    if (r.lost || r.duplicated || r.stored !== r.acked) failed = true;
    var eventsPerSecond = r.requestsPerSecond * k.batch;
    var perCommit = end && end.commits && end.commits.commits ? (end.commits.requests / end.commits.commits).toFixed(1) : '-';
    rows.push('| ' + [k.store.name, k.durability, k.clients, k.batch === 1 ? 'single' : 'batch of ' + k.batch, r.acked, r.requests, r.seconds.toFixed(2),
      Math.round(eventsPerSecond), Math.round(b.requestsPerSecond * k.batch), (r.requestsPerSecond / b.requestsPerSecond).toFixed(2),
      r.p50.toFixed(2), r.p99.toFixed(2), perCommit, r.stored, r.lost, r.duplicated].join(' | ') + ' |');
  }
  console.log('Loopback, keep-alive HTTP clients with one request in flight each, receiver in its own process; every 10th request replayed. ' +
    'Each row follows a no-work fastify handler measured just before with the same clients and bodies. Node ' + process.version + ', ' + os.cpus().length + ' CPUs.\n');
  console.log('| store | durability | clients | requests carry | events acknowledged | requests | seconds | events/s | no-work events/s | ratio to no-work | p50 ms | p99 ms | requests per commit | stored | lost | duplicated |');
  console.log('| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (var row of rows) console.log(row);
  await costs();
  for (var n of notes) console.log('\n' + n);
  if (failed) {
    console.log('\nFAILED: stored rows differ from acknowledged events.');
    process.exitCode = 1;
  }
}

/** Where a request's time goes, measured in this process: what limits the rows above. */
async function costs() {
  var { validateEventBatch, openSqliteStore, hashToken } = await import(SERVER);
  var ev = (i) => ({ device_id: 'bench-1', id: i, time: Date.now(), gesture: 'x', move: 1, score: 0.9 });
  var row = (i) => ({ ...ev(i), source: 'http', received_at: Date.now() });
  var body = JSON.stringify(ev(1));
  var out = [];
  var time = async (name, n, f) => {
    await f(0);
    var t0 = performance.now();
    for (var i = 1; i <= n; i++) await f(i);
    out.push('| ' + name + ' | ' + ((performance.now() - t0) * 1000 / n).toFixed(1) + ' |');
  };
  await time('JSON.parse of one event', 20000, () => JSON.parse(body));
  await time('validation of one event', 20000, (i) => validateEventBatch(ev(i), Date.now(), 500));
  await time('token hash (SHA-256)', 20000, () => hashToken('egt_abcdefgh_' + 'x'.repeat(43)));
  for (var durability of ['relaxed', 'full']) {
    var dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rx-costs-'));
    var store = openSqliteStore(dir, { durability });
    var k = 1;
    var n = durability === 'full' ? 200 : 2000;
    await time('SQLite ' + durability + ': token look-up', 2000, () => store.findTokenByHash('x'));
    await time('SQLite ' + durability + ': commit of 1 event', n, () => store.insertEvents([row(k++)]));
    await time('SQLite ' + durability + ': commit of 8 events', n, () => store.insertEvents(Array.from({ length: 8 }, () => row(k++))));
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nPer-request costs in-process (same machine, same moment):\n');
  console.log('| step | µs |');
  console.log('| --- | ---: |');
  for (var line of out) console.log(line);
}
