// PostgreSQL store for fleets: same contract and tests as SQLite. `schema` lets tests (and
// several receivers sharing one server) use their own namespace.
import type pg from 'pg';
import { requirePeer } from '../../node/optional-deps';
import { migrations } from './migrations';
import { EVENT_COLUMNS, toStoredEvent, toToken, whereClause, toDeadLetter, noNul, statusUpsertSql, statusValues, deviceHealthSql, toDeviceHealth, byDeviceId } from './rows';
import type { EventStore, NewEvent, InsertResult, EventQuery, StatsQuery, Stats, TokenRecord, StoredEvent, Durability } from './types';

export interface PostgresOptions {
  url: string;
  /** Schema (created when missing); default "public". */
  schema?: string;
  /** Pool size; default 10. */
  max?: number;
  /** Default full: see Durability. */
  durability?: Durability;
}

var SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
/** Arbitrary constant: serialises migrations of receivers starting at the same time. */
var MIGRATION_LOCK = 7310462;

export async function openPostgresStore(options: PostgresOptions): Promise<EventStore> {
  var schema = options.schema ?? 'public';
  if (!SCHEMA_PATTERN.test(schema)) throw new Error('PostgreSQL schema name must match ' + SCHEMA_PATTERN + ' (got ' + JSON.stringify(schema) + ')');
  var durability = options.durability ?? 'full';
  // Set per session, so a server configured with synchronous_commit=off cannot weaken "full".
  var sessionOptions = '-c search_path=' + schema + ' -c synchronous_commit=' + (durability === 'full' ? 'on' : 'off');
  var pool = new (requirePeer<typeof pg>('pg').Pool)({ connectionString: options.url, max: options.max ?? 10, options: sessionOptions });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    await migratePostgres(pool, schema);
  } catch (e) {
    await pool.end();
    throw e;
  }
  var p = (i: number) => '$' + i;

  async function stats(query: StatsQuery): Promise<Stats> {
    var w = whereClause(query, p);
    var n = w.values.length;
    var [totals, byGesture, byDevice, timeline] = await Promise.all([
      pool.query('SELECT COUNT(*) AS total, MIN(time) AS first_time, MAX(time) AS last_time FROM events' + w.sql, w.values),
      pool.query('SELECT gesture, COUNT(*) AS count FROM events' + w.sql + ' GROUP BY gesture ORDER BY count DESC, gesture', w.values),
      pool.query('SELECT device_id, COUNT(*) AS count, MAX(time) AS last_time FROM events' + w.sql + ' GROUP BY device_id ORDER BY count DESC, device_id', w.values),
      pool.query('SELECT time - (time % $' + (n + 1) + '::bigint) AS t, gesture, COUNT(*) AS count FROM events' + w.sql + ' GROUP BY t, gesture ORDER BY t, gesture', [...w.values, query.bucketMs]),
    ]);
    var t = totals.rows[0];
    return {
      total: Number(t.total),
      first_time: t.first_time === null ? null : Number(t.first_time),
      last_time: t.last_time === null ? null : Number(t.last_time),
      by_gesture: byGesture.rows.map((r) => ({ gesture: r.gesture, count: Number(r.count) })),
      by_device: byDevice.rows.map((r) => ({ device_id: r.device_id, count: Number(r.count), last_time: Number(r.last_time) })),
      timeline: timeline.rows.map((r) => ({ t: Number(r.t), gesture: r.gesture, count: Number(r.count) })),
    };
  }

  return {
    kind: 'postgres',
    durability,
    // One group at a time: the next group gathers while this one commits, so the rate is
    // group size / commit time either way, and two groups inserting the same keys in crossed
    // order could deadlock (PostgreSQL would abort one after deadlock_timeout).
    commitConcurrency: 1,
    async insertEvents(events: NewEvent[]): Promise<InsertResult[]> {
      if (events.length === 0) return [];
      // One statement whatever the group size: one array per column, unnested in order (so a
      // repeated key keeps its first occurrence first). A fixed text lets it be prepared once.
      var r = await pool.query({
        name: 'insert_events',
        text: 'INSERT INTO events (device_id, event_id, time, gesture, move, score, source, received_at) ' +
          'SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::integer[], $6::double precision[], $7::text[], $8::bigint[]) ' +
          'ON CONFLICT DO NOTHING RETURNING seq, device_id, event_id, time, move',
        values: [
          events.map((e) => e.device_id), events.map((e) => e.id), events.map((e) => e.time), events.map((e) => e.gesture),
          events.map((e) => e.move), events.map((e) => e.score), events.map((e) => e.source), events.map((e) => e.received_at),
        ],
      });
      var inserted = new Map<string, number>();
      for (var row of r.rows) inserted.set(rowKey(row.device_id, row.event_id, row.time, row.move), Number(row.seq));
      // The first row with a key got inserted; a repeat inside the same batch did not.
      return events.map((e) => {
        var key = rowKey(e.device_id, e.id, e.time, e.move);
        var seq = inserted.get(key);
        if (seq === undefined) return null;
        inserted.delete(key);
        return { seq, ...e };
      });
    },
    async findByIds(keys) {
      if (!keys.length) return [];
      var r = await pool.query(
        'SELECT ' + EVENT_COLUMNS + ' FROM events WHERE (device_id, event_id) IN (SELECT * FROM unnest($1::text[], $2::bigint[]))',
        [keys.map((k) => k.device_id), keys.map((k) => k.id)],
      );
      return r.rows.map(toStoredEvent);
    },
    async queryEvents(query: EventQuery): Promise<StoredEvent[]> {
      var w = whereClause(query, p);
      var r = await pool.query('SELECT ' + EVENT_COLUMNS + ' FROM events' + w.sql + ' ORDER BY time DESC, seq DESC LIMIT $' + (w.values.length + 1), [...w.values, query.limit]);
      return r.rows.map(toStoredEvent);
    },
    stats,
    async addToken(t: TokenRecord) {
      await pool.query('INSERT INTO tokens (token_id, device_id, hash, label, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        t.token_id, t.device_id, t.hash, t.label, t.created_at, t.revoked_at,
      ]);
    },
    async findTokenByHash(hash) {
      // Every authenticated request looks its token up: prepared once per connection.
      var r = await pool.query({ name: 'token_by_hash', text: 'SELECT * FROM tokens WHERE hash = $1', values: [hash] });
      return r.rows.length ? toToken(r.rows[0]) : null;
    },
    async listTokens(deviceId) {
      var r = deviceId === undefined
        ? await pool.query('SELECT * FROM tokens ORDER BY created_at, token_id')
        : await pool.query('SELECT * FROM tokens WHERE device_id = $1 ORDER BY created_at, token_id', [deviceId]);
      return r.rows.map(toToken);
    },
    async revokeTokens(by, at) {
      if (by.tokenId !== undefined) return (await pool.query('UPDATE tokens SET revoked_at = $1 WHERE token_id = $2 AND revoked_at IS NULL', [at, by.tokenId])).rowCount ?? 0;
      if (by.deviceId !== undefined) return (await pool.query('UPDATE tokens SET revoked_at = $1 WHERE device_id = $2 AND revoked_at IS NULL', [at, by.deviceId])).rowCount ?? 0;
      throw new Error('revokeTokens needs tokenId or deviceId');
    },
    async addDeadLetter(d) {
      await pool.query('INSERT INTO dead_letters (received_at, source, topic, device_id, reason, message, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        d.received_at, d.source, noNul(d.topic), d.device_id, d.reason, noNul(d.message), d.payload,
      ]);
    },
    async listDeadLetters(limit) {
      return (await pool.query('SELECT * FROM dead_letters ORDER BY seq DESC LIMIT $1', [limit])).rows.map(toDeadLetter);
    },
    async putDeviceStatus(st) {
      await pool.query(statusUpsertSql(p), statusValues(st));
    },
    async deviceHealth(query) {
      var h = deviceHealthSql(query, p);
      return (await pool.query(h.sql, h.values)).rows.map(toDeviceHealth).sort(byDeviceId);
    },
    async close() {
      await pool.end();
    },
  };
}

/** The unique key of a row: (device_id, id), or (device_id, time, move) for legacy rows. */
function rowKey(device: string, id: unknown, time: unknown, move: unknown): string {
  return id === null || id === undefined ? device + '\u0000L' + Number(time) + '\u0000' + Number(move) : device + '\u0000' + Number(id);
}

async function migratePostgres(pool: pg.Pool, schema: string) {
  var client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE SCHEMA IF NOT EXISTS ' + schema);
    await client.query('SET LOCAL search_path TO ' + schema);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    var applied = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
    var newest = Math.max(0, ...applied);
    var known = migrations[migrations.length - 1].version;
    if (newest > known) throw new Error('The database schema is version ' + newest + ' but this receiver knows up to ' + known + ': upgrade espruino-gestures');
    for (var m of migrations) {
      if (applied.has(m.version)) continue;
      await client.query(m.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
