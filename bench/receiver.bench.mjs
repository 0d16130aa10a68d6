// Receiver throughput on loopback: sustained events/s with p50/p99 request latency, for
// SQLite and (when reachable) PostgreSQL, single events and batches of 50. The receiver
// runs in a child process (dist/node/server.js) so client work does not share its event
// loop. Every 10th request is sent twice (a device retrying); afterwards the stored rows
// are read back: stored must equal acknowledged, none lost, none duplicated.
// Bounded: at most EVENTS single events (6x that in batches) and MAX_SECONDS per case; only 127.0.0.1 is contacted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

var here = path.dirname(fileURLToPath(import.meta.url));
var SERVER = path.join(here, '../dist/node/server.js');
var EVENTS = Number(process.env.BENCH_RECEIVER_EVENTS || 4000);
/** Batches carry more events per request: give them more, so the run is sustained too. */
var BATCH_EVENTS_FACTOR = 6;
var MAX_SECONDS = 20;
var CLIENTS = 8;
var BATCH = 50;

if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]));
else await main();

// ---- child: the receiver under test ----------------------------------------------------
async function child(options) {
  var { startReceiver } = await import(SERVER);
  // rateLimit off: 8 tokens at thousands of requests/s would hit the per-token default (1000 per 10 s).
  var rx = await startReceiver({ port: 0, host: '127.0.0.1', maxBatch: BATCH, rateLimit: false, ...options });
  var tokens = [];
  for (var i = 0; i < CLIENTS; i++) tokens.push((await rx.createToken('bench-' + i)).token);
  process.stdout.write(JSON.stringify({ url: rx.url, tokens }) + '\n');
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await rx.close();
    process.exit(0);
  });
}

function startChild(options) {
  var proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    var buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      var nl = buf.indexOf('\n');
      if (nl >= 0) resolve({ proc, ...JSON.parse(buf.slice(0, nl)) });
    });
    proc.on('exit', (code) => reject(new Error('receiver exited with code ' + code)));
  });
}

function stopChild(c) {
  return new Promise((resolve) => {
    c.proc.removeAllListeners('exit');
    c.proc.on('exit', resolve);
    c.proc.stdin.end();
  });
}

// ---- load ------------------------------------------------------------------------------
async function post(url, token, body) {
  var res = await fetch(url + '/api/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
    body: JSON.stringify(body),
  });
  var json = await res.json();
  if (res.status !== 200 && res.status !== 201) throw new Error('HTTP ' + res.status + ': ' + JSON.stringify(json));
  return json;
}

async function runCase(c, batch) {
  var perClient = Math.ceil((batch === 1 ? EVENTS : EVENTS * BATCH_EVENTS_FACTOR) / CLIENTS);
  var deadline = Date.now() + MAX_SECONDS * 1000;
  var latencies = [];
  var acked = new Set();
  var requests = 0;
  var start = performance.now();
  await Promise.all(c.tokens.map(async (token, k) => {
    var device = 'bench-' + k;
    for (var next = 1; next <= perClient && Date.now() < deadline; ) {
      var events = [];
      for (var j = 0; j < batch && next <= perClient; j++, next++) {
        events.push({ device_id: device, id: next, time: Date.now(), gesture: ['x', 'y', 'circle'][next % 3], move: 1 + (next % 3), score: 0.9 });
      }
      var body = batch === 1 ? events[0] : events;
      var sends = requests % 10 === 9 ? 2 : 1; // a retry: same ids again
      for (var s = 0; s < sends; s++) {
        var t0 = performance.now();
        var r = await post(c.url, token, body);
        latencies.push(performance.now() - t0);
        requests++;
        r.results.forEach((x) => acked.add(device + '#' + x.id));
      }
    }
  }));
  var seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  var q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  var stored = await readBack(c.url);
  var storedKeys = new Set(stored);
  var lost = [...acked].filter((k) => !storedKeys.has(k)).length;
  return { requests, seconds, acked: acked.size, stored: stored.length, lost, duplicated: stored.length - storedKeys.size, p50: q(0.5), p99: q(0.99) };
}

async function readBack(url) {
  var keys = [];
  var cursor = '';
  for (var page = 0; page < 1000; page++) {
    var r = await (await fetch(url + '/api/v1/events?limit=1000' + (cursor ? '&cursor=' + cursor : ''))).json();
    for (var e of r.events) keys.push(e.device_id + '#' + e.id);
    if (!r.next) break;
    cursor = r.next;
  }
  return keys;
}

// ---- stores ----------------------------------------------------------------------------
function postgresUrl() {
  if (process.env.RECEIVER_TEST_PG_URL) return process.env.RECEIVER_TEST_PG_URL;
  var envFile = path.join(here, '../.ci/services.env');
  if (!fs.existsSync(envFile)) return null;
  var m = /^RECEIVER_TEST_PG_URL=(.*)$/m.exec(fs.readFileSync(envFile, 'utf8'));
  return m ? m[1].trim() : null;
}

async function dropSchema(url, schema) {
  var pg = (await import('pg')).default;
  var client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS ' + schema + ' CASCADE');
  await client.end();
}

async function main() {
  if (!fs.existsSync(SERVER)) {
    console.error('dist/node/server.js is missing: run `npm run build` first');
    process.exit(1);
  }
  var rows = [];
  var notes = [];
  var stores = [{ name: 'SQLite (WAL)', make: () => ({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'rx-bench-')) }) }];
  var pgUrl = postgresUrl();
  if (pgUrl) stores.push({ name: 'PostgreSQL', make: () => ({ databaseUrl: pgUrl, postgresSchema: 'bench_' + process.pid + '_' + Date.now().toString(36) }) });
  else notes.push('PostgreSQL skipped: RECEIVER_TEST_PG_URL not set and no .ci/services.env (run .ci/services.sh).');

  var failed = false;
  for (var store of stores) {
    for (var batch of [1, BATCH]) {
      var options = store.make();
      var c = await startChild(options);
      try {
        var r = await runCase(c, batch);
      } finally {
        await stopChild(c);
        if (options.dataDir) fs.rmSync(options.dataDir, { recursive: true, force: true });
        if (options.postgresSchema) await dropSchema(options.databaseUrl, options.postgresSchema);
      }
      if (r.lost || r.duplicated || r.stored !== r.acked) failed = true;
      rows.push('| ' + [store.name, batch === 1 ? 'single' : 'batch of ' + batch, r.acked, r.requests, r.seconds.toFixed(2), Math.round(r.acked / r.seconds), r.p50.toFixed(2), r.p99.toFixed(2), r.stored, r.lost, r.duplicated].join(' | ') + ' |');
    }
  }
  console.log('Loopback, ' + CLIENTS + ' concurrent clients (keep-alive), receiver in its own process; every 10th request replayed. Node ' + process.version + ', ' + os.cpus().length + ' CPUs.\n');
  console.log('| store | requests carry | events acknowledged | requests | seconds | events/s | p50 ms | p99 ms | stored | lost | duplicated |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (var row of rows) console.log(row);
  for (var n of notes) console.log('\n' + n);
  if (failed) {
    console.log('\nFAILED: stored rows differ from acknowledged events.');
    process.exitCode = 1;
  }
}
