// Device health: POST /api/v1/status (a device reports its outbox counters, with its device
// token) and GET /api/v1/devices (per device: last seen, online or offline, events in the
// last hour, the counters last reported; a read route like /api/v1/events).
import type { FastifyInstance } from 'fastify';
import type { Ingestor } from '../ingest';
import { authenticate, forbidden } from './ingest-routes';
import { parseFilters } from '../query-params';
import { ValidationError } from '../validate';
import { validateStatus, deviceHealthView, HOUR_MS } from '../device-status';

export interface DeviceRouteOptions {
  ingestor: Ingestor;
  /** No word from a device for this long: offline. */
  offlineAfterMs: number;
}

export function registerDeviceRoutes(app: FastifyInstance, o: DeviceRouteOptions) {
  app.post('/api/v1/status', {
    onRequest: async (req) => {
      req.tokenDevice = await authenticate(o.ingestor, req);
    },
  }, async (req, reply) => {
    try {
      var status = validateStatus(req.body, Date.now(), 'http');
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      o.ingestor.reject('invalid_status');
      return reply.status(422).send({ error: 'invalid_status', message: e.message, problems: e.problems });
    }
    if (status.device_id !== req.tokenDevice) throw forbidden(req.tokenDevice as string, status.device_id);
    await o.ingestor.ingestStatus(status);
    return { message: 'OK', reported_at: status.reported_at };
  });

  app.get('/api/v1/devices', async (req) => {
    var device = parseFilters({ device: (req.query as Record<string, unknown>).device }).device;
    var now = Date.now();
    var rows = await o.ingestor.store.deviceHealth({ since: now - HOUR_MS, device });
    return { now, offline_after_ms: o.offlineAfterMs, devices: rows.map((r) => deviceHealthView(r, now, o.offlineAfterMs)) };
  });
}
