// Service discovery and read-back for the receiver benches (not a bench itself: run.mjs runs
// *.bench.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

var here = path.dirname(fileURLToPath(import.meta.url));

function setting(name) {
  if (process.env[name]) return process.env[name];
  var envFile = path.join(here, '../.ci/services.env');
  if (!fs.existsSync(envFile)) return null;
  var m = new RegExp('^' + name + '=(.*)$', 'm').exec(fs.readFileSync(envFile, 'utf8'));
  return m ? m[1].trim() : null;
}

export var postgresUrl = () => setting('RECEIVER_TEST_PG_URL');
export var mqttUrl = () => setting('RECEIVER_TEST_MQTT_URL');

export async function dropSchema(url, schema) {
  var pg = (await import('pg')).default;
  var client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS ' + schema + ' CASCADE');
  await client.end();
}

/** Every stored event's "device_id#id", read back page by page through the read API. */
export async function readBack(url) {
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
