// MQTT ingestion through mosquitto: devices publish single events (QoS 1) and wait for the
// receiver's answer on <prefix>/<device>/ack, each keeping WINDOW events outstanding, as an
// outbox would. The receiver runs in its own process; next to it, measured just before with
// the same publishers, a no-work subscriber that answers every message without parsing or
// storing it. Every 10th event is published twice (a redelivery); afterwards the stored rows
// are read back: stored must equal acknowledged, none lost, none duplicated.
// Bounded: EVENTS events and MAX_SECONDS per case; only 127.0.0.1 is contacted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mqttUrl, postgresUrl, dropSchema, readBack } from './receiver-services.mjs';
import { startChild, stopChild } from './bench-child.mjs';

var here = path.dirname(fileURLToPath(import.meta.url));
var SERVER = path.join(here, '../dist/node/server.js');
var EVENTS = Number(process.env.BENCH_MQTT_EVENTS || 8000);
var MAX_SECONDS = 15;
var DEVICES = 8;
var WINDOW = Number(process.env.BENCH_MQTT_WINDOW || 32);

if (process.argv[2] === '--receiver') await receiverChild(JSON.parse(process.argv[3]));
else if (process.argv[2] === '--no-work') await noWorkChild(JSON.parse(process.argv[3]));
else await main();

async function receiverChild(options) {
  var { startReceiver } = await import(SERVER);
  var rx = await startReceiver({ port: 0, host: '127.0.0.1', ...options });
  ready(rx.url, async () => {
    var commits = rx.ingestor.commits.stats;
    await rx.close();
    return { commits };
  });
}

async function noWorkChild({ url, prefix, clientId }) {
  var mqtt = (await import('mqtt')).default;
  var client = await mqtt.connectAsync(url, { clientId, clean: false });
  // Answers each message on its device's ack topic; PUBACK right away (mqtt.js default).
  client.on('message', (topic) => client.publish(topic.replace(/\/events$/, '/ack'), '{"ok":true}', { qos: 1 }));
  await client.subscribeAsync(prefix + '/+/events', { qos: 1 });
  ready('', async () => {
    await client.endAsync();
    return {};
  });
}

function ready(url, close) {
  process.stdout.write(JSON.stringify({ url }) + '\n');
  process.stdin.resume();
  process.stdin.on('end', async () => {
    process.stdout.write(JSON.stringify(await close()) + '\n');
    process.exit(0);
  });
}

/** DEVICES publishers, WINDOW outstanding each; resolves when every event was answered. */
async function publish(mqtt, url, prefix, check) {
  var perDevice = Math.ceil(EVENTS / DEVICES);
  var acked = new Set();
  var answers = 0;
  var messages = 0;
  var deadline = Date.now() + MAX_SECONDS * 1000;
  var clients = [];
  var start = performance.now();
  await Promise.all(Array.from({ length: DEVICES }, async (_, k) => {
    var device = 'mqtt-bench-' + k;
    var client = await mqtt.connectAsync(url, { clientId: prefix + '-' + device });
    clients.push(client);
    await client.subscribeAsync(prefix + '/' + device + '/ack', { qos: 1 });
    var next = 1;
    var outstanding = 0;
    var finished;
    var done = new Promise((resolve) => (finished = resolve));
    var send = () => {
      while (outstanding < WINDOW && next <= perDevice && Date.now() < deadline) {
        var id = next++;
        var body = JSON.stringify({ device_id: device, id, time: Date.now(), gesture: ['x', 'y', 'circle'][id % 3], move: 1 + (id % 3), score: 0.9 });
        var copies = id % 10 === 0 ? 2 : 1;
        for (var c = 0; c < copies; c++) client.publish(prefix + '/' + device + '/events', body, { qos: 1 });
        outstanding += copies;
        messages += copies;
      }
      if (outstanding === 0) finished();
    };
    client.on('message', (_topic, payload) => {
      outstanding--;
      answers++;
      if (check) for (var r of JSON.parse(payload.toString()).results ?? []) acked.add(device + '#' + r.id);
      send();
    });
    send();
    await done;
  }));
  var seconds = (performance.now() - start) / 1000;
  await Promise.all(clients.map((c) => c.endAsync()));
  return { messages, answers, seconds, perSecond: answers / seconds, acked };
}

async function main() {
  if (!fs.existsSync(SERVER)) {
    console.error('dist/node/server.js is missing: run `npm run build` first');
    process.exit(1);
  }
  var url = mqttUrl();
  if (!url) {
    console.log('MQTT skipped: RECEIVER_TEST_MQTT_URL not set and no .ci/services.env (run .ci/services.sh).');
    return;
  }
  var mqtt = (await import('mqtt')).default;
  var stores = [{ name: 'SQLite', make: () => ({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'mqtt-bench-')) }) }];
  var pgUrl = postgresUrl();
  if (pgUrl) stores.push({ name: 'PostgreSQL', make: () => ({ databaseUrl: pgUrl, postgresSchema: 'mqttbench_' + process.pid + '_' + Date.now().toString(36) }) });
  var rows = [];
  var failed = false;
  for (var store of stores) {
    for (var durability of ['full', 'relaxed']) {
      var tag = 'mqtt-bench-' + process.pid + '-' + Date.now().toString(36);
      var base = await startChild(fileURLToPath(import.meta.url), ['--no-work', JSON.stringify({ url, prefix: tag + '-base', clientId: tag + '-base-rx' })]);
      try {
        var b = await publish(mqtt, url, tag + '-base', false);
      } finally {
        await stopChild(base);
      }
      var options = { ...store.make(), durability, mqtt: { url, prefix: tag, clientId: tag + '-rx' } };
      var c = await startChild(fileURLToPath(import.meta.url), ['--receiver', JSON.stringify(options)]);
      try {
        var r = await publish(mqtt, url, tag, true);
        var stored = await readBack(c.url);
      } finally {
        var end = await stopChild(c);
        if (options.dataDir) fs.rmSync(options.dataDir, { recursive: true, force: true });
        if (options.postgresSchema) await dropSchema(options.databaseUrl, options.postgresSchema);
      }
      var keys = new Set(stored);
      var lost = [...r.acked].filter((k) => !keys.has(k)).length;
      var duplicated = stored.length - keys.size;
      if (lost || duplicated || stored.length !== r.acked.size) failed = true;
      var perCommit = end && end.commits && end.commits.commits ? (end.commits.requests / end.commits.commits).toFixed(1) : '-';
      rows.push('| ' + [store.name, durability, r.acked.size, r.messages, r.seconds.toFixed(2), Math.round(r.perSecond), Math.round(b.perSecond),
        (r.perSecond / b.perSecond).toFixed(2), perCommit, stored.length, lost, duplicated].join(' | ') + ' |');
    }
  }
  console.log('mosquitto on loopback, ' + DEVICES + ' publishing devices with ' + WINDOW + ' events outstanding each (QoS 1, waiting for the receiver\'s answer); every 10th event published twice. ' +
    'Each row follows a no-work subscriber measured just before. Node ' + process.version + ', ' + os.cpus().length + ' CPUs.\n');
  console.log('| store | durability | events acknowledged | messages | seconds | messages/s | no-work messages/s | ratio to no-work | messages per commit | stored | lost | duplicated |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (var row of rows) console.log(row);
  if (failed) {
    console.log('\nFAILED: stored rows differ from acknowledged events.');
    process.exitCode = 1;
  }
}
