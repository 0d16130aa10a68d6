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
};

var requireFromHere = createRequire(import.meta.url);

/** Error for a peer package that is not installed (code PEER_MISSING, `peer` = its name). */
export function missingPeerError(name: string, cause?: unknown): Error & { code: string; peer: string } {
  var peer = SERVER_PEERS[name];
  var install = name + '@' + (peer ? peer.range : 'latest');
  var e = new Error(
    'espruino-gestures: ' + (peer ? peer.why : 'this feature') + ' needs the package "' + name + '", which is not installed. ' +
      'Install it beside espruino-gestures: npm install ' + install +
      (name === 'better-sqlite3' ? ' && npm install-scripts approve better-sqlite3 (npm 11 blocks its native build otherwise)' : '') +
      '. Server packages are optional peer dependencies so that device-only installs stay small.',
  ) as Error & { code: string; peer: string; cause?: unknown };
  e.code = 'PEER_MISSING';
  e.peer = name;
  e.cause = cause;
  return e;
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
    if (isNotFound(e, name)) throw missingPeerError(name, e);
    if (name === 'better-sqlite3' && /bindings file|better_sqlite3\.node/.test(String(e && e.message))) {
      throw new Error(
        'espruino-gestures: better-sqlite3 is installed but its native part was not built (npm 11 skips install scripts ' +
          'that package.json "allowScripts" does not approve). Run: npm install-scripts approve better-sqlite3 && npm rebuild better-sqlite3',
        { cause: e },
      );
    }
    throw e;
  }
}

/** Resolves a file inside an optional peer package (e.g. uplot's browser build). */
export function resolvePeerFile(name: string, file: string): string {
  try {
    return requireFromHere.resolve(name + '/' + file);
  } catch (e: any) {
    if (isNotFound(e, name)) throw missingPeerError(name, e);
    throw e;
  }
}
