// Packs this repository as npm would publish it and installs the tarball into a fresh
// project, as a device-only user does: `npm install <tarball>`, nothing else. The optional
// peers (fastify, better-sqlite3, pg, mqtt, uplot) are therefore absent on purpose.
// @types/node is added because a TypeScript user of the Node entries has it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export var ROOT = path.resolve(__dirname, '../../..');
var repoPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Files `npm run build` must have produced before packing. */
export var BUILD_OUTPUTS = ['dist/node/index.js', 'dist/node/cli.js', 'dist/device/index.js', 'dist/types/index.d.ts',
  'dist/espruino/puckjs/espruino-gestures.min.js', 'dist/espruino/esp32/espruino-gestures.min.js'];

export interface InstalledPackage {
  /** The user's project (has package.json and node_modules). */
  project: string;
  /** node_modules/espruino-gestures inside it. */
  pkgDir: string;
  tarball: string;
  /** What `npm pack --json` reported. */
  pack: { size: number; unpackedSize: number; entryCount: number; files: { path: string }[] };
  /** Top-level packages npm installed into the project. */
  installed: string[];
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
}

function topLevelPackages(nodeModules: string): string[] {
  return fs.readdirSync(nodeModules).filter((n) => !n.startsWith('.')).flatMap((n) =>
    n.startsWith('@') ? fs.readdirSync(path.join(nodeModules, n)).map((s) => n + '/' + s) : [n]).sort();
}

export function installPackage(): InstalledPackage {
  var missing = BUILD_OUTPUTS.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length) throw new Error('build output missing (' + missing.join(', ') + '): run `npm run build` first');
  var work = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-packaging-'));
  var packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT))[0];
  var tarball = path.join(work, packed.filename);
  var project = path.join(work, 'user-app');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-app', version: '1.0.0', private: true, type: 'module' }, null, 2));
  // --prefer-offline: everything but the tarball normally comes from the npm cache.
  npm(['install', tarball, '@types/node@' + repoPkg.devDependencies['@types/node'], '--prefer-offline', '--no-audit', '--no-fund'], project);
  return {
    project,
    pkgDir: path.join(project, 'node_modules', 'espruino-gestures'),
    tarball,
    pack: packed,
    installed: topLevelPackages(path.join(project, 'node_modules')),
  };
}

export function removeInstall(p: InstalledPackage | undefined): void {
  if (p) fs.rmSync(path.dirname(p.project), { recursive: true, force: true });
}
