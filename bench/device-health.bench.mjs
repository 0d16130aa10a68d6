// Device health and CSV export on a large table, per store (SQLite; PostgreSQL when
// RECEIVER_TEST_PG_URL answers): GET /api/v1/devices' query next to the dashboard's
// all-time stats query over the same table, and the CSV export's rate next to paging the
// same rows through GET /api/v1/events (limit 1000), with the receiver's memory growth
// while it streams. Needs `npm run build`. Ratios within one run matter, not absolute times.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresUrl, dropSchema, readBack } from './receiver-services.mjs';

var here = path.dirname(fileURLToPath(import.meta.url));
var SERVER = path.join(here, '../dist/node/server.js');
var ROWS = Number(process.env.HEALTH_BENCH_ROWS || 200000);
var DEVICES = 50;
var BATCH = 1000;
var { openSqliteStore, openPostgresStore, startReceiver } = await import(SERVER);

function rows(from, n, now) {
  var out = [];
  for (var i = from; i < from + n; i++) {
    var t = now - (ROWS - i) * 50;
    out.push({ device_id: 'dev-' + (i % DEVICES), id: i, time: t, gesture: ['x', 'y', 'circle'][i % 3], move: 1 + (i % 3), score: 0.9, source: 'http', received_at: t + 20 });
  }
  return out;
}

async function median(fn, n = 5) {
  var times = [];
  for (var k = 0; k < n; k++) {
    var t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)];
}

async function measure(name, store, analyze) {
  var now = Date.now();
  for (var i = 0; i < ROWS; i += BATCH) await store.insertEvents(rows(i, BATCH, now));
  await analyze();
  var health = await median(() => store.deviceHealth({ since: now - 3600000 }));
  var devices = (await store.deviceHealth({ since: now - 3600000 })).length;
  var stats = await median(() => store.stats({ bucketMs: 3600000 }));
  var rx = await startReceiver({ port: 0, store, dashboard: false, rateLimit: false, logger: false });
  var t0 = performance.now();
  var listed = (await readBack(rx.url)).length;
  var listS = (performance.now() - t0) / 1000;
  var peak = 0;
  var before = process.memoryUsage().rss;
  var sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss - before); }, 20);
  t0 = performance.now();
  var res = await fetch(rx.url + '/api/v1/events.csv');
  var lines = 0;
  var decoder = new TextDecoder();
  for await (var chunk of res.body) {
    var text = decoder.decode(chunk, { stream: true });
    for (var k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lines++;
  }
  var csvS = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  await rx.close(); // closes the store
  if (lines !== ROWS + 1) throw new Error(name + ': CSV had ' + lines + ' lines, expected ' + (ROWS + 1));
  if (listed !== ROWS) throw new Error(name + ': the list had ' + listed + ' rows');
  if (devices !== DEVICES) throw new Error(name + ': health listed ' + devices + ' devices');
  console.log('| ' + name + ' | ' + ROWS.toLocaleString('en') + ' | ' + health.toFixed(1) + ' | ' + stats.toFixed(1) + ' | ' + (health / stats).toFixed(3) +
    ' | ' + Math.round(ROWS / csvS).toLocaleString('en') + ' | ' + Math.round(ROWS / listS).toLocaleString('en') + ' | ' + (listS / csvS).toFixed(2) + ' | ' + (peak / 1048576).toFixed(0) + ' |');
}

console.log('| store | events | /devices query ms (50 devices) | all-time stats ms | ratio | CSV rows/s | list pages rows/s | ratio | RSS growth while streaming MB |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');

var dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-health-bench-'));
try {
  await measure('SQLite (relaxed)', openSqliteStore(dir, { durability: 'relaxed' }), async () => {});
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

var pgUrl = postgresUrl();
if (pgUrl) {
  var schema = 'bench_health_' + process.pid;
  await dropSchema(pgUrl, schema);
  try {
    await measure('PostgreSQL (relaxed)', await openPostgresStore({ url: pgUrl, schema, durability: 'relaxed' }), async () => {
      // What autovacuum does on a live server: the visibility map lets counting a device's
      // last hour be an index-only scan without heap fetches.
      var pg = (await import('pg')).default;
      var c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query('VACUUM ANALYZE ' + schema + '.events');
      await c.end();
    });
  } finally {
    await dropSchema(pgUrl, schema);
  }
} else {
  console.log('\n(PostgreSQL skipped: RECEIVER_TEST_PG_URL not set)');
}
