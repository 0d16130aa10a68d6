// Embedded default store: one SQLite file in the data folder, WAL so the dashboard's
// reads never block ingestion. better-sqlite3 is synchronous; the methods still return
// promises to share the EventStore contract with PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { requirePeer } from '../../node/optional-deps';
import { migrations } from './migrations';
import { EVENT_COLUMNS, toStoredEvent, toToken, whereClause, toDeadLetter, noNul, statusUpsertSql, statusValues, deviceHealthSql, toDeviceHealth, byDeviceId } from './rows';
import type { EventStore, NewEvent, InsertResult, EventQuery, StatsQuery, Stats, TokenRecord, StoredEvent, Durability } from './types';

export var SQLITE_FILE_NAME = 'receiver.sqlite';

export interface SqliteOptions {
  /** Default full: see Durability. */
  durability?: Durability;
}

export function openSqliteStore(dataDir: string, options: SqliteOptions = {}): EventStore {
  var durability = options.durability ?? 'full';
  fs.mkdirSync(dataDir, { recursive: true });
  var BetterSqlite = requirePeer<typeof Database>('better-sqlite3');
  var db = new BetterSqlite(path.join(dataDir, SQLITE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  // FULL in WAL mode syncs the WAL on every commit: a committed event survives a power cut.
  // NORMAL syncs only at checkpoints: a power cut may lose the last commits (never corrupts).
  // The group-commit queue keeps FULL affordable: one fsync per group of requests.
  db.pragma(durability === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db);

  var insert = db.prepare(
    'INSERT INTO events (device_id, event_id, time, gesture, move, score, source, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  var insertMany = db.transaction((events: NewEvent[]): InsertResult[] =>
    events.map((e) => {
      var info = insert.run(e.device_id, e.id, e.time, e.gesture, e.move, e.score, e.source, e.received_at);
      return info.changes === 1 ? { seq: Number(info.lastInsertRowid), ...e } : null;
    }),
  );
  var byId = db.prepare('SELECT ' + EVENT_COLUMNS + ' FROM events WHERE device_id = ? AND event_id = ?');
  // Every authenticated request looks its token up: prepare that once.
  var tokenByHash = db.prepare('SELECT * FROM tokens WHERE hash = ?');
  var q = (i: number) => '?';
  var upsertStatus = db.prepare(statusUpsertSql(q));

  var store: EventStore = {
    kind: 'sqlite',
    durability,
    // One writer: better-sqlite3 commits synchronously on this thread.
    commitConcurrency: 1,
    async insertEvents(events) {
      return insertMany(events);
    },
    async findByIds(keys) {
      var out: StoredEvent[] = [];
      for (var k of keys) {
        var row = byId.get(k.device_id, k.id);
        if (row) out.push(toStoredEvent(row));
      }
      return out;
    },
    async queryEvents(query: EventQuery): Promise<StoredEvent[]> {
      var w = whereClause(query, q);
      var rows = db.prepare('SELECT ' + EVENT_COLUMNS + ' FROM events' + w.sql + ' ORDER BY time DESC, seq DESC LIMIT ?').all(...w.values, query.limit);
      return rows.map(toStoredEvent);
    },
    async stats(query: StatsQuery): Promise<Stats> {
      var w = whereClause(query, q);
      var totals = db.prepare('SELECT COUNT(*) AS total, MIN(time) AS first_time, MAX(time) AS last_time FROM events' + w.sql).get(...w.values) as any;
      var byGesture = db.prepare('SELECT gesture, COUNT(*) AS count FROM events' + w.sql + ' GROUP BY gesture ORDER BY count DESC, gesture').all(...w.values) as any[];
      var byDevice = db.prepare('SELECT device_id, COUNT(*) AS count, MAX(time) AS last_time FROM events' + w.sql + ' GROUP BY device_id ORDER BY count DESC, device_id').all(...w.values) as any[];
      var timeline = db.prepare('SELECT time - (time % ?) AS t, gesture, COUNT(*) AS count FROM events' + w.sql + ' GROUP BY t, gesture ORDER BY t, gesture').all(query.bucketMs, ...w.values) as any[];
      return {
        total: Number(totals.total),
        first_time: totals.first_time === null ? null : Number(totals.first_time),
        last_time: totals.last_time === null ? null : Number(totals.last_time),
        by_gesture: byGesture.map((r) => ({ gesture: r.gesture, count: Number(r.count) })),
        by_device: byDevice.map((r) => ({ device_id: r.device_id, count: Number(r.count), last_time: Number(r.last_time) })),
        timeline: timeline.map((r) => ({ t: Number(r.t), gesture: r.gesture, count: Number(r.count) })),
      };
    },
    async addToken(t: TokenRecord) {
      db.prepare('INSERT INTO tokens (token_id, device_id, hash, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        t.token_id, t.device_id, t.hash, t.label, t.created_at, t.revoked_at,
      );
    },
    async findTokenByHash(hash) {
      var row = tokenByHash.get(hash);
      return row ? toToken(row) : null;
    },
    async listTokens(deviceId) {
      var rows = deviceId === undefined
        ? db.prepare('SELECT * FROM tokens ORDER BY created_at, token_id').all()
        : db.prepare('SELECT * FROM tokens WHERE device_id = ? ORDER BY created_at, token_id').all(deviceId);
      return rows.map(toToken);
    },
    async revokeTokens(by, at) {
      if (by.tokenId !== undefined) return db.prepare('UPDATE tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL').run(at, by.tokenId).changes;
      if (by.deviceId !== undefined) return db.prepare('UPDATE tokens SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL').run(at, by.deviceId).changes;
      throw new Error('revokeTokens needs tokenId or deviceId');
    },
    async addDeadLetter(d) {
      db.prepare('INSERT INTO dead_letters (received_at, source, topic, device_id, reason, message, payload) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        d.received_at, d.source, noNul(d.topic), d.device_id, d.reason, noNul(d.message), d.payload,
      );
    },
    async listDeadLetters(limit) {
      return db.prepare('SELECT * FROM dead_letters ORDER BY seq DESC LIMIT ?').all(limit).map(toDeadLetter);
    },
    async putDeviceStatus(st) {
      upsertStatus.run(...statusValues(st));
    },
    async deviceHealth(query) {
      var h = deviceHealthSql(query, q);
      return (db.prepare(h.sql).all(...h.values) as any[]).map(toDeviceHealth).sort(byDeviceId);
    },
    async close() {
      db.close();
    },
  };
  return store;
}

function migrateSqlite(db: Database.Database) {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  var applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as any[]).map((r) => Number(r.version)));
  var newest = Math.max(0, ...applied);
  var known = migrations[migrations.length - 1].version;
  if (newest > known) throw new Error('The database schema is version ' + newest + ' but this receiver knows up to ' + known + ': upgrade espruino-gestures');
  for (var m of migrations) {
    if (applied.has(m.version)) continue;
    var step = m;
    db.transaction(() => {
      db.exec(step.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(step.version, step.name, Date.now());
    }).immediate();
  }
}
