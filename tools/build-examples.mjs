#!/usr/bin/env node
// Builds every example offline through the espruino CLI (the exact code it would upload),
// into artifacts/examples/<example>/<file>. The CLI exits 0 even when a module is missing,
// so this checks its output and fails on "Module ... not found" or a bundle not inlined.
// Each app gets its own espruino-gestures module, the board bundle tree-shaken to the exports
// it uses (tools/app-bundle.mjs), in <out>/<example>/modules/<file>/.
// Usage: node tools/build-examples.mjs [--out DIR] [example ...]   (needs `npm run build` first)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

var ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
var CLI = path.join(ROOT, 'node_modules', '.bin', 'espruino');

/**
 * Each upload: the app file, the local board JSON, the board bundle folder, the modules it must
 * inline. `storage` (nRF52 boards) also makes <file>.upload.js: the app written to Storage
 * (code runs from flash there) with its other Storage files, as the CLI sends it to a board.
 */
export var EXAMPLES = [
  // without: build features the app never uses, left out of its module (tools/app-bundle.mjs --without);
  // the ESP32 apps pass their debouncer: without OriginalDebouncer their RAM uploads load with sample blocks.
  { example: 'esp32-mpu6500-http', file: 'app.js', board: 'esp32-mpu6500-http/board.json', bundle: 'esp32', modules: ['espruino-gestures'], without: ['defaultDebouncer'] },
  { example: 'esp32-mqtt', file: 'app.js', board: 'esp32-mqtt/board.json', bundle: 'esp32', modules: ['espruino-gestures'], without: ['defaultDebouncer'] },
  { example: 'puckjs-ble', file: 'app.js', board: 'puckjs-ble/board.json', bundle: 'puckjs', modules: ['espruino-gestures'],
    storage: { app: '.bootcde', files: { 'gestures.model': 'data/models/puckjs-cgestures.egm' } } },
  { example: 'banglejs2-ble', file: 'app.js', board: 'banglejs2-ble/board.json', bundle: 'banglejs2', modules: ['espruino-gestures'],
    storage: { app: 'gestures.app.js', files: { 'gestures.info': 'examples/banglejs2-ble/gestures.info', 'gestures.model': 'data/models/banglejs2-cgestures.egm' } } },
  { example: 'custom-classifier', file: 'app.js', board: 'custom-classifier/board.json', bundle: 'banglejs2', modules: ['espruino-gestures'],
    storage: { app: 'shaketilt.app.js', files: { 'shaketilt.info': 'examples/custom-classifier/shaketilt.info' } } },
  // The recorder streams samples itself (no GesturePipeline, no blocks).
  { example: 'recorder', file: 'esp32-mpu6500.js', board: 'esp32-mpu6500-http/board.json', bundle: 'esp32', modules: ['espruino-gestures', 'espruino-gestures-recorder'], without: ['sampleBlocks'] },
  { example: 'recorder', file: 'puckjs.js', board: 'puckjs-ble/board.json', bundle: 'puckjs', modules: ['espruino-gestures', 'espruino-gestures-recorder'],
    storage: { app: '.bootcde', files: {} } },
];

/** Builds one upload; returns { out, bytes } or throws with the CLI's words. */
export function buildExample(entry, outDir, examplesDir) {
  var from = examplesDir || path.join(ROOT, 'examples');
  var src = path.join(from, entry.example, entry.file);
  var board = path.join(from, entry.board);
  var boardDir = path.join(ROOT, 'dist', 'espruino', entry.bundle);
  if (!existsSync(path.join(boardDir, 'espruino-gestures.min.js'))) {
    throw new Error('no bundle in ' + path.relative(ROOT, boardDir) + ': run `npm run build` first');
  }
  var dir = path.join(outDir, entry.example);
  mkdirSync(dir, { recursive: true });
  var bundleDir = appBundle(entry, src, boardDir, path.join(dir, 'modules', entry.file.replace(/\.js$/, '')));
  var ram = runCli(entry, src, board, bundleDir, path.join(dir, entry.file), []);
  if (!entry.storage) return ram;
  var storageArgs = ['--storage', entry.storage.app + ':-'];
  Object.keys(entry.storage.files).forEach(function (name) { storageArgs.push('--storage', name + ':' + entry.storage.files[name]); });
  var up = runCli(entry, src, board, bundleDir, path.join(dir, entry.file.replace(/\.js$/, '.upload.js')), storageArgs);
  return { out: ram.out, bytes: ram.bytes, upload: up.out, uploadBytes: up.bytes };
}

/** The model files an entry uploads (paths from the repository root). */
function modelFiles(entry) {
  var files = entry.storage ? entry.storage.files : {};
  return Object.keys(files).filter(function (name) { return /\.egm$/.test(files[name]); }).map(function (name) { return path.resolve(ROOT, files[name]); });
}

/**
 * Build features the entry's module leaves out: its own `without`, and what the app cannot
 * reach, which still costs variables while its module is loaded (docs/boards.md "Memory"):
 * - `forestModels` when the puckjs bundle (forests and naive Bayes) serves an app whose model
 *   is not a forest (about 43 variables on a Puck.js); the model file's byte 5 is its kind
 *   (1: forest, docs/models.md);
 * - `outboxStorage` when the app's code never names `storage` (its queue lives in RAM either
 *   way; about 12 variables).
 */
export function withoutFor(entry, appSource) {
  var out = (entry.without || []).slice();
  var models = modelFiles(entry);
  if (entry.bundle === 'puckjs' && models.length && models.every(function (f) { return readFileSync(f)[5] !== 1; })) out.push('forestModels');
  if (/createOutbox/.test(appSource) && !mentionsStorageOption(appSource) && out.indexOf('outboxStorage') < 0) out.push('outboxStorage');
  return out;
}

/**
 * Whether the app names `storage` anywhere, in any form it could reach the outbox's options by
 * (`storage:`, `o.storage = ...`, `{ storage }`, `['storage']`), comments included. Guessing
 * wrong one way costs about 12 variables; the other way would keep a queue the app meant to
 * survive a reboot in RAM only, so any mention keeps the Storage outbox.
 */
function mentionsStorageOption(appSource) {
  return /\bstorage\b/.test(appSource);
}

/**
 * The app's own module folder: the board bundle tree-shaken to what the app uses
 * (tools/app-bundle.mjs; every export costs RAM on the device), or the board's folder when the
 * app uses the module in a way that needs all of it.
 */
function appBundle(entry, src, boardDir, modDir) {
  if (process.env.EG_BOARD_BUNDLE) return boardDir; // compare with the whole board bundle
  var made = path.join(modDir, 'espruino-gestures.min.js');
  if (existsSync(made)) {
    // Built already from the same board bundle, app and tool (the tests build examples often).
    var t = statSync(made).mtimeMs;
    var inputs = [path.join(boardDir, 'espruino-gestures.esm.js'), src, path.join(ROOT, 'tools', 'app-bundle.mjs'), path.join(ROOT, 'tools', 'build-examples.mjs')]
      .concat(modelFiles(entry));
    if (inputs.every(function (f) { return existsSync(f) && statSync(f).mtimeMs <= t; })) return modDir;
  }
  var args = [path.join(ROOT, 'tools', 'app-bundle.mjs'), '--board', entry.bundle, '--out', modDir];
  var without = withoutFor(entry, readFileSync(src, 'utf8'));
  if (without.length) args.push('--without', without.join(','));
  var r = spawnSync(process.execPath, args.concat([src]), { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0) return modDir;
  var said = (r.stdout || '') + (r.stderr || '');
  if (/uses the espruino-gestures module other than/.test(said)) return boardDir;
  throw new Error(entry.example + '/' + entry.file + ': app bundle failed\n' + said);
}

function runCli(entry, src, board, bundleDir, out, extraArgs) {
  // The CLI resolves MODULE_URL and --storage files against its working directory: run it from the repository.
  var r = spawnSync(CLI, ['-n', '--board', path.relative(ROOT, board), '--config', 'MODULE_URL=./' + path.relative(ROOT, bundleDir)]
    .concat(extraArgs, ['-o', path.relative(ROOT, out), path.relative(ROOT, src)]), { cwd: ROOT, encoding: 'utf8' });
  var said = (r.stdout || '') + (r.stderr || '');
  var what = entry.example + '/' + path.basename(out);
  if (r.error) throw new Error(what + ': cannot run the espruino CLI (' + r.error.message + ')');
  var missing = said.match(/Module \S+ not found/g);
  if (missing) throw new Error(what + ': ' + missing.join(', ') + ' (is it in ' + entry.board + ' builtin_modules or in ' + path.relative(ROOT, bundleDir) + '?)');
  if (r.status !== 0) throw new Error(what + ': espruino CLI exited with ' + r.status + '\n' + said);
  if (!existsSync(out)) throw new Error(what + ': the CLI wrote no output\n' + said);
  if (/Error|unable to/i.test(said)) throw new Error(what + ': the espruino CLI reported a problem\n' + said);
  var code = readFileSync(out, 'utf8');
  entry.modules.forEach(function (m) {
    // In a Storage upload the code is a JSON-ish string literal: quotes are escaped.
    if (code.indexOf('Modules.addCached("' + m + '"') < 0 && code.indexOf('Modules.addCached(\\"' + m + '\\"') < 0) {
      throw new Error(what + ': module ' + m + ' was not inlined');
    }
  });
  return { out: out, bytes: statSync(out).size };
}

export function buildExamples(options) {
  var o = options || {};
  var outDir = o.outDir || path.join(ROOT, 'artifacts', 'examples');
  var only = o.only && o.only.length ? o.only : null;
  return EXAMPLES.filter(function (e) { return !only || only.indexOf(e.example) >= 0; }).map(function (e) {
    var built = buildExample(e, outDir);
    return { example: e.example, file: e.file, bundle: e.bundle, out: built.out, bytes: built.bytes, upload: built.upload, uploadBytes: built.uploadBytes };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  var args = process.argv.slice(2);
  var outDir;
  var i = args.indexOf('--out');
  if (i >= 0) { outDir = path.resolve(args[i + 1]); args.splice(i, 2); }
  try {
    var results = buildExamples({ outDir: outDir, only: args });
    results.forEach(function (r) {
      console.log(r.example + '/' + r.file + ' (' + r.bundle + '): ' + r.bytes + ' bytes -> ' + path.relative(process.cwd(), r.out) +
        (r.upload ? '; Storage upload ' + r.uploadBytes + ' bytes -> ' + path.relative(process.cwd(), r.upload) : ''));
    });
  } catch (e) {
    console.error('build-examples: ' + e.message);
    process.exit(1);
  }
}
