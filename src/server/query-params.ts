// Parses the filters the read endpoints share; bad values are 422 with the parameter named.
import { HttpError } from './http-errors';
import { DEVICE_ID_PATTERN, labelProblem } from './validate';

export interface Filters {
  device?: string;
  gesture?: string;
  since?: number;
  until?: number;
}

function bad(name: string, what: string): never {
  throw new HttpError(422, 'invalid_query', 'query parameter ' + name + ' ' + what);
}

export function intParam(q: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  var v = q[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !/^-?\d+$/.test(v)) bad(name, 'must be an integer (got ' + JSON.stringify(v) + ')');
  var n = Number(v);
  if (n < min || n > max) bad(name, 'must be between ' + min + ' and ' + max + ' (got ' + n + ')');
  return n;
}

function stringParam(q: Record<string, unknown>, name: string): string | undefined {
  var v = q[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') bad(name, 'must be given once');
  return v;
}

export function parseFilters(q: Record<string, unknown>): Filters {
  var device = stringParam(q, 'device');
  if (device !== undefined && !DEVICE_ID_PATTERN.test(device)) bad('device', 'must be a device id (A-Z a-z 0-9 . _ : -, at most 64)');
  var gesture = stringParam(q, 'gesture');
  // The label rule: no NUL (PostgreSQL cannot even compare one), controls or lone surrogates.
  var why = gesture === undefined ? null : labelProblem(gesture);
  if (why) bad('gesture', why);
  var since = intParam(q, 'since', 0, Number.MAX_SAFE_INTEGER);
  var until = intParam(q, 'until', 0, Number.MAX_SAFE_INTEGER);
  if (since !== undefined && until !== undefined && until <= since) bad('until', 'must be after since');
  return { device, gesture, since, until };
}

/** Paging cursor: opaque to clients, "<time>.<seq>" of the last row they got. */
export function encodeCursor(time: number, seq: number): string {
  return Buffer.from(time + '.' + seq).toString('base64url');
}

export function decodeCursor(v: unknown): { time: number; seq: number } | undefined {
  if (v === undefined || v === '') return undefined;
  var text = typeof v === 'string' ? Buffer.from(v, 'base64url').toString('utf8') : '';
  var m = /^(\d{1,16})\.(\d{1,16})$/.exec(text);
  if (!m) bad('cursor', 'is not a cursor returned by this endpoint');
  return { time: Number(m[1]), seq: Number(m[2]) };
}
