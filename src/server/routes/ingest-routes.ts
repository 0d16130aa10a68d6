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

export function registerIngestRoutes(app: FastifyInstance, o: IngestRouteOptions) {
  app.post('/api/v1/events', async (req, reply) => {
    // Authenticate before looking at the body: an unknown caller learns nothing about validation.
    var tokenDevice = await authenticate(o.ingestor, req);
    var events = validateEventBatch(req.body, Date.now(), o.maxBatch);
    for (var e of events) if (e.device_id !== tokenDevice) throw forbidden(tokenDevice, e.device_id);
    var result = await o.ingestor.ingestEvents(events, 'http');
    reply.status(result.stored > 0 ? 201 : 200);
    return result;
  });

  app.post('/api/write-move', async (req, reply) => {
    var tokenDevice = o.legacyOpen && !req.headers.authorization ? null : await authenticate(o.ingestor, req);
    var move = validateLegacyMove(req.body, Date.now());
    if (tokenDevice !== null && move.device_id !== tokenDevice) throw forbidden(tokenDevice, move.device_id);
    var result = await o.ingestor.ingestLegacy(move);
    // The original answered {"message": "OK"}; old clients look for nothing else.
    reply.status(200);
    return { message: 'OK', status: result.results[0].status };
  });
}
