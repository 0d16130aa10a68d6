// Builds a user's Espruino app with the espruino CLI and the package's board bundle, with
// the guards `npm run examples` has: the CLI exits 0 and writes a few hundred bytes when a
// module is missing or MODULE_URL is wrong, so its output is checked, the bundle must be
// inlined, and the result must pass the Espruino lint (ES5, built-ins, parser quirks).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { lintEspruinoCode, LintProblem } from '../../testing/espruino-lint';
import { packageRoot } from '../workflow/demo';

/**
 * The local board files (Espruino's board JSON, cut to what an offline build reads: the
 * built-in modules), shipped in the package with the examples. The espruino CLI would
 * otherwise download the board's JSON from the Espruino site on every build.
 */
export var BOARD_FILES: { [board: string]: string } = {
  esp32: 'examples/esp32-mpu6500-http/board.json',
  puckjs: 'examples/puckjs-ble/board.json',
  banglejs2: 'examples/banglejs2-ble/board.json',
};

export interface BuildOptions {
  app: string;
  /** Board bundle: esp32, puckjs, banglejs2, pixljs (dist/espruino/<board>). */
  board: string;
  out: string;
  /** Board JSON (default: the package's for the board). */
  boardJson?: string;
  /** Storage upload files NAME:FILE (nRF52 boards: the app itself as NAME:-). */
  storage?: string[];
  /** The espruino CLI's JS entry (default: resolved from the working folder, then the package). */
  cli?: string;
  cwd?: string;
}

export interface BuildResult { out: string; bytes: number; problems: LintProblem[]; said: string }

function fail(message: string): Error {
  var e: any = new Error(message);
  e.exitCode = 1;
  return e;
}

/** The espruino CLI's entry script, from the user's project first, or null. */
export function findEspruinoCli(cwd: string): string | null {
  var from = [path.join(cwd, 'package.json'), path.join(packageRoot(), 'package.json')];
  for (var i = 0; i < from.length; i++) {
    try {
      var pkg = createRequire(from[i]).resolve('espruino/package.json');
      var bin = JSON.parse(readFileSync(pkg, 'utf8')).bin;
      return path.join(path.dirname(pkg), typeof bin === 'string' ? bin : bin.espruino);
    } catch (e) { /* not there */ }
  }
  return null;
}

/** The modules an app requires that are not the board's built-ins (the CLI must inline them). */
export function requiredModules(code: string, builtins: string[]): string[] {
  var out: string[] = [], re = /require\(\s*["']([^"']+)["']\s*\)/g, m;
  while ((m = re.exec(code))) if (builtins.indexOf(m[1]) < 0 && out.indexOf(m[1]) < 0) out.push(m[1]);
  return out;
}

export function buildApp(o: BuildOptions): BuildResult {
  var cwd = o.cwd || process.cwd();
  var root = packageRoot();
  var app = path.resolve(cwd, o.app);
  if (!existsSync(app)) throw inputErr(o.app + ': no such app file');
  if (statSync(app).isDirectory()) throw inputErr(o.app + ': is a folder; give the app\'s .js file');
  var bundleDir = path.join(root, 'dist', 'espruino', o.board);
  if (!existsSync(path.join(bundleDir, 'espruino-gestures.min.js'))) {
    var boards = existsSync(path.join(root, 'dist', 'espruino')) ? readdirSync(path.join(root, 'dist', 'espruino')) : [];
    throw inputErr('--board ' + o.board + ': no bundle ' + path.relative(cwd, path.join(bundleDir, 'espruino-gestures.min.js')) + (boards.length ? ' (boards: ' + boards.join(', ') + ')' : ' (run `npm run build` in the package)'));
  }
  var boardJson = o.boardJson ? path.resolve(cwd, o.boardJson) : BOARD_FILES[o.board] ? path.join(root, BOARD_FILES[o.board]) : null;
  if (!boardJson) throw inputErr('--board ' + o.board + ' has no shipped board JSON: give --board-json FILE (from the Espruino board list, or a copy of ' + BOARD_FILES.puckjs + ' with the board\'s builtin_modules)');
  if (!existsSync(boardJson)) throw inputErr(boardJson + ': no such board JSON');
  var cli = o.cli || findEspruinoCli(cwd);
  if (!cli || !existsSync(cli)) throw fail('the espruino CLI is not installed: npm install --save-dev espruino (it builds offline with --board FILE)');
  var builtins: string[] = [];
  try {
    builtins = (JSON.parse(readFileSync(boardJson, 'utf8')).info || {}).builtin_modules || [];
  } catch (e: any) {
    throw inputErr(boardJson + ': not a board JSON (' + e.message + ')');
  }
  var out = path.resolve(cwd, o.out);
  mkdirSync(path.dirname(out), { recursive: true });
  var args = [cli, '-n', '--board', boardJson, '--config', 'MODULE_URL=' + bundleDir];
  (o.storage || []).forEach(function (s) { args.push('--storage', s); });
  args.push('-o', out, app);
  var r = spawnSync(process.execPath, args, { cwd: cwd, encoding: 'utf8' });
  var said = ((r.stdout || '') + (r.stderr || '')).trim();
  if (r.error) throw fail('cannot run the espruino CLI (' + r.error.message + ')');
  var missing = said.match(/Module \S+ not found/g);
  if (missing) throw fail(missing.join(', ') + ': neither built into the board (' + path.basename(boardJson) + ' builtin_modules) nor in ' + path.relative(cwd, bundleDir));
  if (r.status !== 0) throw fail('the espruino CLI exited with ' + r.status + ':\n' + said);
  if (!existsSync(out)) throw fail('the espruino CLI wrote no output:\n' + said);
  if (/Error|unable to/i.test(said)) throw fail('the espruino CLI reported a problem:\n' + said);
  var code = readFileSync(out, 'utf8');
  requiredModules(readFileSync(app, 'utf8'), builtins).forEach(function (m) {
    if (code.indexOf('Modules.addCached("' + m + '"') < 0 && code.indexOf('Modules.addCached(\\"' + m + '\\"') < 0) {
      throw fail('module ' + m + ' was not inlined (the CLI\'s MODULE_URL was ' + bundleDir + ')');
    }
  });
  // A Storage upload is Storage.write calls with the app as a string: lint the RAM build only.
  // Top-level function declarations are allowed in the app: each is called only later.
  var problems = o.storage && o.storage.length ? [] : lintEspruinoCode(code).filter(function (p) { return p.rule !== 'hoisting'; });
  if (problems.length) {
    throw fail(o.out + ' will not run on Espruino:\n' + problems.slice(0, 20).map(function (p) { return '  ' + p.line + ':' + p.column + ' [' + p.rule + '] ' + p.message; }).join('\n'));
  }
  return { out: out, bytes: statSync(out).size, problems: problems, said: said };
}

function inputErr(message: string): Error {
  var e: any = new Error(message);
  e.exitCode = 2;
  return e;
}
