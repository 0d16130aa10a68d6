// Write endpoints: POST /api/v1/events (tokens required) and the original POST /api/write-move,
// and GET /api/v1/device-token, which tells a bridge (the dashboard's Bluetooth bridge) which
// device a token it was given belongs to, before it forwards anything.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../http-errors';
import { checkBearer } from '../tokens';
import { checkEventBatch, validateLegacyMove } from '../validate';
import { ingestChecked } from '../batch-results';
import type { Ingestor } from '../ingest';

export interface IngestRouteOptions {
  ingestor: Ingestor;
  maxBatch: number;
  /** Accept write-move without a token (old devices cannot send one). */
  legacyOpen: boolean;
}

export async function authenticate(ingestor: Ingestor, req: FastifyRequest): Promise<string> {
  var check = await checkBearer(ingestor.store, req.headers.authorization);
  if (!check.ok) throw new HttpError(401, 'unauthorized', check.reason);
  return check.deviceId;
}

export function forbidden(tokenDevice: string, other: string): HttpError {
  return new HttpError(403, 'forbidden', 'this token belongs to device "' + tokenDevice + '" and cannot post for device "' + other + '"');
}

// The token is checked in onRequest, before the body is read or parsed: an unknown caller
// gets 401 without making the receiver buffer its body or learning how it validates.
declare module 'fastify' {
  interface FastifyRequest {
    /** Device the request's token belongs to; null for an open legacy request. */
    tokenDevice: string | null;
  }
}

export function registerIngestRoutes(app: FastifyInstance, o: IngestRouteOptions) {
  app.decorateRequest('tokenDevice', null);

  app.post('/api/v1/events', {
    onRequest: async (req) => {
      req.tokenDevice = await authenticate(o.ingestor, req);
    },
  }, async (req, reply) => {
    var tokenDevice = req.tokenDevice as string;
    var checked = checkEventBatch(req.body, Date.now(), o.maxBatch);
    for (var c of checked) if (c.ok && c.event.device_id !== tokenDevice) throw forbidden(tokenDevice, c.event.device_id);
    // A bridge (the dashboard's Bluetooth bridge) says the events reached it over BLE; only
    // provenance for the reader: the token still decides whose events they are.
    var answer = await ingestChecked(o.ingestor, checked, req.headers['x-gesture-via'] === 'ble' ? 'ble' : 'http');
    if (answer.refused === checked.length) {
      // Nothing acceptable: 422 as for a single bad event, with the per-event results.
      reply.status(422);
      return { error: 'invalid_event', message: (answer.problems ?? []).map((p) => p.path + ': ' + p.message).join('; '), ...answer };
    }
    reply.status(answer.stored > 0 ? 201 : 200);
    return answer;
  });

  // Only the token's own device and id: never the secret, and nothing another token could not learn.
  app.get('/api/v1/device-token', async (req) => {
    var check = await checkBearer(o.ingestor.store, req.headers.authorization);
    if (!check.ok) throw new HttpError(401, 'unauthorized', check.reason);
    return { device_id: check.deviceId, token_id: check.tokenId };
  });

  app.post('/api/write-move', {
    onRequest: async (req) => {
      // Open legacy mode: no token needed, but one that is sent is still checked.
      req.tokenDevice = o.legacyOpen && !req.headers.authorization ? null : await authenticate(o.ingestor, req);
    },
  }, async (req, reply) => {
    var move = validateLegacyMove(req.body, Date.now());
    if (req.tokenDevice !== null && move.device_id !== req.tokenDevice) throw forbidden(req.tokenDevice, move.device_id);
    var result = await o.ingestor.ingestLegacy(move);
    // The original answered {"message": "OK"}; old clients look for nothing else.
    reply.status(200);
    return { message: 'OK', status: result.results[0].status };
  });
}
