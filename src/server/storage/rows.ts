// Row <-> StoredEvent mapping and the SQL shared by both dialects.
import type { StoredEvent, EventSource, TokenRecord, DeadLetter } from './types';

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
