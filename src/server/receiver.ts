// startReceiver: the HTTP API, dashboard and optional MQTT ingestion over one store.
import path from 'node:path';
import type Fastify from 'fastify';
import { requirePeer, checkPeers } from './optional-deps';
import type { EventStore, Durability } from './storage/types';
import { openSqliteStore } from './storage/sqlite';
import { openPostgresStore } from './storage/postgres';
import { Ingestor } from './ingest';
import { errorHandler } from './http-errors';
import { registerIngestRoutes } from './routes/ingest-routes';
import { registerReadRoutes } from './routes/read-routes';
import { registerLiveRoute } from './routes/live-route';
import { registerDashboardRoute } from './routes/dashboard-route';
import { startMqttIngestion, type MqttOptions, type MqttIngestion } from './mqtt-ingest';
import { createDeviceToken, type CreatedToken } from './tokens';

/** The seed's labels: move 0 = no movement, 1 = X, 2 = Y, 3 = circle. */
export var SEED_LABELS = ['idle', 'x', 'y', 'circle'];

export interface StorageOptions {
  /** SQLite folder (default ./receiver-data); ignored when databaseUrl is given. */
  dataDir?: string;
  /** postgres://user:pass@host/db selects PostgreSQL. */
  databaseUrl?: string;
  /** PostgreSQL schema (default public). */
  postgresSchema?: string;
  /** What an acknowledgement promises; default full (on disk). See docs/receiver.md. */
  durability?: Durability;
}

export interface ReceiverOptions extends StorageOptions {
  /** Default 8080; 0 picks a free port (tests). */
  port?: number;
  /** Default 127.0.0.1: reads are not authenticated, so expose it deliberately. */
  host?: string;
  /** Use this store instead of opening one (it is closed with the receiver). */
  store?: EventStore;
  mqtt?: MqttOptions;
  legacy?: {
    /** Accept POST /api/write-move without a token; default false. */
    open?: boolean;
    /** Label names by move index for legacy events; default the seed's. */
    labels?: string[];
  };
  /** Largest request body, bytes; default 64 KiB. */
  bodyLimit?: number;
  /** Most events per request; default 500. */
  maxBatch?: number;
  /**
   * Origins whose pages may read the GET endpoints (CORS), e.g. the original system's web
   * page hosted elsewhere reading /api/get-move; "*" for any. Default none (same origin).
   * Writes never get CORS headers: devices are not browsers.
   */
  corsOrigins?: string[];
  /** Serve the dashboard at /; default true. */
  dashboard?: boolean;
  logger?: boolean;
}

export interface Receiver {
  /** http://host:port, no trailing slash. */
  url: string;
  port: number;
  store: EventStore;
  ingestor: Ingestor;
  mqtt: MqttIngestion | null;
  /** Makes a token for a device (the CLI's `token create`, for tests and embedding). */
  createToken(deviceId: string, label?: string): Promise<CreatedToken>;
  close(): Promise<void>;
}

export async function openStore(o: StorageOptions): Promise<EventStore> {
  if (o.databaseUrl) return openPostgresStore({ url: o.databaseUrl, schema: o.postgresSchema, durability: o.durability });
  return openSqliteStore(path.resolve(o.dataDir ?? 'receiver-data'), { durability: o.durability });
}

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  var bodyLimit = options.bodyLimit ?? 64 * 1024;
  var maxBatch = options.maxBatch ?? 500;
  // All missing server packages in one message, before anything is opened.
  checkPeers(['fastify'].concat(options.store ? [] : [options.databaseUrl ? 'pg' : 'better-sqlite3'],
    options.dashboard === false ? [] : ['uplot'], options.mqtt ? ['mqtt'] : []));
  var store = options.store ?? (await openStore(options));
  var ingestor = new Ingestor(store, options.legacy?.labels ?? SEED_LABELS);
  var app = requirePeer<typeof Fastify>('fastify')({ logger: options.logger ?? false, bodyLimit, forceCloseConnections: true });
  var mqttIngestion: MqttIngestion | null = null;
  try {
    app.setErrorHandler(errorHandler(ingestor, bodyLimit));
    app.setNotFoundHandler((req, reply) => {
      reply.status(404).send({ error: 'not_found', message: 'no route ' + req.method + ' ' + req.url.split('?')[0] });
    });
    var cors = options.corsOrigins ?? [];
    app.addHook('onSend', async (req, reply, payload) => {
      reply.header('x-content-type-options', 'nosniff');
      var origin = req.headers.origin;
      if (origin && req.method === 'GET' && (cors.includes('*') || cors.includes(origin))) {
        reply.header('access-control-allow-origin', cors.includes('*') ? '*' : origin);
        reply.header('vary', 'Origin');
      }
      return payload;
    });
    registerIngestRoutes(app, { ingestor, maxBatch, legacyOpen: options.legacy?.open ?? false });
    registerReadRoutes(app, store);
    registerLiveRoute(app, ingestor);
    if (options.dashboard ?? true) registerDashboardRoute(app);
    var health = async () => ({
      status: 'ok',
      message: 'Server ON',
      storage: store.kind,
      mqtt: mqttIngestion ? (mqttIngestion.connected ? 'connected' : 'disconnected') : 'off',
      counters: ingestor.counters,
    });
    app.get('/api/health', health);
    app.get('/api/v1/health', health);
    if (options.mqtt) mqttIngestion = await startMqttIngestion(options.mqtt, ingestor, maxBatch, bodyLimit);
    var address = await app.listen({ port: options.port ?? 8080, host: options.host ?? '127.0.0.1' });
  } catch (e) {
    await mqttIngestion?.close();
    await app.close().catch(() => {});
    await store.close();
    throw e;
  }
  var port = (app.server.address() as { port: number }).port;
  var closed = false;
  return {
    url: address.replace('[::1]', 'localhost'),
    port,
    store,
    ingestor,
    mqtt: mqttIngestion,
    createToken: (deviceId, label) => createDeviceToken(store, deviceId, label),
    async close() {
      if (closed) return;
      closed = true;
      await mqttIngestion?.close();
      await app.close();
      await store.close();
    },
  };
}

