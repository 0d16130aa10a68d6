// The receiver's packages (fastify, better-sqlite3, pg, mqtt, uplot) are optional peer
// dependencies: a device-only user who installs espruino-gestures never downloads them (nor
// builds better-sqlite3's native part). They are loaded on first use, with a message that
// says what to install when one is missing. See docs/packaging.md.
import { createRequire } from 'node:module';

/** The versions package.json declares as peerDependencies (a test keeps them equal). */
export var SERVER_PEERS: Record<string, { range: string; why: string }> = {
  fastify: { range: '^5.12.8', why: 'the receiver (serve)' },
  'better-sqlite3': { range: '12.11.1', why: 'SQLite storage (the default store)' },
  pg: { range: '^8.23.1', why: 'PostgreSQL storage (--database-url)' },
  mqtt: { range: '^5.16.0', why: 'MQTT ingestion (--mqtt-url)' },
  uplot: { range: '^1.6.32', why: 'the dashboard\'s charts' },
  '@fastify/rate-limit': { range: '^11.2.0', why: 'per-token rate limits (rateLimit: false turns them off)' },
};

var requireFromHere = createRequire(import.meta.url);

var BUILD_HINT = 'npm 11 skips install scripts that package.json "allowScripts" does not approve: ' +
  'run npm install-scripts approve better-sqlite3 && npm rebuild better-sqlite3';

/** Error for peer packages that are not installed (code PEER_MISSING, `peers` = their names). */
export function missingPeerError(names: string[], cause?: unknown): Error & { code: string; peers: string[] } {
  var needs = names.map((n) => '"' + n + '" (' + (SERVER_PEERS[n] ? SERVER_PEERS[n].why : 'this feature') + ')');
  var install = names.map((n) => n + '@' + (SERVER_PEERS[n] ? SERVER_PEERS[n].range : 'latest'));
  var e = new Error(
    'espruino-gestures needs ' + (names.length > 1 ? 'packages that are' : 'a package that is') + ' not installed: ' + needs.join(', ') +
      '. Install beside espruino-gestures: npm install ' + install.join(' ') +
      (names.indexOf('better-sqlite3') >= 0 ? '; then, for its native build, ' + BUILD_HINT : '') +
      '. (Server packages are optional peer dependencies, so that device-only installs stay small.)',
  ) as Error & { code: string; peers: string[]; cause?: unknown };
  e.code = 'PEER_MISSING';
  e.peers = names;
  e.cause = cause;
  return e;
}

/** Throws one PEER_MISSING error naming every package of `names` that cannot be resolved. */
export function checkPeers(names: string[]): void {
  var missing = names.filter((n) => {
    try {
      requireFromHere.resolve(n);
      return false;
    } catch (e) {
      if (isNotFound(e, n)) return true;
      throw e;
    }
  });
  if (missing.length) throw missingPeerError(missing);
}

function isNotFound(e: any, name: string): boolean {
  return !!e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND') &&
    String(e.message).indexOf("'" + name) >= 0;
}

/** require()s an optional peer package (all of them ship CommonJS), or throws a clear error. */
export function requirePeer<T>(name: string): T {
  try {
    return requireFromHere(name) as T;
  } catch (e: any) {
    if (isNotFound(e, name)) throw missingPeerError([name], e);
    if (name === 'better-sqlite3' && /bindings file|better_sqlite3\.node/.test(String(e && e.message))) {
      throw new Error('better-sqlite3 is installed but its native part was not built (' + BUILD_HINT + ')', { cause: e });
    }
    throw e;
  }
}

/** Resolves a file inside an optional peer package (e.g. uplot's browser build). */
export function resolvePeerFile(name: string, file: string): string {
  try {
    return requireFromHere.resolve(name + '/' + file);
  } catch (e: any) {
    if (isNotFound(e, name)) throw missingPeerError([name], e);
    throw e;
  }
}
