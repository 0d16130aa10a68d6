// Per-token rate limits (@fastify/rate-limit): a device token is limited on its own, as is
// each read token; requests without a well-formed token share a limit per client address.
// A 429 says when to come back (Retry-After); the device HTTP sink retries after it.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requirePeer } from '../node/optional-deps';
import { HttpError } from './http-errors';
import { readTokenOf } from './access';
import type { RateLimitOptions } from './rate-limit-options';

var DEVICE_TOKEN = /^egt_([a-z0-9]{8})_/;

/** The limit's key: the device token's id, a read token's hash, else the client address. */
export function rateKey(req: FastifyRequest): string {
  var token = readTokenOf(req);
  if (token) {
    var m = DEVICE_TOKEN.exec(token);
    if (m) return 'device-token:' + m[1];
    return 'token:' + crypto.createHash('sha256').update(token).digest('base64url').slice(0, 16);
  }
  return 'ip:' + req.ip;
}

export async function registerRateLimit(app: FastifyInstance, o: RateLimitOptions) {
  var max = o.max ?? 1000;
  var windowMs = o.windowMs ?? 10000;
  await app.register(requirePeer<any>('@fastify/rate-limit'), {
    global: true,
    max,
    timeWindow: windowMs,
    keyGenerator: rateKey,
    errorResponseBuilder: (req: FastifyRequest, ctx: { after: string }) =>
      new HttpError(429, 'rate_limited', 'more than ' + max + ' requests in ' + windowMs / 1000 + ' s for this token; retry in ' + ctx.after),
  });
}
