// Validation shared by every way in (HTTP, legacy HTTP, MQTT), so all of them accept and
// reject exactly the same events. Hand-written rather than a JSON schema so each rejection
// names the field and says what was expected.
// Names follow the device code's rule (src/core/names.ts), so a device never queues an
// event this refuses for its name. Nothing here may throw anything but ValidationError,
// whatever value a JSON parser produced.
import type { GestureEvent } from '../core/types';
import { isValidDeviceId, labelProblem, MAX_NAME_LENGTH, DEVICE_ID_RULE, LABEL_RULE } from '../core/names';

/** Device ids end up in MQTT topics and URLs: no '/', '+', '#', spaces (same as isValidDeviceId). */
export var DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
export var MAX_GESTURE_LENGTH = MAX_NAME_LENGTH;
export { isValidDeviceId, labelProblem, LABEL_RULE };
/** Largest epoch ms a Date can hold; above it toISOString throws. */
var MAX_DATE_MS = 8.64e15;
/** 2001-09-09 in epoch ms: anything smaller is almost surely ms since boot (clock not set). */
export var MIN_EPOCH_MS = 1e12;
/** Clocks run ahead; more than a day ahead is a wrong clock, not skew. */
export var MAX_FUTURE_MS = 24 * 3600 * 1000;

export interface ValidationProblem {
  /** Where, e.g. "events[3].time" or "time". */
  path: string;
  message: string;
}

export class ValidationError extends Error {
  readonly problems: ValidationProblem[];
  constructor(problems: ValidationProblem[]) {
    super(problems.map((p) => p.path + ': ' + p.message).join('; '));
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return 'the string ' + JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v);
  return typeof v === 'object' ? 'an object' : String(v);
}

export function checkDeviceId(v: unknown, path: string, out: ValidationProblem[]): v is string {
  if (!isValidDeviceId(v)) {
    out.push({ path, message: 'must be ' + DEVICE_ID_RULE + ' (got ' + describe(v) + ')' });
    return false;
  }
  return true;
}

export function checkTime(v: unknown, path: string, now: number, out: ValidationProblem[]): v is number {
  if (typeof v !== 'number' || !isFinite(v)) {
    out.push({ path, message: 'must be a number of epoch milliseconds (got ' + describe(v) + ')' });
    return false;
  }
  if (v < MIN_EPOCH_MS) {
    out.push({ path, message: 'must be epoch milliseconds; ' + v + ' is before 2001 (is the device clock set?)' });
    return false;
  }
  if (v > now + MAX_FUTURE_MS) {
    out.push({ path, message: 'is more than a day in the future (' + (v <= MAX_DATE_MS ? new Date(v).toISOString() : v + ' ms is past any date') + ')' });
    return false;
  }
  return true;
}

export function checkMove(v: unknown, path: string, out: ValidationProblem[]): v is number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 65535) {
    out.push({ path, message: 'must be an integer label index 0-65535 (got ' + describe(v) + ')' });
    return false;
  }
  return true;
}

var EVENT_FIELDS = ['device_id', 'id', 'time', 'gesture', 'move', 'score'];

/**
 * Checks one GestureEvent. Returns the normalised event (time rounded to whole ms:
 * Espruino's Date.now() has a fraction) or pushes problems and returns null.
 */
export function validateEvent(v: unknown, path: string, now: number, out: ValidationProblem[]): GestureEvent | null {
  var prefix = path ? path + '.' : '';
  if (!isPlainObject(v)) {
    out.push({ path: path || '(body)', message: 'must be an event object (got ' + describe(v) + ')' });
    return null;
  }
  var before = out.length;
  for (var key of Object.keys(v)) {
    if (EVENT_FIELDS.indexOf(key) < 0) out.push({ path: prefix + key, message: 'is not a field of an event (allowed: ' + EVENT_FIELDS.join(', ') + ')' });
  }
  for (var field of EVENT_FIELDS) {
    if (!(field in v)) out.push({ path: prefix + field, message: 'is required' });
  }
  if (out.length > before) return null;
  checkDeviceId(v.device_id, prefix + 'device_id', out);
  if (typeof v.id !== 'number' || !Number.isSafeInteger(v.id) || v.id < 0) {
    out.push({ path: prefix + 'id', message: 'must be a non-negative integer (got ' + describe(v.id) + ')' });
  }
  checkTime(v.time, prefix + 'time', now, out);
  var why = labelProblem(v.gesture);
  if (why) out.push({ path: prefix + 'gesture', message: why + ': a label is ' + LABEL_RULE + ' (got ' + describe(v.gesture) + ')' });
  checkMove(v.move, prefix + 'move', out);
  if (typeof v.score !== 'number' || !(v.score >= 0 && v.score <= 1)) {
    out.push({ path: prefix + 'score', message: 'must be a confidence between 0 and 1 (got ' + describe(v.score) + ')' });
  }
  if (out.length > before) return null;
  return {
    device_id: v.device_id as string,
    id: v.id as number,
    time: Math.round(v.time as number),
    gesture: v.gesture as string,
    move: v.move as number,
    score: v.score as number,
  };
}

/** One element of a checked batch: the event, or why it was refused. */
export type CheckedEvent =
  | { ok: true; event: GestureEvent }
  | { ok: false; id: number | null; problems: ValidationProblem[] };

/**
 * A batch checked event by event: a refused element does not sink the others. Throws
 * ValidationError only for the body itself (not an event or array, empty, too long) and
 * for a single object that is invalid.
 */
export function checkEventBatch(body: unknown, now: number, maxBatch: number): CheckedEvent[] {
  if (!Array.isArray(body)) return [{ ok: true, event: validateEventBatch(body, now, maxBatch)[0] }];
  if (body.length === 0) throw new ValidationError([{ path: '(body)', message: 'is an empty array: send at least one event' }]);
  if (body.length > maxBatch) throw new ValidationError([{ path: '(body)', message: 'holds ' + body.length + ' events; at most ' + maxBatch + ' per request' }]);
  var out: CheckedEvent[] = [];
  for (var i = 0; i < body.length; i++) {
    var problems: ValidationProblem[] = [];
    var e = validateEvent(body[i], '[' + i + ']', now, problems);
    if (e) out.push({ ok: true, event: e });
    else {
      var id = isPlainObject(body[i]) ? (body[i] as Record<string, unknown>).id : null;
      out.push({ ok: false, id: typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null, problems: problems.slice(0, 20) });
    }
  }
  return out;
}

/** One event or an array of up to maxBatch events; all valid or a ValidationError. */
export function validateEventBatch(body: unknown, now: number, maxBatch: number): GestureEvent[] {
  var problems: ValidationProblem[] = [];
  var events: GestureEvent[] = [];
  if (Array.isArray(body)) {
    if (body.length === 0) throw new ValidationError([{ path: '(body)', message: 'is an empty array: send at least one event' }]);
    if (body.length > maxBatch) throw new ValidationError([{ path: '(body)', message: 'holds ' + body.length + ' events; at most ' + maxBatch + ' per request' }]);
    for (var i = 0; i < body.length; i++) {
      var e = validateEvent(body[i], '[' + i + ']', now, problems);
      if (e) events.push(e);
    }
  } else {
    var one = validateEvent(body, '', now, problems);
    if (one) events.push(one);
  }
  if (problems.length) throw new ValidationError(problems.slice(0, 20));
  return events;
}

/** The original device's `{device_id, time, move}`; device_id was an integer there. */
export interface LegacyMove {
  device_id: string;
  time: number;
  move: number;
}

/**
 * The original stored time in seconds (its reader multiplied by 1000) while later devices
 * sent ms; values below 1e11 (year 5138 in s, 1973 in ms) are read as seconds.
 */
export function validateLegacyMove(v: unknown, now: number): LegacyMove {
  var problems: ValidationProblem[] = [];
  if (!isPlainObject(v)) throw new ValidationError([{ path: '(body)', message: 'must be an object {device_id, time, move} (got ' + describe(v) + ')' }]);
  for (var field of ['device_id', 'time', 'move']) {
    if (!(field in v)) problems.push({ path: field, message: 'is required' });
  }
  if (problems.length) throw new ValidationError(problems);
  var deviceId = typeof v.device_id === 'number' && Number.isSafeInteger(v.device_id) && v.device_id >= 0 ? String(v.device_id) : v.device_id;
  checkDeviceId(deviceId, 'device_id', problems);
  var time = v.time;
  if (typeof time === 'number' && isFinite(time) && time > 0 && time < 1e11) time = time * 1000;
  checkTime(time, 'time', now, problems);
  checkMove(v.move, 'move', problems);
  if (problems.length) throw new ValidationError(problems);
  return { device_id: deviceId as string, time: Math.round(time as number), move: v.move as number };
}
