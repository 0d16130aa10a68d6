// Issue 5: the package as users really get it. `npm pack`, install the tarball into a fresh
// project (device-only: no server packages), then build a Puck.js and an ESP32 app from it
// with rollup (tree-shaken ES5) and with the espruino CLI (whole board bundle), check both
// with the Espruino lint, run both in the sandbox on replayed recordings, type-check a
// TypeScript user file against the published types, and run the installed CLI.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { installPackage, removeInstall, ROOT, type InstalledPackage } from './helpers/install';
import { asEsModule, buildWithRollup, buildWithEspruinoCli } from './helpers/build-app';
import { importInstalled, emlearnSignal, runPuckApp, runEsp32App, type InstalledEntries } from './helpers/run-app';

var APPS = path.join(__dirname, 'apps');
var inst: InstalledPackage;
var entries: InstalledEntries;
var sizes: { [what: string]: number } = {};

beforeAll(async () => {
  inst = installPackage();
  entries = await importInstalled(inst.pkgDir);
}, 120_000);
afterAll(() => {
  if (Object.keys(sizes).length) console.log('[packaging] bytes: ' + JSON.stringify(sizes));
  removeInstall(inst);
});

/** Copies a user app into the project with the model pasted in as base64, both variants. */
function writeApp(name: string, modelFile: string): { cjs: string; esm: string; board: string } {
  var model = fs.readFileSync(path.join(inst.pkgDir, 'data', 'models', modelFile)).toString('base64');
  var app = fs.readFileSync(path.join(APPS, name + '-app.js'), 'utf8').replace('__MODEL_BASE64__', model);
  fs.writeFileSync(path.join(inst.project, name + '-app.js'), app);
  fs.writeFileSync(path.join(inst.project, name + '-app.mjs'), asEsModule(app));
  fs.copyFileSync(path.join(APPS, name + '-board.json'), path.join(inst.project, name + '-board.json'));
  return { cjs: name + '-app.js', esm: name + '-app.mjs', board: './' + name + '-board.json' };
}

function lint(code: string) {
  return entries.testing.lintEspruinoCode(code).map((p) => p.rule + ' ' + p.line + ':' + p.column + ' ' + p.message);
}

describe('npm install <tarball> (device-only user)', () => {
  it('installs only the small runtime dependencies, none of the server packages', () => {
    // @types/node (and its undici-types) is the TypeScript user's own addition.
    expect(inst.installed.filter((n) => n !== '@types/node' && n !== 'undici-types')).toEqual(['acorn', 'acorn-walk', 'espruino-gestures']);
    for (var peer of ['fastify', 'better-sqlite3', 'pg', 'mqtt', 'uplot', '@fastify/rate-limit', 'serialport']) {
      expect(fs.existsSync(path.join(inst.project, 'node_modules', peer))).toBe(false);
    }
  });

  it('ships the build, board bundles, data, dashboard and examples, and no sources or tests', () => {
    var files = inst.pack.files.map((f) => f.path);
    for (var f of ['dist/device/index.js', 'dist/node/cli.js', 'dist/types/index.d.ts', 'dist/espruino/puckjs/espruino-gestures.min.js',
      'data/models/puckjs-cgestures.egm', 'dashboard/index.html', 'dist/browser/bridge-core.js', 'tools/rollup-plugin-espruino.mjs', 'tools/hoist-functions.mjs', 'tools/for-init-declarators.mjs', 'tools/sklearn/export_forest.py', 'bin/espruino-gestures.js', 'README.md', 'LICENSE']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(src|test|bench|artifacts|node_modules)\//.test(f))).toEqual([]);
  });

  it('ships no stale build output: every chunk is reachable from an entry', () => {
    var files = new Set(inst.pack.files.map((f) => f.path));
    var seen = new Set<string>();
    var todo = ['index', 'host', 'testing', 'server', 'cli'].map((e) => 'dist/node/' + e + '.js');
    while (todo.length) {
      var file = todo.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      var text = fs.readFileSync(path.join(inst.pkgDir, file), 'utf8');
      for (var m of text.matchAll(/(?:from\s*|import\s*\(?\s*)['"](\.{1,2}\/[^'"]+\.js)['"]/g)) todo.push(path.posix.join(path.posix.dirname(file), m[1]));
    }
    var stale = [...files].filter((f) => f.startsWith('dist/node/') && f.endsWith('.js') && !seen.has(f));
    // rollup does not empty dist/node: the build must remove it first, or old chunks get published.
    expect(stale, 'stale files in dist/node (clean dist before building)').toEqual([]);
  });

  it('runs `npx espruino-gestures --help` (the local bin, never a download)', () => {
    var r = spawnSync('npx', ['--no', '--', 'espruino-gestures', '--help'], { cwd: inst.project, encoding: 'utf8' });
    expect(r.stderr.replace(/npm warn Unknown (user|env) config.*\n/g, '')).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: espruino-gestures <command>/);
    for (var c of ['train', 'evaluate', 'replay', 'export', 'serve']) expect(r.stdout).toContain('  ' + c + ' ');
  });

  it('loads espruino-gestures/server without them; startReceiver rejects with PEER_MISSING', async () => {
    var server = await import(/* @vite-ignore */ pathToFileURL(path.join(inst.pkgDir, 'dist', 'node', 'server.js')).href);
    expect(server.validateEvent).toBeTypeOf('function'); // what a user may use without running a receiver
    await expect(server.startReceiver({ port: 0, dataDir: path.join(inst.project, 'rx'), mqtt: { url: 'mqtt://localhost' } }))
      .rejects.toMatchObject({ code: 'PEER_MISSING', peers: ['fastify', 'better-sqlite3', 'uplot', 'mqtt', '@fastify/rate-limit'] });
    expect(fs.existsSync(path.join(inst.project, 'rx'))).toBe(false);
  });

  it('`serve` without the server packages names what to install', () => {
    var r = spawnSync(path.join(inst.project, 'node_modules', '.bin', 'espruino-gestures'), ['serve', '--port', '0'], { cwd: inst.project, encoding: 'utf8' });
    expect(r.status).toBe(1);
    // One message naming all four packages the default receiver needs, nothing opened.
    expect(r.stderr).toContain('npm install fastify@^5.12.8 better-sqlite3@12.11.1 uplot@^1.6.32 @fastify/rate-limit@^11.2.0');
    expect(fs.existsSync(path.join(inst.project, 'receiver-data', 'receiver.sqlite'))).toBe(false);
  });

  it('`record` from a serial port without serialport names what to install (standard input needs nothing)', () => {
    // /dev/null is a character device: taken for a serial port, as /dev/ttyUSB0 would be.
    var r = spawnSync(path.join(inst.project, 'node_modules', '.bin', 'espruino-gestures'), ['record', '--input', '/dev/null', '--out', 'rec.csv', '--no-keys'], { cwd: inst.project, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('reading a serial port needs the optional package "serialport", which is not installed. Install it beside espruino-gestures: npm install serialport@^13.0.0');
    var piped = spawnSync(path.join(inst.project, 'node_modules', '.bin', 'espruino-gestures'), ['record', '--out', 'rec.csv', '--no-keys'],
      { cwd: inst.project, encoding: 'utf8', input: 'acc_x,acc_y,acc_z,ms\n0.1,0.2,9.8,0\n0.1,0.2,9.8,10\n' });
    expect(piped.status, piped.stderr).toBe(0);
    expect(fs.readFileSync(path.join(inst.project, 'rec.csv'), 'utf8')).toBe('acc_x,acc_y,acc_z,ms\n0.1,0.2,9.8,0\n0.1,0.2,9.8,10\n');
  });
});

describe('a server package installed beside the package', () => {
  it('is found from the project (uplot: pure files, from the npm cache) and no longer reported missing', async () => {
    spawnSync('npm', ['install', 'uplot@^1.6.32', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: inst.project, encoding: 'utf8' });
    expect(fs.existsSync(path.join(inst.project, 'node_modules', 'uplot', 'package.json'))).toBe(true);
    // A new process, as a user's next command (Node remembers failed lookups within one).
    var r = spawnSync(path.join(inst.project, 'node_modules', '.bin', 'espruino-gestures'), ['serve', '--port', '0'], { cwd: inst.project, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npm install fastify@^5.12.8 better-sqlite3@12.11.1 @fastify/rate-limit@^11.2.0;');
    expect(r.stderr).not.toContain('"uplot"');
  });
});

describe('the published types', () => {
  it.each([['node16', 'node16'], ['bundler', 'preserve']])('type-check a TypeScript user file (moduleResolution %s, no skipLibCheck)', (resolution, module) => {
    fs.copyFileSync(path.join(APPS, 'user-app.mts'), path.join(inst.project, 'user-app.mts'));
    var config = 'tsconfig.' + resolution + '.json';
    fs.writeFileSync(path.join(inst.project, config), JSON.stringify({
      compilerOptions: { strict: true, module, moduleResolution: resolution, target: 'ES2022', noEmit: true, skipLibCheck: false, types: ['node'] },
      files: ['user-app.mts'],
    }));
    var r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { cwd: inst.project, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('a Puck.js app built from the installed package', () => {
  var app: ReturnType<typeof writeApp>;
  var labels: string[];
  beforeAll(() => {
    app = writeApp('puckjs', 'puckjs-cgestures.egm');
    labels = entries.device.loadModel(new Uint8Array(fs.readFileSync(path.join(inst.pkgDir, 'data/models/puckjs-cgestures.egm')))).spec.labels;
  });

  it('with rollup: tree-shaken ES5 that passes the Espruino lint and notifies the replayed gestures', async () => {
    var built = await buildWithRollup(inst.project, app.esm);
    sizes['puckjs rollup'] = Buffer.byteLength(built.code);
    sizes['puckjs rollup+terser'] = Buffer.byteLength(built.minCode);
    expect(lint(built.code)).toEqual([]);
    expect(lint(built.minCode)).toEqual([]);
    // Tree-shaken: none of the parts this app does not use.
    expect(built.code).not.toMatch(/function (MPU6500|createHttpSink|createMqttSink|MajorityDebouncer|BangleAccelSource)\(/);
    var run = await runPuckApp(built.minCode, entries, emlearnSignal(inst.pkgDir, entries.host), labels);
    expect(run.errors).toEqual([]);
    expect(run.gestures).toEqual(['wave', 'updown', 'snake']);
    // No IIFE around the app (docs/packaging.md): `box.stats()` works in the console.
    expect(run.consoleStats).toMatchObject({ sent: 3 });
  });

  it('with the espruino CLI and MODULE_URL into node_modules: same gestures', async () => {
    var code = buildWithEspruinoCli(inst.project, app.cjs, app.board, path.join(inst.pkgDir, 'dist', 'espruino', 'puckjs'));
    expect(code).toContain('Modules.addCached("espruino-gestures"');
    sizes['puckjs espruino CLI'] = Buffer.byteLength(code);
    expect(lint(code)).toEqual([]);
    var run = await runPuckApp(code, entries, emlearnSignal(inst.pkgDir, entries.host), labels);
    expect(run.errors).toEqual([]);
    expect(run.gestures).toEqual(['wave', 'updown', 'snake']);
  });
});

describe('an ESP32 app built from the installed package', () => {
  var app: ReturnType<typeof writeApp>;
  var viaRollup: string[] | undefined;
  beforeAll(() => { app = writeApp('esp32', 'banglejs2-cgestures.egm'); });

  it('with rollup: passes the lint and POSTs the replayed gestures from a simulated MPU6500', async () => {
    var built = await buildWithRollup(inst.project, app.esm);
    sizes['esp32 rollup'] = Buffer.byteLength(built.code);
    sizes['esp32 rollup+terser'] = Buffer.byteLength(built.minCode);
    expect(lint(built.minCode)).toEqual([]);
    expect(built.code).not.toMatch(/function (createBleNotifySink|PuckAccelSource|BangleAccelSource|createMqttSink|MajorityDebouncer)\(/);
    var run = await runEsp32App(built.minCode, entries, emlearnSignal(inst.pkgDir, entries.host));
    expect(run.errors).toEqual([]);
    expect(run.gestures).toEqual(['wave', 'updown', 'snake']);
    viaRollup = run.gestures;
  });

  it('with the espruino CLI: same gestures', async () => {
    var code = buildWithEspruinoCli(inst.project, app.cjs, app.board, path.join(inst.pkgDir, 'dist', 'espruino', 'esp32'));
    sizes['esp32 espruino CLI'] = Buffer.byteLength(code);
    expect(lint(code)).toEqual([]);
    var run = await runEsp32App(code, entries, emlearnSignal(inst.pkgDir, entries.host));
    expect(run.errors).toEqual([]);
    expect(run.gestures).toEqual(viaRollup ?? ['wave', 'updown', 'snake']);
  });
});
