// GET /api/v1/events.csv: the events the list would show for the same filters (device,
// gesture, since, until), all of them, newest first, as CSV. Streamed a page at a time with
// the list's keyset cursor, so a table of millions of rows never sits in memory, and
// backpressure from a slow client pauses the reads.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { EventStore, StoredEvent } from '../storage/types';
import type { Filters } from '../query-params';
import { parseFilters } from '../query-params';
import { csvLine } from '../csv';

export var CSV_COLUMNS = ['seq', 'device_id', 'id', 'time', 'time_iso', 'gesture', 'move', 'score', 'source', 'received_at'];
/** Rows per store query. */
export var CSV_PAGE = 1000;

function eventLine(e: StoredEvent): string {
  return csvLine([e.seq, e.device_id, e.id, e.time, new Date(e.time).toISOString(), e.gesture, e.move, e.score, e.source, e.received_at]);
}

/** The CSV text of every matching event, one chunk per page. */
export async function* eventsCsv(store: EventStore, filters: Filters, page = CSV_PAGE): AsyncGenerator<string> {
  yield csvLine(CSV_COLUMNS);
  var after: { time: number; seq: number } | undefined;
  for (;;) {
    var rows = await store.queryEvents({ ...filters, after, limit: page });
    if (rows.length) yield rows.map(eventLine).join('');
    if (rows.length < page) return;
    var last = rows[rows.length - 1];
    after = { time: last.time, seq: last.seq };
  }
}

export function registerCsvRoute(app: FastifyInstance, store: EventStore) {
  app.get('/api/v1/events.csv', async (req, reply) => {
    // Bad filters are a 422 before anything is sent.
    var filters = parseFilters(req.query as Record<string, unknown>);
    var name = 'events' + (filters.device ? '-' + filters.device.replace(/[^A-Za-z0-9._-]/g, '_') : '') + '.csv';
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', 'attachment; filename="' + name + '"');
    reply.header('cache-control', 'no-store');
    var stream = Readable.from(eventsCsv(store, filters));
    // A store failure after the first page: the answer is already 200, so the client sees a
    // cut-off download; the log says why.
    stream.on('error', (err) => req.log.error({ err }, 'CSV export failed while streaming'));
    return reply.send(stream);
  });
}
