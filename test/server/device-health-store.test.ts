// Device health and the CSV export at the store level, on SQLite and on a real PostgreSQL:
// status reports (newest wins), per-device last seen / events in the last hour, a database
// from before the migration staying readable, and the export paging through every row.
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { openSqliteStore, openPostgresStore, SQLITE_FILE_NAME, createDeviceToken, type EventStore, type NewEvent } from '../../src/server';
import type { DeviceStatus } from '../../src/server/storage/types';
import { migrations } from '../../src/server/storage/migrations';
import { eventsCsv } from '../../src/server/routes/csv-route';
import { describeWithService, findPostgres, tempDir, removeDir } from './helpers';

var T0 = 1_760_000_000_000;

function ev(over: Partial<NewEvent> = {}): NewEvent {
  return { device_id: 'dev-1', id: 1, time: T0, gesture: 'x', move: 1, score: 0.5, source: 'http', received_at: T0 + 5, ...over };
}

function status(over: Partial<DeviceStatus> = {}): DeviceStatus {
  return {
    device_id: 'dev-1', reported_at: T0, source: 'http', queued: 0, sent: 10, dropped: 0, rejected: 0, failures: 0,
    persist_errors: 0, held: 0, estimated: 0, next_id: 11, other: {}, ...over,
  };
}

async function collect(gen: AsyncGenerator<string>): Promise<string> {
  var out = '';
  for await (var chunk of gen) out += chunk;
  return out;
}

interface Factory {
  open(): Promise<EventStore>;
  /** A database as the previous release left it (migrations 1-2), holding one event. */
  openOld(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

function healthSuite(f: Factory) {
  var store: EventStore;
  beforeEach(async () => {
    store = await f.open();
  });
  afterEach(async () => {
    await store?.close();
    await f.cleanup();
  });

  it('keeps the newest status report per device; a late older one does not replace it', async () => {
    await store.putDeviceStatus(status({ reported_at: T0 + 1000, sent: 20, dropped: 3, rejected: 1, other: { linkUp: true, reconnects: 4 } }));
    await store.putDeviceStatus(status({ reported_at: T0, sent: 10 }));
    await store.putDeviceStatus(status({ device_id: 'dev-2', source: 'mqtt', queued: null, estimated: null, next_id: 9007199254740991 }));
    var rows = await store.deviceHealth({ since: 0 });
    expect(rows.map((r) => r.device_id)).toEqual(['dev-1', 'dev-2']);
    expect(rows[0].status).toEqual(status({ reported_at: T0 + 1000, sent: 20, dropped: 3, rejected: 1, other: { linkUp: true, reconnects: 4 } }));
    expect(rows[1].status).toMatchObject({ source: 'mqtt', queued: null, estimated: null, next_id: 9007199254740991 });
    await store.putDeviceStatus(status({ reported_at: T0 + 2000, sent: 25, dropped: 5 }));
    expect((await store.deviceHealth({ since: 0, device: 'dev-1' }))[0].status).toMatchObject({ reported_at: T0 + 2000, sent: 25, dropped: 5, other: {} });
  });

  it('gives each device its last arrival, last event time and events since a time, from events, reports and tokens', async () => {
    await store.insertEvents([
      ev({ id: 1, time: T0, received_at: T0 + 10 }),
      ev({ id: 2, time: T0 + 5000, received_at: T0 + 5010 }),
      // Queued during an outage, delivered late: its arrival is the device's latest.
      ev({ id: 3, time: T0 + 6000, received_at: T0 + 90000 }),
      ev({ id: 1, device_id: 'Dev-B', time: T0 + 7000, received_at: T0 + 7001 }),
      ev({ id: null, device_id: 'legacy-1', time: T0 + 100, received_at: T0 + 200, score: null, source: 'legacy' }),
    ]);
    await createDeviceToken(store, 'never-1');
    var revoked = await createDeviceToken(store, 'gone-1');
    await store.revokeTokens({ tokenId: revoked.record.token_id }, T0);
    await createDeviceToken(store, 'dev-1');
    await store.putDeviceStatus(status({ device_id: 'only-status', reported_at: T0 + 3 }));

    var rows = await store.deviceHealth({ since: T0 + 1000 });
    expect(rows.map((r) => r.device_id)).toEqual(['Dev-B', 'dev-1', 'legacy-1', 'never-1', 'only-status']);
    var by = Object.fromEntries(rows.map((r) => [r.device_id, r]));
    expect(by['dev-1']).toEqual({ device_id: 'dev-1', last_event_received_at: T0 + 90000, last_event_time: T0 + 6000, recent_events: 2, status: null, has_token: true });
    expect(by['Dev-B']).toMatchObject({ last_event_received_at: T0 + 7001, recent_events: 1, has_token: false });
    expect(by['legacy-1']).toMatchObject({ last_event_received_at: T0 + 200, recent_events: 0 });
    expect(by['never-1']).toEqual({ device_id: 'never-1', last_event_received_at: null, last_event_time: null, recent_events: 0, status: null, has_token: true });
    expect(by['only-status'].status).toMatchObject({ reported_at: T0 + 3 });
    expect(await store.deviceHealth({ since: 0, device: 'nobody' })).toEqual([]);
    expect((await store.deviceHealth({ since: 0, device: 'dev-1' })).map((r) => r.recent_events)).toEqual([3]);
  });

  it('exports every matching event as CSV across pages, newest first, each once', async () => {
    var rows: NewEvent[] = [];
    for (var i = 0; i < 2345; i++) rows.push(ev({ id: i, time: T0 + Math.floor(i / 3) * 10, gesture: i % 7 ? 'x' : 'tap, "double"', device_id: i % 2 ? 'dev-1' : 'dev-2' }));
    await store.insertEvents(rows);
    var text = await collect(eventsCsv(store, {}, 1000));
    var lines = text.split('\r\n');
    expect(lines[0]).toBe('seq,device_id,id,time,time_iso,gesture,move,score,source,received_at');
    expect(lines[lines.length - 1]).toBe('');
    var body = lines.slice(1, -1);
    expect(body).toHaveLength(2345);
    var keys = body.map((l) => l.split(',')[1] + '/' + l.split(',')[2]);
    expect(new Set(keys).size).toBe(2345);
    var times = body.map((l) => Number(l.split(',')[3]));
    expect(times.every((t, k) => k === 0 || t <= times[k - 1])).toBe(true);
    expect(body).toContain(body.find((l) => l.includes('"tap, ""double"""'))!);
    // The list's filters apply.
    var one = (await collect(eventsCsv(store, { device: 'dev-2', gesture: 'tap, "double"', since: T0, until: T0 + 200 }, 7))).split('\r\n').slice(1, -1);
    var expected = rows.filter((r) => r.device_id === 'dev-2' && r.gesture === 'tap, "double"' && r.time < T0 + 200);
    expect(one).toHaveLength(expected.length);
    expect(one.every((l) => l.includes(',dev-2,') && l.includes('"tap, ""double"""'))).toBe(true);
  });

  it('opens a database from before the device-status migration: its events stay readable and health works', async () => {
    await store.close();
    await f.cleanup();
    store = await f.openOld();
    var back = await store.queryEvents({ limit: 10 });
    expect(back.map((e) => [e.device_id, e.id, e.gesture])).toEqual([['old-1', 7, 'circle']]);
    expect((await store.deviceHealth({ since: 0 })).map((r) => [r.device_id, r.recent_events, r.status])).toEqual([['old-1', 1, null]]);
    await store.putDeviceStatus(status({ device_id: 'old-1' }));
    expect((await store.deviceHealth({ since: 0 }))[0].status).toMatchObject({ sent: 10 });
  });
}

/** The old schema and one event, written with plain SQL as the previous release would have. */
var OLD_EVENT = "INSERT INTO events (device_id, event_id, time, gesture, move, score, source, received_at) VALUES ('old-1', 7, " + T0 + ", 'circle', 3, 0.9, 'http', " + T0 + ')';

describe('device health store: SQLite', () => {
  var dir = '';
  healthSuite({
    async open() {
      dir = tempDir();
      return openSqliteStore(dir);
    },
    async openOld() {
      dir = tempDir();
      var db = new Database(path.join(dir, SQLITE_FILE_NAME));
      db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      for (var m of migrations.slice(0, 2)) {
        db.exec(m.sqlite);
        db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.name);
      }
      db.exec(OLD_EVENT);
      db.close();
      return openSqliteStore(dir);
    },
    async cleanup() {
      removeDir(dir);
    },
  });
});

var postgres = await findPostgres();

describeWithService('device health store: PostgreSQL', postgres, (url) => {
  var schema = '';
  var n = 0;
  async function sql(text: string) {
    var client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }
  healthSuite({
    async open() {
      schema = 'health_' + process.pid + '_' + Date.now().toString(36) + '_' + n++;
      return openPostgresStore({ url, schema, max: 3 });
    },
    async openOld() {
      schema = 'health_old_' + process.pid + '_' + Date.now().toString(36) + '_' + n++;
      var steps = migrations.slice(0, 2).map((m) => m.postgres + "; INSERT INTO schema_migrations VALUES (" + m.version + ", '" + m.name + "', 0);").join('\n');
      await sql('CREATE SCHEMA ' + schema + '; SET search_path TO ' + schema + ';' +
        'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL);' + steps + OLD_EVENT);
      return openPostgresStore({ url, schema, max: 3 });
    },
    async cleanup() {
      await sql('DROP SCHEMA IF EXISTS ' + schema + ' CASCADE');
    },
  });
});
