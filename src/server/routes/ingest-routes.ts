// Write endpoints: POST /api/v1/events (tokens required) and the original POST /api/write-move.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../http-errors';
import { checkBearer } from '../tokens';
import { validateEventBatch, validateLegacyMove } from '../validate';
import type { Ingestor } from '../ingest';

export interface IngestRouteOptions {
  ingestor: Ingestor;
  maxBatch: number;
  /** Accept write-move without a token (old devices cannot send one). */
  legacyOpen: boolean;
}

async function authenticate(ingestor: Ingestor, req: FastifyRequest): Promise<string> {
  var check = await checkBearer(ingestor.store, req.headers.authorization);
  if (!check.ok) throw new HttpError(401, 'unauthorized', check.reason);
  return check.deviceId;
}

function forbidden(tokenDevice: string, other: string): HttpError {
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
    var events = validateEventBatch(req.body, Date.now(), o.maxBatch);
    for (var e of events) if (e.device_id !== tokenDevice) throw forbidden(tokenDevice, e.device_id);
    var result = await o.ingestor.ingestEvents(events, 'http');
    reply.status(result.stored > 0 ? 201 : 200);
    return result;
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
