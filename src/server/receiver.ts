// startReceiver: the HTTP API, dashboard and optional MQTT ingestion over one store.
import path from 'node:path';
import type Fastify from 'fastify';
import { requirePeer, checkPeers } from '../node/optional-deps';
import type { EventStore, Durability } from './storage/types';
import { openSqliteStore } from './storage/sqlite';
import { openPostgresStore } from './storage/postgres';
import { Ingestor } from './ingest';
import { errorHandler } from './http-errors';
import { registerIngestRoutes } from './routes/ingest-routes';
import { registerReadRoutes } from './routes/read-routes';
import { registerLiveRoute } from './routes/live-route';
import { registerDashboardRoute } from './routes/dashboard-route';
import { registerDeviceRoutes } from './routes/device-routes';
import { registerCsvRoute } from './routes/csv-route';
import { DEFAULT_OFFLINE_AFTER_MS } from './device-status';
import { startMqttIngestion, type MqttOptions, type MqttIngestion } from './mqtt-ingest';
import { createDeviceToken, type CreatedToken } from './tokens';
import { registerAccess, defaultAllowedHosts, isLoopback, newReadToken } from './access';
import { registerRateLimit } from './rate-limit';
import type { RateLimitOptions } from './rate-limit-options';
export type { RateLimitOptions } from './rate-limit-options';
import { registerHealth, watchWrites } from './health';

/** What a read token guards: everything that returns stored data. */
var READ_PATHS = ['/api/v1/events', '/api/v1/events.csv', '/api/v1/stats', '/api/v1/stream', '/api/v1/dead-letters', '/api/v1/devices', '/api/get-move'];

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
  /** Default 127.0.0.1; bound wider, reads need a read token (see readTokens). */
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
  /** false: no log at all (same as logLevel "silent"). */
  logger?: boolean;
  /** pino level on stderr: fatal, error, warn (default; "silent" under vitest), info (`serve`'s default), debug (adds one line per request), trace, silent. */
  logLevel?: string;
  /**
   * Names the Host header may carry (DNS rebinding guard). Added to loopback, the bound
   * address and, bound to 0.0.0.0/::, every interface address and the machine's name;
   * "*" turns the check off.
   */
  allowedHosts?: string[];
  /**
   * Tokens that may read (dashboard data, SSE, read API). Default: none needed when bound
   * to loopback; bound wider, one is made at start (logged, and in `Receiver.readToken`).
   */
  readTokens?: string[];
  /** Reads without a token even when bound beyond loopback (behind an authenticating proxy). */
  openReads?: boolean;
  /** Per-token limit: max requests per windowMs (defaults 1000 per 10000 ms); false: none. */
  rateLimit?: RateLimitOptions | false;
  /** Whole request (headers and body) must arrive within this; default 30000 ms. */
  requestTimeoutMs?: number;
  /** A socket silent this long is closed; default 60000 ms (SSE sends a heartbeat every 15 s). */
  idleTimeoutMs?: number;
  /** Keep-alive connections idle this long between requests are closed; default 5000 ms. */
  keepAliveTimeoutMs?: number;
  /** Open connections at most (more are refused by the socket); default 1000. */
  maxConnections?: number;
  /** A device not heard from (event or status report) for this long shows as offline; default 10 min. */
  offlineAfterMs?: number;
}

export interface Receiver {
  /** http://host:port, no trailing slash. */
  url: string;
  port: number;
  store: EventStore;
  ingestor: Ingestor;
  mqtt: MqttIngestion | null;
  /** The token reads need, null when reads are open (the first one when several were given). */
  readToken: string | null;
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
  var bindHost = options.host ?? '127.0.0.1';
  // All missing server packages in one message, before anything is opened.
  checkPeers(['fastify'].concat(options.store ? [] : [options.databaseUrl ? 'pg' : 'better-sqlite3'],
    options.dashboard === false ? [] : ['uplot'], options.mqtt ? ['mqtt'] : [], options.rateLimit === false ? [] : ['@fastify/rate-limit']));
  // Warnings and errors by default (`serve` asks for info); silent under vitest.
  var level = options.logger === false ? 'silent' : options.logLevel ?? (process.env.VITEST ? 'silent' : 'warn');
  var requestTimeout = options.requestTimeoutMs ?? 30000;
  var fastify = requirePeer<typeof Fastify>('fastify');
  var app = fastify({
    // stderr: stdout stays the program's own (the CLI's lines, an embedding program's output).
    logger: { level, stream: process.stderr },
    // One line per request only when asked for: at thousands of events/s it is the bottleneck.
    logController: new fastify.LogController({ disableRequestLogging: level !== 'debug' && level !== 'trace' }),
    bodyLimit,
    forceCloseConnections: true,
    requestTimeout,
    // How often Node looks for requests past requestTimeout (its default, 30 s, would let
    // a trickling body live up to twice the timeout).
    http: { connectionsCheckingInterval: Math.min(1000, requestTimeout) } as any,
    connectionTimeout: options.idleTimeoutMs ?? 60000,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 5000,
  });
  app.server.maxConnections = options.maxConnections ?? 1000;
  app.server.headersTimeout = Math.min(requestTimeout, 60000);
  var readTokens = options.readTokens && options.readTokens.length ? options.readTokens : null;
  if (!readTokens && !options.openReads && !isLoopback(bindHost)) {
    readTokens = [newReadToken()];
    app.log.warn('bound to ' + bindHost + ': reads need a token; read token for this run: ' + readTokens[0] + ' (give --read-token to choose one)');
  }
  var store: EventStore;
  try {
    store = options.store ?? (await openStore(options));
  } catch (e) {
    await app.close().catch(() => {});
    throw e;
  }
  var writes = watchWrites(store);
  var ingestor = new Ingestor(store, options.legacy?.labels ?? SEED_LABELS);
  var mqttIngestion: MqttIngestion | null = null;
  try {
    app.setErrorHandler(errorHandler(ingestor, bodyLimit));
    app.setNotFoundHandler((req, reply) => {
      reply.status(404).send({ error: 'not_found', message: 'no route ' + req.method + ' ' + req.url.split('?')[0].slice(0, 200) });
    });
    // Only JSON is taken; fastify's built-in text/plain parser would turn text into a 422.
    app.removeContentTypeParser('text/plain');
    registerAccess(app, {
      allowedHosts: defaultAllowedHosts(bindHost, options.allowedHosts ?? []),
      readTokens,
      readPaths: READ_PATHS,
    });
    if (options.rateLimit !== false) await registerRateLimit(app, options.rateLimit ?? {});
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
    registerCsvRoute(app, store);
    registerDeviceRoutes(app, { ingestor, offlineAfterMs: options.offlineAfterMs ?? DEFAULT_OFFLINE_AFTER_MS });
    registerLiveRoute(app, ingestor);
    if (options.dashboard ?? true) registerDashboardRoute(app);
    registerHealth(app, store, ingestor, writes, () => mqttIngestion);
    if (options.mqtt) mqttIngestion = await startMqttIngestion(options.mqtt, ingestor, maxBatch, bodyLimit, app.log);
    var address = await app.listen({ port: options.port ?? 8080, host: bindHost });
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
    readToken: readTokens ? readTokens[0] : null,
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

