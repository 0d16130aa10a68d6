// Issue 12, item 6: what `npm ci` and the built package warn about. Every installed package
// in the lockfile supports the Node the README promises (no EBADENGINE), and every source
// map in dist/ (shipped in the tarball) names sources that exist.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

var ROOT = path.resolve(__dirname, '../..');

/** Lowest major.minor a ">=A.B[.C]" engines range admits (null: another form). */
function lowestNode(range: string): number[] | null {
  var m = /^>=\s*(\d+)(?:\.(\d+))?/.exec(range.trim());
  return m ? [Number(m[1]), Number(m[2] || 0)] : null;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('packaging warnings', () => {
  it('no package in the lockfile needs a newer Node than package.json engines', () => {
    var pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    var ours = lowestNode(pkg.engines.node)!;
    var lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
    var tooNew: string[] = [];
    for (var [where, entry] of Object.entries<any>(lock.packages)) {
      var node = entry.engines && entry.engines.node;
      var low = node && lowestNode(node);
      if (low && (low[0] > ours[0] || (low[0] === ours[0] && low[1] > ours[1]))) tooNew.push(where + ' ' + entry.version + ' (node ' + node + ')');
    }
    expect(tooNew).toEqual([]);
    // cookie 2 (node >= 22) came with light-my-request 6.8 under fastify: held at 6.6.0 (cookie 1).
    expect(pkg.overrides['light-my-request']).toBe('6.6.0');
  });

  it('every source map in dist/ points at existing sources', () => {
    var maps = walk(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(5);
    var missing: string[] = [];
    maps.forEach((f) => {
      var m = JSON.parse(fs.readFileSync(f, 'utf8'));
      m.sources.forEach((s: string) => {
        if (!fs.existsSync(path.resolve(path.dirname(f), m.sourceRoot || '', s))) missing.push(path.relative(ROOT, f) + ': ' + s);
      });
    });
    expect(missing).toEqual([]);
  });
});
