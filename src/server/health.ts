// GET /api/health and /api/v1/health. "ok" only while the store takes writes: the last
// write's outcome is watched (a full disk makes every insert fail), so a monitor sees
// "failing" (HTTP 503) instead of "ok" while devices get 500s.
import type { FastifyInstance } from 'fastify';
import type { EventStore } from './storage/types';
import type { Ingestor } from './ingest';
import type { MqttIngestion } from './mqtt-ingest';

export interface WriteWatch {
  /** The last write error, null once a later write succeeded. */
  lastError: { message: string; at: number } | null;
  lastOkAt: number | null;
}

var WRITES = ['insertEvents', 'addToken', 'revokeTokens', 'addDeadLetter', 'putDeviceStatus'] as const;

/** Wraps the store's writes in place so their failures and successes are seen. */
export function watchWrites(store: EventStore): WriteWatch {
  var watch: WriteWatch = { lastError: null, lastOkAt: null };
  var s = store as any;
  for (var name of WRITES) {
    var original = s[name];
    if (typeof original !== 'function') continue;
    s[name] = wrap(original.bind(store));
  }
  function wrap(fn: (...a: any[]) => Promise<any>) {
    return async (...args: any[]) => {
      try {
        var out = await fn(...args);
      } catch (e: any) {
        watch.lastError = { message: String(e && e.message ? e.message : e).slice(0, 300), at: Date.now() };
        throw e;
      }
      watch.lastError = null;
      watch.lastOkAt = Date.now();
      return out;
    };
  }
  return watch;
}

export function registerHealth(app: FastifyInstance, store: EventStore, ingestor: Ingestor, watch: WriteWatch, mqtt: () => MqttIngestion | null) {
  var health = async (req: unknown, reply: any) => {
    var failing = watch.lastError !== null;
    var m = mqtt();
    reply.status(failing ? 503 : 200);
    return {
      status: failing ? 'failing' : 'ok',
      message: failing ? 'Server ON, but the store refuses writes: ' + watch.lastError!.message : 'Server ON',
      storage: store.kind,
      storage_error: watch.lastError,
      mqtt: m ? (m.connected ? 'connected' : 'disconnected') : 'off',
      counters: ingestor.counters,
    };
  };
  app.get('/api/health', health);
  app.get('/api/v1/health', health);
}
