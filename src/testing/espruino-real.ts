// Runs code in the REAL Espruino 2v29 interpreter (the Linux build of the firmware, with
// board-sized variable stores), for this package's tests and for users testing their apps.
//
// Usage:
//   import { findEspruino, EspruinoWorld } from 'espruino-gestures/testing';
//   if (!findEspruino()) skip(espruinoMissingReason());
//   var world = new EspruinoWorld({ build: 2630 });          // private temp dir, own espruino.flash
//   await world.writeStorage({ 'eg.js': bundleSource, 'my.model': modelBytes });  // run 1
//   var r = await world.run(
//     storageModules({ 'espruino-gestures': 'eg.js' }) +          // Modules.addCached(.., Storage.read(..))
//     'var eg = require("espruino-gestures");' +
//     'report("MEM", process.memory());');                         // prints "@@MEM {json}"
//   r.records('MEM')[0].usage;  r.code;  r.stdout;  r.uncaught;
//   world.cleanup();
//
// Boards that run apps from Storage: write the app as .bootcde (and stand-ins for hardware as
// .boot0, which runs first) in one writeStorage; then run('load()') powers up like the board
// (.boot0, .bootcde, then E.on('init')): running a file does not boot from Storage by itself. `run(code, { until: 'DONE' })`
// ends the run when the script prints report("DONE", ...), since apps keep timers running.
// The interpreter is looked up in $ESPRUINO_BIN_DIR, then ../shared/tools/espruino beside the
// package root. The binaries ignore SIGTERM: a run is always ended with SIGKILL on timeout.
// Everything a script's file contains is loaded into variables first, so keep the script
// small and put big code in Storage (writeStorage) as the nRF52 boards do.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from './sandbox';

/** Variable-store sizes of the shipped builds ('grow' = the 64-bit build that grows from 4,096). */
export type EspruinoBuild = 2630 | 12000 | 16383 | 'grow';

/** The build each board runs on: its variable count. */
export var BOARD_BUILDS: { [board: string]: EspruinoBuild } = {
  esp32: 16383,
  puckjs: 2630,
  pixljs: 2630,
  banglejs2: 12000,
};

function binaryName(build: EspruinoBuild): string {
  return build === 'grow' ? 'espruino-linux' : 'espruino-linux-' + build;
}

/** The folder holding the interpreter binaries, or null when there is none. */
export function findEspruino(): string | null {
  var candidates: string[] = [];
  if (process.env.ESPRUINO_BIN_DIR) candidates.push(path.resolve(process.env.ESPRUINO_BIN_DIR));
  try {
    candidates.push(path.resolve(packageRoot(), '..', 'shared', 'tools', 'espruino'));
  } catch (e) {
    /* not inside the package: only ESPRUINO_BIN_DIR */
  }
  for (var i = 0; i < candidates.length; i++) {
    if (existsSync(path.join(candidates[i], 'espruino-linux-2630'))) return candidates[i];
  }
  return null;
}

/** Why the real-interpreter tests cannot run here. */
export function espruinoMissingReason(): string {
  return 'no Espruino interpreter: set ESPRUINO_BIN_DIR or put the builds in ../shared/tools/espruino';
}

/** One `@@TAG {json}` line a script printed (see REPORT_FN). */
export interface EspruinoRecord {
  tag: string;
  data: any;
}

export interface EspruinoRunResult {
  /** Exit code (1 = uncaught error in the main script); null when killed. */
  code: number | null;
  timedOut: boolean;
  /** Output with the banner, prompts and CRs removed. */
  stdout: string;
  stderr: string;
  /** "Uncaught ..." lines (a timer or promise callback failing does not change the exit code). */
  uncaught: string[];
  /** Parsed `@@TAG {json}` lines in order. */
  all: EspruinoRecord[];
  /** The data of every record with this tag. */
  records(tag: string): any[];
  /** Wall-clock ms the run took. */
  ms: number;
}

/**
 * Defines `report(tag, value)` in the interpreter: prints `@@TAG {json}` on one line, which
 * the harness parses. Prepended to every run's script.
 */
export var REPORT_FN = 'function report(t,v){print("@@"+t+" "+JSON.stringify(v));}\n';

/** Code that registers Storage files as modules: { moduleName: storageFileName }. */
export function storageModules(map: { [module: string]: string }): string {
  return Object.keys(map).map(function (m) {
    return 'Modules.addCached(' + JSON.stringify(m) + ',require("Storage").read(' + JSON.stringify(map[m]) + '));\n';
  }).join('');
}

export interface EspruinoWorldOptions {
  /** Build for run() (default 16383). */
  build?: EspruinoBuild;
  /** Folder with the binaries (default findEspruino()). */
  binDir?: string;
  /** Seconds before a run is SIGKILLed (default 60). */
  timeoutS?: number;
}

/** Storage chunk size: one Storage.write per chunk keeps each string small. */
var CHUNK = 1024;

/** A private working directory (its own espruino.flash = Storage) for a series of runs. */
export class EspruinoWorld {
  dir: string;
  binDir: string;
  build: EspruinoBuild;
  timeoutS: number;

  constructor(options?: EspruinoWorldOptions) {
    var o = options || {};
    var bin = o.binDir || findEspruino();
    if (!bin) throw new Error(espruinoMissingReason());
    this.binDir = bin;
    this.build = o.build || 16383;
    this.timeoutS = o.timeoutS || 60;
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'espruino-world-'));
  }

  /**
   * Writes files into Storage in one run (on the growing build, so the writer's own text does
   * not count against the board's variables). Text or bytes; 1 KB chunks through atob.
   */
  async writeStorage(files: { [name: string]: string | Uint8Array }, options?: { before?: string }): Promise<EspruinoRunResult> {
    // Write everything in one run: boot files written earlier may run when a later run starts.
    var lines = [(options && options.before) || '', 'var S=require("Storage");'];
    Object.keys(files).forEach(function (name) {
      if (name.length > 28) throw new Error('Storage name "' + name + '" is longer than 28 characters');
      var v = files[name];
      var bytes = typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      if (typeof v === 'string' && /[^\x00-\xff]/.test(v)) throw new Error('Storage file "' + name + '" has characters above 0xFF');
      var n = JSON.stringify(name);
      lines.push('S.erase(' + n + ');');
      if (!bytes.length) { lines.push('S.write(' + n + ',"");'); return; }
      for (var off = 0; off < bytes.length; off += CHUNK) {
        var chunk = bytes.subarray(off, Math.min(bytes.length, off + CHUNK)).toString('base64');
        lines.push('S.write(' + n + ',atob("' + chunk + '"),' + off + ',' + bytes.length + ');');
      }
      lines.push('if(S.read(' + n + ').length!==' + bytes.length + ')throw new Error("Storage write of ' + name + ' incomplete");');
    });
    lines.push('report("WROTE",S.list().length);');
    var r = await this.run(lines.join('\n'), { build: 'grow', timeoutS: Math.max(this.timeoutS, 60) });
    if (r.code !== 0 || r.records('WROTE').length !== 1) {
      throw new Error('writing Storage failed (exit ' + r.code + '):\n' + r.stdout + r.stderr);
    }
    return r;
  }

  /** Writes a plain file into the working directory (e.g. node_modules/x.js for require). */
  writeFile(rel: string, content: string | Uint8Array): void {
    var file = path.join(this.dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }

  /** Runs a script (REPORT_FN prepended) and resolves when the interpreter exits or is killed. */
  run(code: string, options?: { build?: EspruinoBuild; timeoutS?: number; args?: string[]; until?: string }): Promise<EspruinoRunResult> {
    var o = options || {};
    var build = o.build || this.build;
    var bin = path.join(this.binDir, binaryName(build));
    var script = path.join(this.dir, 'run-' + Date.now() + '-' + Math.floor(Math.random() * 1e6) + '.js');
    writeFileSync(script, REPORT_FN + code, 'latin1');
    var timeoutMs = (o.timeoutS || this.timeoutS) * 1000;
    var started = Date.now();
    return new Promise(function (resolve, reject) {
      // stdin is a pipe we never write to nor close: the port's console thread sees no input
      // and no EOF (with /dev/null it reads garbage forever).
      var child = spawn(bin, (o.args || []).concat([path.basename(script)]), { cwd: path.dirname(script), stdio: ['pipe', 'pipe', 'pipe'] });
      var out: Buffer[] = [], err: Buffer[] = [], timedOut = false;
      var stopMark = o.until ? '@@' + o.until : null, seen = '';
      child.stdout.on('data', function (d: Buffer) {
        out.push(d);
        if (!stopMark) return;
        // Apps keep timers running: end the run once the script printed its closing record.
        seen = (seen + d.toString('latin1')).slice(-4096);
        if (seen.indexOf(stopMark) >= 0 && /\n/.test(seen.slice(seen.indexOf(stopMark)))) child.kill('SIGKILL');
      });
      child.stderr.on('data', function (d: Buffer) { err.push(d); });
      child.stdin.on('error', function () { /* the interpreter exited first */ });
      var timer = setTimeout(function () {
        timedOut = true;
        child.kill('SIGKILL'); // SIGTERM is ignored by the Linux port
      }, timeoutMs);
      child.on('error', function (e) { clearTimeout(timer); reject(e); });
      child.on('close', function (exitCode, signal) {
        clearTimeout(timer);
        if (stopMark && signal === 'SIGKILL' && !timedOut) exitCode = 0; // ended on the closing record
        try { child.stdin.destroy(); } catch (e) { /* gone */ }
        rmSync(script, { force: true });
        resolve(makeResult(Buffer.concat(out).toString('latin1'), Buffer.concat(err).toString('latin1'), timedOut ? null : exitCode, timedOut, Date.now() - started));
      });
    });
  }

  /** Deletes the working directory (and its Storage). */
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Strips what espruino-run strips: the banner, CRs, prompts and ESC[J. */
export function cleanEspruinoOutput(raw: string): string {
  var s = raw.replace(/\r/g, '');
  s = s.replace(/^[\s\S]*?^http:\/\/espruino\.com\/Donate\n\n?/m, '');
  s = s.replace(/>\x1b\[J/g, '').replace(/\x1b\[J/g, '');
  s = s.replace(/^>$/, '').replace(/\n>$/, '\n');
  return s;
}

function makeResult(raw: string, stderr: string, code: number | null, timedOut: boolean, ms: number): EspruinoRunResult {
  var stdout = cleanEspruinoOutput(raw);
  var all: EspruinoRecord[] = [];
  var uncaught: string[] = [];
  stdout.split('\n').forEach(function (line) {
    var l = line.replace(/^>+/, '');
    if (/^Uncaught /.test(l)) uncaught.push(l);
    var m = /^@@(\w+) (.*)$/.exec(l);
    if (!m) return;
    var data: any;
    try { data = JSON.parse(m[2]); } catch (e) { data = { unparsed: m[2] }; }
    all.push({ tag: m[1], data: data });
  });
  return {
    code: code,
    timedOut: timedOut,
    stdout: stdout,
    stderr: stderr,
    uncaught: uncaught,
    all: all,
    records: function (tag: string) { return all.filter(function (r) { return r.tag === tag; }).map(function (r) { return r.data; }); },
    ms: ms,
  };
}
