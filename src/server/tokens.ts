// Per-device tokens. The secret is shown once at creation; only its SHA-256 is stored.
// A fast hash is enough because tokens are 256 random bits, not passwords a person chose.
import crypto from 'node:crypto';
import type { EventStore, TokenRecord } from './storage/types';
import { DEVICE_ID_PATTERN } from './validate';

/** Token text: `egt_<token id>_<secret>`; the id lets `token revoke` name a token safely. */
var TOKEN_PATTERN = /^egt_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface CreatedToken {
  token: string;
  record: TokenRecord;
}

export async function createDeviceToken(store: EventStore, deviceId: string, label?: string): Promise<CreatedToken> {
  if (!DEVICE_ID_PATTERN.test(deviceId)) throw new Error('device id must be 1-64 characters of A-Z a-z 0-9 . _ : - (got ' + JSON.stringify(deviceId) + ')');
  var tokenId = crypto.randomBytes(5).toString('hex').slice(0, 8);
  var token = 'egt_' + tokenId + '_' + crypto.randomBytes(32).toString('base64url');
  var record: TokenRecord = { token_id: tokenId, device_id: deviceId, hash: hashToken(token), label: label ?? null, created_at: Date.now(), revoked_at: null };
  await store.addToken(record);
  return { token, record };
}

export type TokenCheck =
  | { ok: true; deviceId: string; tokenId: string }
  | { ok: false; status: 401; reason: string };

/** Checks an Authorization header value; the caller turns failures into 401. */
export async function checkBearer(store: EventStore, header: string | undefined): Promise<TokenCheck> {
  if (!header) return { ok: false, status: 401, reason: 'missing token: send "Authorization: Bearer <token>" (create one with `espruino-gestures token create --device <id>`)' };
  var m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) return { ok: false, status: 401, reason: 'malformed Authorization header: expected "Bearer <token>"' };
  if (!TOKEN_PATTERN.test(m[1])) return { ok: false, status: 401, reason: 'invalid token' };
  var rec = await store.findTokenByHash(hashToken(m[1]));
  if (!rec) return { ok: false, status: 401, reason: 'invalid token' };
  if (rec.revoked_at !== null) return { ok: false, status: 401, reason: 'token ' + rec.token_id + ' was revoked' };
  return { ok: true, deviceId: rec.device_id, tokenId: rec.token_id };
}
