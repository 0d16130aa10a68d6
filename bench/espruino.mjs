// Running scripts in the real Espruino interpreter for the benches (not a bench itself).
import { writeFileSync, mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

var root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export var BIN_DIR = process.env.ESPRUINO_BIN_DIR || path.resolve(root, '../shared/tools/espruino');
export var BUILD = 'espruino-linux-16383';

/** True when the interpreter is there; otherwise prints the skip line. */
export function interpreterPresent() {
  if (existsSync(path.join(BIN_DIR, 'espruino-run')) && existsSync(path.join(BIN_DIR, BUILD))) return true;
  console.log('(real Espruino interpreter not found in ' + BIN_DIR + ' (set ESPRUINO_BIN_DIR): skipped)');
  return false;
}

/**
 * The interpreter's own CPU time (user + system, ms; /proc, 10 ms ticks), so a shared, busy
 * machine does not count; wall time where there is no /proc.
 */
export var CPU_MS = 'var cpuMs = (function () { try { var fs = require("fs"); fs.readFileSync("/proc/self/stat").split(" ")[13].length;' +
  ' return function () { var f = fs.readFileSync("/proc/self/stat").split(" "); return (+f[13] + +f[14]) * 10; }; }' +
  ' catch (e) { return function () { return getTime() * 1000; }; } })();';

/** Copies of Storage files in RAM: code run from a Storage string stays in (here slow) flash. */
export var RAM_COPIES = [
  'var S = require("Storage");',
  'function ramText(name) { var t = "", len = S.read(name).length, o; for (o = 0; o < len; o += 512) t += S.read(name, o, Math.min(512, len - o)); return t; }',
  'function ramBytes(name) { var f = new Uint8Array(S.readArrayBuffer(name)), b = new Uint8Array(f.length); b.set(f); return b; }'
].join('\n');

/** A script that writes bytes to a Storage file in pieces (a run's own text sits in variables). */
export function storageWriteScript(name, bytes) {
  var out = [], CH = 768;
  for (var at = 0; at < bytes.length; at += CH) {
    var part = Buffer.from(bytes.subarray(at, Math.min(bytes.length, at + CH))).toString('base64');
    out.push('require("Storage").write(' + JSON.stringify(name) + ', atob("' + part + '"), ' + at + ', ' + bytes.length + ');');
  }
  out.push('print("WROTE");');
  return out.join('\n');
}

function run(dir, name, script) {
  var file = path.join(dir, name + '.js');
  writeFileSync(file, script);
  var r = spawnSync(path.join(BIN_DIR, 'espruino-run'), ['-b', BUILD, '-t', '600', file], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { out: r.stdout || '', err: ((r.stdout || '') + (r.stderr || '')).split('\n').filter(Boolean).slice(-2).join(' / ').slice(0, 160) || 'exit ' + r.status };
}

/**
 * Writes `files` ({ name: bytes }) into a fresh interpreter's Storage (one run each), then runs
 * `script`, which prints one line "RESULT <json>"; returns that object or { error }.
 */
export function measureInInterpreter(tmp, files, script) {
  var dir = mkdtempSync(path.join(tmp, 'run-'));
  for (var name in files) {
    var w = run(dir, 'write', storageWriteScript(name, files[name]));
    if (w.out.indexOf('WROTE') < 0) return { error: 'writing ' + name + ' to Storage: ' + w.err };
  }
  var r = run(dir, 'timed', script);
  var line = r.out.split('\n').filter(function (l) { return l.indexOf('RESULT ') === 0; })[0];
  return line ? JSON.parse(line.slice(7)) : { error: r.err };
}

/** The seed's 20 Hz window table (../shared, never copied): X row-major, y class ids. */
export function seedTable() {
  var lines = readFileSync(path.resolve(root, '../shared/data/seed/data/transformed/20210529_v2_data_all_20hz.csv'), 'utf8').trim().split(/\r?\n/);
  var nf = lines[0].split(',').length - 2, n = lines.length - 1, X = new Float32Array(n * nf), y = new Int32Array(n);
  for (var i = 0; i < n; i++) {
    var cells = lines[i + 1].split(',');
    for (var f = 0; f < nf; f++) X[i * nf + f] = Number(cells[f]);
    y[i] = Number(cells[nf + 1]);
  }
  return { X: X, y: y, nf: nf };
}
