// Row <-> StoredEvent mapping and the SQL shared by both dialects.
import type { StoredEvent, EventSource, TokenRecord, DeadLetter, DeviceStatus, DeviceHealthRow } from './types';

export var EVENT_COLUMNS = 'seq, device_id, event_id, time, gesture, move, score, source, received_at';

/** pg returns BIGINT as string: convert every numeric column explicitly. */
export function toStoredEvent(r: any): StoredEvent {
  return {
    seq: Number(r.seq),
    device_id: r.device_id,
    id: r.event_id === null || r.event_id === undefined ? null : Number(r.event_id),
    time: Number(r.time),
    gesture: r.gesture,
    move: Number(r.move),
    score: r.score === null || r.score === undefined ? null : Number(r.score),
    source: r.source as EventSource,
    received_at: Number(r.received_at),
  };
}

export function toToken(r: any): TokenRecord {
  return {
    token_id: r.token_id,
    device_id: r.device_id,
    hash: r.hash,
    label: r.label ?? null,
    created_at: Number(r.created_at),
    revoked_at: r.revoked_at === null || r.revoked_at === undefined ? null : Number(r.revoked_at),
  };
}

/**
 * Builds a WHERE clause from optional filters. `param(i)` renders placeholder i
 * (`?` for SQLite, `$i` for PostgreSQL); values are always bound, never spliced.
 */
export function whereClause(
  f: { device?: string; gesture?: string; since?: number; until?: number; after?: { time: number; seq: number } },
  param: (i: number) => string,
): { sql: string; values: unknown[] } {
  var parts: string[] = [];
  var values: unknown[] = [];
  function add(sqlWithMarks: string, ...vals: unknown[]) {
    var s = sqlWithMarks;
    for (var v of vals) {
      values.push(v);
      s = s.replace('?', param(values.length));
    }
    parts.push(s);
  }
  if (f.device !== undefined) add('device_id = ?', f.device);
  if (f.gesture !== undefined) add('gesture = ?', f.gesture);
  if (f.since !== undefined) add('time >= ?', f.since);
  if (f.until !== undefined) add('time < ?', f.until);
  if (f.after) add('(time < ? OR (time = ? AND seq < ?))', f.after.time, f.after.time, f.after.seq);
  return { sql: parts.length ? ' WHERE ' + parts.join(' AND ') : '', values };
}


/** A dead_letters row as DeadLetter (BIGINTs come back as strings from pg). */
export function toDeadLetter(r: any): DeadLetter {
  return {
    seq: Number(r.seq), received_at: Number(r.received_at), source: r.source, topic: r.topic, device_id: r.device_id ?? null,
    reason: r.reason, message: r.message, payload: Buffer.from(r.payload),
  };
}

/** Text columns cannot hold NUL in PostgreSQL; a reason quoting a payload may contain one. */
export function noNul(s: string): string {
  return s.indexOf('\u0000') < 0 ? s : s.split('\u0000').join('\\u0000');
}

/** The counters of a status report, in column order (after device_id, reported_at, source). */
export var STATUS_COUNTERS = ['queued', 'sent', 'dropped', 'rejected', 'failures', 'persist_errors', 'held', 'estimated', 'next_id'] as const;

/** Upsert of a device's latest report; an older report (delayed, retried) never replaces a newer one. */
export function statusUpsertSql(param: (i: number) => string): string {
  var cols = ['device_id', 'reported_at', 'source'].concat(STATUS_COUNTERS, ['other']);
  return 'INSERT INTO device_status (' + cols.join(', ') + ') VALUES (' + cols.map((c, i) => param(i + 1)).join(', ') + ')' +
    ' ON CONFLICT (device_id) DO UPDATE SET ' + cols.slice(1).map((c) => c + ' = excluded.' + c).join(', ') +
    ' WHERE excluded.reported_at >= device_status.reported_at';
}

export function statusValues(s: DeviceStatus): unknown[] {
  return ([s.device_id, s.reported_at, s.source] as unknown[]).concat(STATUS_COUNTERS.map((c) => s[c]), [JSON.stringify(s.other)]);
}

/**
 * Devices with events, a status report or an active token. The distinct devices of the
 * events table come from a loose index scan (one index probe per device, both dialects),
 * and each device's figures from its own index ranges: no scan of the events.
 */
export function deviceHealthSql(q: { since: number; device?: string }, param: (i: number) => string): { sql: string; values: unknown[] } {
  var per = (expr: string, extra = '') => '(SELECT ' + expr + ' FROM events e WHERE e.device_id = ids.device_id' + extra + ')';
  var sql = 'WITH RECURSIVE d(device_id) AS (' +
    ' SELECT MIN(device_id) FROM events' +
    ' UNION ALL SELECT (SELECT MIN(e.device_id) FROM events e WHERE e.device_id > d.device_id) FROM d WHERE d.device_id IS NOT NULL' +
    '), ids AS (' +
    ' SELECT device_id FROM d WHERE device_id IS NOT NULL' +
    ' UNION SELECT device_id FROM device_status' +
    ' UNION SELECT device_id FROM tokens WHERE revoked_at IS NULL' +
    ') SELECT ids.device_id AS id,' +
    // The arrival of its newest event by event time, through the (device_id, time) index: the
    // outbox sends oldest first, so that is also its latest arrival (queued events delivered
    // after an outage included), unless the device clock went back.
    ' (SELECT e.received_at FROM events e WHERE e.device_id = ids.device_id ORDER BY e.time DESC LIMIT 1) AS last_received,' +
    ' ' + per('MAX(e.time)') + ' AS last_time,' +
    ' ' + per('COUNT(*)', ' AND e.time >= ' + param(1)) + ' AS recent,' +
    ' (SELECT COUNT(*) FROM tokens t WHERE t.device_id = ids.device_id AND t.revoked_at IS NULL) AS tokens,' +
    ' s.*' +
    ' FROM ids LEFT JOIN device_status s ON s.device_id = ids.device_id';
  if (q.device === undefined) return { sql, values: [q.since] };
  return { sql: sql + ' WHERE ids.device_id = ' + param(2), values: [q.since, q.device] };
}

function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** A deviceHealthSql row; sorted by the caller (collations differ between the two stores). */
export function toDeviceHealth(r: any): DeviceHealthRow {
  var status: DeviceStatus | null = null;
  if (r.reported_at !== null && r.reported_at !== undefined) {
    status = { device_id: r.id, reported_at: Number(r.reported_at), source: r.source } as DeviceStatus;
    for (var c of STATUS_COUNTERS) (status as any)[c] = numOrNull(r[c]);
    status.other = r.other ? JSON.parse(r.other) : {};
  }
  return {
    device_id: r.id,
    last_event_received_at: numOrNull(r.last_received),
    last_event_time: numOrNull(r.last_time),
    recent_events: Number(r.recent),
    status,
    has_token: Number(r.tokens) > 0,
  };
}

export function byDeviceId(a: DeviceHealthRow, b: DeviceHealthRow): number {
  return a.device_id < b.device_id ? -1 : a.device_id > b.device_id ? 1 : 0;
}
