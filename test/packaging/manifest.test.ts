// package.json as a contract: the optional server peers match what the code loads, a fresh
// `npm ci` here still installs them, and every export points into a shipped folder.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { SERVER_PEERS, checkPeers, requirePeer, missingPeerError } from '../../src/node/optional-deps';
import { SERIALPORT_RANGE } from '../../src/host/serial-port';

var ROOT = path.resolve(__dirname, '../..');
var pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function exportTargets(node: any): string[] {
  return typeof node === 'string' ? [node] : Object.values(node).flatMap(exportTargets);
}

describe('package.json', () => {
  it('declares the server packages (and record\'s serialport) as optional peers with the ranges the code names', () => {
    var table = Object.fromEntries(Object.entries(SERVER_PEERS).map(([name, p]) => [name, p.range]));
    table.serialport = SERIALPORT_RANGE;
    expect(pkg.peerDependencies).toEqual(table);
    for (var name of Object.keys(table)) {
      expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
      expect(pkg.dependencies?.[name]).toBeUndefined();
      // npm ci in this repository installs them for the tests, at the same range.
      expect(pkg.devDependencies[name]).toBe(table[name]);
    }
  });

  it('keeps better-sqlite3 pinned at 12.11.1 with its native build approved', () => {
    expect(pkg.peerDependencies['better-sqlite3']).toBe('12.11.1');
    expect(pkg.allowScripts['better-sqlite3']).toBe(true);
  });

  it('needs at run time only what it lists: acorn for the lint and the hoisting plugin', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['acorn', 'acorn-walk']);
  });

  it('points every export into a folder or file that `files` ships', () => {
    var shipped = (p: string) => pkg.files.some((f: string) => p.replace(/^\.\//, '') === f || p.replace(/^\.\//, '').startsWith(f + '/'));
    var targets = exportTargets(pkg.exports).filter((t) => t !== './package.json');
    expect(targets.filter((t) => !shipped(t))).toEqual([]);
    expect(pkg.exports['.'].espruino).toBe('./dist/device/index.js');
    expect(pkg.exports['./device'].default).toBe('./dist/device/index.js');
  });
});

describe('optional peers at run time', () => {
  it('finds every server package when they are installed (as here)', () => {
    expect(() => checkPeers(Object.keys(SERVER_PEERS))).not.toThrow();
  });

  it('names every missing package and the command that installs it, in one message', () => {
    var e = missingPeerError(['fastify', 'better-sqlite3']);
    expect(e.code).toBe('PEER_MISSING');
    expect(e.peers).toEqual(['fastify', 'better-sqlite3']);
    expect(e.message).toContain('npm install fastify@^5.12.8 better-sqlite3@12.11.1');
    expect(e.message).toContain('npm install-scripts approve better-sqlite3 && npm rebuild better-sqlite3');
  });

  it('reports an unresolvable package as PEER_MISSING, other failures as they are', () => {
    expect(() => requirePeer('espruino-gestures-no-such-peer')).toThrow(expect.objectContaining({ code: 'PEER_MISSING', peers: ['espruino-gestures-no-such-peer'] }));
    expect(() => checkPeers(['fastify', 'espruino-gestures-no-such-peer'])).toThrow(/not installed: "espruino-gestures-no-such-peer"/);
  });
});
