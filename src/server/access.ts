// Who may talk to the receiver: a Host allow-list (DNS rebinding: a page on another site
// whose name now points at this machine still sends its own name as Host) and the read
// token for the dashboard, SSE and read API. Writes are authorised per device token in
// routes/ingest-routes.ts. See docs/receiver.md "Security model".
import crypto from 'node:crypto';
import os from 'node:os';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './http-errors';

/** Hosts every receiver answers to: this machine through loopback. */
var LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Host names and addresses a request may name in its Host header, for a receiver bound to
 * `bindHost`: loopback, the bound address, and when bound to every interface (0.0.0.0,
 * ::) each interface's address and the machine's name. `extra` adds names (a DNS name
 * devices use, a proxy's); "*" turns the check off.
 */
export function defaultAllowedHosts(bindHost: string, extra: string[]): string[] | null {
  if (extra.indexOf('*') >= 0) return null;
  var out = LOOPBACK_NAMES.concat([bindHost.toLowerCase()], extra.map((h) => h.toLowerCase()));
  if (bindHost === '0.0.0.0' || bindHost === '::') {
    out.push(os.hostname().toLowerCase());
    var nets = os.networkInterfaces();
    for (var name in nets) for (var a of nets[name] ?? []) out.push(a.address.toLowerCase());
  }
  return out;
}

/** The host part of a Host header: "[::1]:8080" -> "::1", "Example.org:80" -> "example.org". */
export function hostOf(header: string): string {
  var h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') < 0 ? h.length : h.indexOf(']'));
  var colon = h.indexOf(':');
  return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.slice(0, colon) : h;
}

function sha256(text: string): Buffer {
  return crypto.createHash('sha256').update(text, 'utf8').digest();
}

/** A random read token (printed once at start when none was configured). */
export function newReadToken(): string {
  return 'egr_' + crypto.randomBytes(32).toString('base64url');
}

/** The token a read request carries: Authorization: Bearer, or ?access_token= (EventSource cannot set headers). */
export function readTokenOf(req: FastifyRequest): string | undefined {
  var auth = req.headers.authorization;
  var m = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth.trim()) : null;
  if (m) return m[1];
  var q = (req.query ?? {}) as Record<string, unknown>;
  return typeof q.access_token === 'string' ? q.access_token : undefined;
}

export interface AccessOptions {
  /** null: any Host. */
  allowedHosts: string[] | null;
  /** null: reads are open. */
  readTokens: string[] | null;
  /** Path prefixes of the read API (the dashboard's own files stay open: they hold no data). */
  readPaths: string[];
}

export function registerAccess(app: FastifyInstance, o: AccessOptions) {
  var allowed = o.allowedHosts ? new Set(o.allowedHosts) : null;
  var hashes = (o.readTokens ?? []).map(sha256);
  app.addHook('onRequest', async (req) => {
    var host = req.headers.host;
    // A request with a token is authorised by it (a rebinding page has none); the check
    // guards what needs no token: open reads, the dashboard, open legacy writes.
    if (allowed && typeof host === 'string' && !req.headers.authorization && !allowed.has(hostOf(host))) {
      throw new HttpError(421, 'host_not_allowed', 'this receiver does not answer to Host "' + host.slice(0, 100) + '"; start it with --allowed-host <name> to allow it');
    }
    if (!o.readTokens || req.method !== 'GET') return;
    var p = req.url.split('?')[0];
    if (!o.readPaths.some((r) => p === r || p.startsWith(r + '/'))) return;
    var token = readTokenOf(req);
    if (token === undefined) throw new HttpError(401, 'unauthorized', 'reading needs the read token: send "Authorization: Bearer <read token>" (printed when the receiver started, or given with --read-token)');
    var h = sha256(token);
    // Compare hashes in constant time: equal lengths, no early exit.
    if (!hashes.some((x) => crypto.timingSafeEqual(x, h))) throw new HttpError(401, 'unauthorized', 'invalid read token');
  });
}
