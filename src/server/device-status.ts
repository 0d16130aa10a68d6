// Device health: the status reports devices send (their outbox counters) and the per-device
// view the dashboard and GET /api/v1/devices show (last seen, online, events per hour).
import type { DeviceStatus, DeviceHealthRow } from './storage/types';
import { STATUS_COUNTERS } from './storage/rows';
import { ValidationError, checkDeviceId, type ValidationProblem } from './validate';

/** A device not heard from for this long is offline (serve --offline-after, in minutes). */
export var DEFAULT_OFFLINE_AFTER_MS = 10 * 60 * 1000;
/** How far back "events per hour" counts. */
export var HOUR_MS = 3600 * 1000;

/** The device's names for the stored counters (OutboxStats, src/sinks/outbox.ts). */
var WIRE_NAMES: Record<string, (typeof STATUS_COUNTERS)[number]> = {
  queued: 'queued', sent: 'sent', dropped: 'dropped', rejected: 'rejected', failures: 'failures',
  persistErrors: 'persist_errors', held: 'held', estimated: 'estimated', nextId: 'next_id',
};
/** Other counters are kept by name: a newer device may report more than this receiver knows. */
var OTHER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
var MAX_OTHER = 32;

/**
 * Checks a status report: `{device_id, queued, sent, dropped, rejected, ...}` as the outbox's
 * stats() gives them. Known counters must be non-negative integers; other fields must be
 * numbers or booleans with plain names. Throws ValidationError naming the field.
 */
export function validateStatus(v: unknown, now: number, source: DeviceStatus['source']): DeviceStatus {
  var problems: ValidationProblem[] = [];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new ValidationError([{ path: '(body)', message: 'must be a status object {device_id, queued, sent, dropped, rejected, ...}' }]);
  }
  var body = v as Record<string, unknown>;
  if (!('device_id' in body)) problems.push({ path: 'device_id', message: 'is required' });
  else checkDeviceId(body.device_id, 'device_id', problems);
  var out: DeviceStatus = { device_id: body.device_id as string, reported_at: now, source, other: {} } as DeviceStatus;
  for (var c of STATUS_COUNTERS) out[c] = null;
  var nOther = 0;
  for (var key of Object.keys(body)) {
    if (key === 'device_id') continue;
    var value = body[key];
    var column = Object.prototype.hasOwnProperty.call(WIRE_NAMES, key) ? WIRE_NAMES[key] : null;
    if (column) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) problems.push({ path: key, message: 'must be a non-negative integer (got ' + JSON.stringify(value) + ')' });
      else out[column] = value;
    } else if (!OTHER_NAME.test(key)) {
      problems.push({ path: key.slice(0, 60), message: 'is not a counter name (a letter, then up to 39 of A-Z a-z 0-9 _)' });
    } else if (!(typeof value === 'boolean' || (typeof value === 'number' && isFinite(value)))) {
      problems.push({ path: key, message: 'must be a number or a boolean (got ' + (value === null ? 'null' : typeof value) + ')' });
    } else if (++nOther > MAX_OTHER) {
      problems.push({ path: key, message: 'is one counter too many: at most ' + MAX_OTHER + ' besides the outbox\'s' });
    } else {
      out.other[key] = value as number | boolean;
    }
  }
  if (problems.length) throw new ValidationError(problems.slice(0, 20));
  return out;
}

export type DeviceState = 'online' | 'offline' | 'never_seen';

/** GET /api/v1/devices: one device as the dashboard shows it. */
export function deviceHealthView(r: DeviceHealthRow, now: number, offlineAfterMs: number) {
  var seen = Math.max(r.last_event_received_at ?? -Infinity, r.status?.reported_at ?? -Infinity);
  var lastSeen = seen === -Infinity ? null : seen;
  var state: DeviceState = lastSeen === null ? 'never_seen' : now - lastSeen < offlineAfterMs ? 'online' : 'offline';
  return {
    device_id: r.device_id,
    state,
    last_seen: lastSeen,
    last_event_time: r.last_event_time,
    events_last_hour: r.recent_events,
    has_token: r.has_token,
    status: r.status && {
      reported_at: r.status.reported_at, source: r.status.source,
      queued: r.status.queued, sent: r.status.sent, dropped: r.status.dropped, rejected: r.status.rejected,
      failures: r.status.failures, persist_errors: r.status.persist_errors, held: r.status.held,
      estimated: r.status.estimated, next_id: r.status.next_id, other: r.status.other,
    },
  };
}
