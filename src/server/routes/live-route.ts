// GET /api/v1/stream: Server-Sent Events, one `gesture` message per newly stored event.
// SSE rather than WebSocket: one-way is all the dashboard needs, EventSource reconnects
// by itself, and it passes through proxies as plain HTTP.
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { Ingestor } from '../ingest';
import type { StoredEvent, DeviceStatus } from '../storage/types';
import { parseFilters } from '../query-params';
import { publicEvent } from './read-routes';

/** Comments keep idle connections open through proxies that drop silent ones. */
var HEARTBEAT_MS = 15000;

export function registerLiveRoute(app: FastifyInstance, ingestor: Ingestor) {
  var open = new Set<ServerResponse>();

  app.get('/api/v1/stream', (req, reply) => {
    var filters = parseFilters(req.query as Record<string, unknown>);
    reply.hijack();
    var res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    var onEvent = (e: StoredEvent) => {
      if (filters.device !== undefined && e.device_id !== filters.device) return;
      if (filters.gesture !== undefined && e.gesture !== filters.gesture) return;
      res.write('event: gesture\nid: ' + e.seq + '\ndata: ' + JSON.stringify(publicEvent(e)) + '\n\n');
    };
    // A device's status report (health panel); old clients listen for "gesture" only.
    var onStatus = (s: DeviceStatus) => {
      if (filters.device === undefined || s.device_id === filters.device) res.write('event: status\ndata: ' + JSON.stringify({ device_id: s.device_id, reported_at: s.reported_at }) + '\n\n');
    };
    var heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    ingestor.live.on('event', onEvent);
    ingestor.live.on('status', onStatus);
    open.add(res);
    res.on('close', () => {
      clearInterval(heartbeat);
      ingestor.live.off('event', onEvent);
      ingestor.live.off('status', onStatus);
      open.delete(res);
    });
  });

  // Streams never end on their own: end them so close() does not wait forever.
  app.addHook('preClose', (done) => {
    for (var res of open) res.end();
    done();
  });
}
