// Read endpoints: GET /api/v1/events (filters, paging), GET /api/v1/stats, and the
// original GET /api/get-move with its response shape.
import type { FastifyInstance } from 'fastify';
import type { EventStore, StoredEvent } from '../storage/types';
import { parseFilters, intParam, encodeCursor, decodeCursor } from '../query-params';

export var DEFAULT_PAGE = 100;
export var MAX_PAGE = 1000;

/** Bucket width giving about 60 buckets over the range, rounded to a readable step. */
export function chooseBucketMs(from: number, to: number): number {
  var steps = [1000, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000, 6 * 3600000, 86400000];
  var span = Math.max(1, to - from);
  for (var s of steps) if (span / s <= 60) return s;
  return steps[steps.length - 1];
}

export function publicEvent(e: StoredEvent) {
  return { device_id: e.device_id, id: e.id, time: e.time, gesture: e.gesture, move: e.move, score: e.score, source: e.source, received_at: e.received_at, seq: e.seq };
}

/** The original's label names by move index, for get-move's keys. */
var LEGACY_KEYS: Record<number, string> = { 1: 'move_x', 2: 'move_y', 3: 'circle' };

export function registerReadRoutes(app: FastifyInstance, store: EventStore) {
  app.get('/api/v1/events', async (req) => {
    var q = req.query as Record<string, unknown>;
    var filters = parseFilters(q);
    var limit = intParam(q, 'limit', 1, MAX_PAGE) ?? DEFAULT_PAGE;
    // One extra row tells whether another page exists.
    var rows = await store.queryEvents({ ...filters, after: decodeCursor(q.cursor), limit: limit + 1 });
    var page = rows.slice(0, limit);
    var last = page[page.length - 1];
    return { events: page.map(publicEvent), next: rows.length > limit && last ? encodeCursor(last.time, last.seq) : null };
  });

  app.get('/api/v1/stats', async (req) => {
    var q = req.query as Record<string, unknown>;
    var filters = parseFilters(q);
    var bucket = intParam(q, 'bucket', 1000, 86400000 * 7);
    if (bucket === undefined) {
      var range = await store.stats({ ...filters, bucketMs: 86400000 * 7 });
      bucket = chooseBucketMs(filters.since ?? range.first_time ?? 0, filters.until ?? range.last_time ?? 0);
    }
    var stats = await store.stats({ ...filters, bucketMs: bucket });
    return { ...stats, bucket_ms: bucket };
  });

  // MQTT messages acknowledged but not (wholly) stored, newest first.
  app.get('/api/v1/dead-letters', async (req) => {
    var limit = intParam(req.query as Record<string, unknown>, 'limit', 1, MAX_PAGE) ?? DEFAULT_PAGE;
    var rows = await store.listDeadLetters(limit);
    return {
      dead_letters: rows.map((d) => ({
        seq: d.seq, received_at: d.received_at, source: d.source, topic: d.topic, device_id: d.device_id,
        reason: d.reason, message: d.message, payload_base64: d.payload.toString('base64'),
      })),
    };
  });

  // Original shape: {move_x: [{x: ms, y: 1}], move_y: [...], circle: [...], timestamps: [ms]}.
  app.get('/api/get-move', async (req) => {
    var q = req.query as Record<string, unknown>;
    var filters = parseFilters({ device: q.device_id, since: q.since, until: q.until });
    var rows = await store.queryEvents({ ...filters, limit: intParam(q, 'limit', 1, 100000) ?? 10000 });
    rows.reverse();
    var out: Record<string, unknown[]> = { move_x: [], move_y: [], circle: [], timestamps: [] };
    for (var r of rows) {
      if (r.move === 0) continue;
      var key = LEGACY_KEYS[r.move] ?? 'move_' + r.move;
      (out[key] ??= []).push({ x: r.time, y: r.move });
      out.timestamps.push(r.time);
    }
    return out;
  });
}
