#!/usr/bin/env node
// One app's own `espruino-gestures` module: the board bundle tree-shaken to the exports the
// app uses. On Espruino every function and export of a module costs variables as soon as it
// is required, even when its code stays in flash (about 5 variables a function plus one a
// parameter), so an app that carries only what it calls keeps RAM free: on Puck.js this is
// what leaves half of the 2,630 variables free (docs/boards.md).
// Usage: node tools/app-bundle.mjs --board puckjs --out DIR [--without a,b] app.js   (needs `npm run build`)
// writes DIR/espruino-gestures.min.js (+ .js) for the espruino CLI's MODULE_URL, and copies the
// board's other modules beside it. --without: build features (src/core/build-features.ts) the
// app never uses, left out as a board's `without` leaves them out (asking for one then is a
// BAD_CONFIG error): e.g. defaultDebouncer for an app that always passes a debouncer. The
// board bundle has its features folded in already, so then the module is built from the
// sources (src/boards/<board>.ts, with the board's rollup settings: about 15 s).
import { rollup } from 'rollup';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { espruinoOutput, terserForEspruino } from './espruino-output.mjs';
import { espruinoForInit } from './for-init-declarators.mjs';
import { espruinoHoist } from './hoist-functions.mjs';
import { BOARDS } from './boards.mjs';

var ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
var MODULE = 'espruino-gestures';

/**
 * The export names an app's source uses: `var eg = require('espruino-gestures')` then
 * `eg.Name`. null when the module object is used otherwise (passed on, indexed), which
 * needs the whole bundle.
 */
export function usedExports(source) {
  var re = /\bvar\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*['"]espruino-gestures['"]\s*\)/g;
  var m, vars = [];
  while ((m = re.exec(source))) vars.push(m[1]);
  if (!vars.length) return /require\(\s*['"]espruino-gestures['"]\s*\)/.test(source) ? null : [];
  var names = {};
  for (var i = 0; i < vars.length; i++) {
    var v = vars[i].replace(/\$/g, '\\$');
    var uses = source.match(new RegExp('\\b' + v + '\\b(?!\\s*=\\s*require)[^\\w$]?[\\w$]*', 'g')) || [];
    for (var j = 0; j < uses.length; j++) {
      var u = uses[j];
      if (u === vars[i]) continue; // the declaration itself
      var dot = /^[\w$]+\.([A-Za-z_$][\w$]*)$/.exec(u);
      if (!dot) return null;
      names[dot[1]] = true;
    }
  }
  return Object.keys(names).sort();
}

/**
 * Bundles the given exports of a board's bundle (its .esm.js) into outDir; with `without`
 * (build feature names), from the board's sources with those features left out too.
 * Returns { file, bytes, exports }.
 */
export async function buildAppBundle(board, names, outDir, without) {
  var boardDir = path.join(ROOT, 'dist', 'espruino', board);
  var esm = path.join(boardDir, MODULE + '.esm.js');
  if (!existsSync(esm)) throw new Error('no ' + path.relative(ROOT, esm) + ': run `npm run build` first');
  var available = await exportsOf(esm);
  var missing = names.filter(function (n) { return available.indexOf(n) < 0; });
  if (missing.length) throw new Error('the ' + board + ' bundle has no ' + missing.join(', ') + ' (it exports ' + available.join(', ') + ')');
  var extra = (without || []).filter(function (f) { return BOARDS[board].without.indexOf(f) < 0; });
  var from = extra.length ? path.join(ROOT, 'src', 'boards', board + '.ts') : esm;
  var entry = '\0app-entry';
  var plugins = [{
    name: 'app-entry',
    resolveId: function (id) { return id === entry ? entry : null; },
    load: function (id) { return id === entry ? 'export { ' + names.join(', ') + ' } from ' + JSON.stringify(from) + ';\n' : null; },
  }];
  if (extra.length) {
    // The board's own rollup settings (rollup.config.mjs), its features and the app's left out.
    var config = (await import(pathToFileURL(path.join(ROOT, 'rollup.config.mjs')).href)).moduleConfig(board, MODULE, from);
    var { buildFeatures } = await import('./build-features.mjs');
    plugins = plugins.concat(config.plugins, [buildFeatures(extra)]);
  }
  var bundle = await rollup({
    input: entry,
    treeshake: { moduleSideEffects: false },
    plugins: plugins,
    onwarn: function (w, warn) { if (w.code !== 'EMPTY_BUNDLE') warn(w); },
  });
  // ErrorCodes.X -> 'X' on the rendered chunk (before terser, which then drops the unused object).
  var codes = { name: 'inline-error-codes', renderChunk: function (code) { return names.indexOf('ErrorCodes') < 0 ? { code: inlineErrorCodes(code), map: null } : null; } };
  mkdirSync(outDir, { recursive: true });
  var min = path.join(outDir, MODULE + '.min.js');
  await bundle.write(Object.assign({ file: path.join(outDir, MODULE + '.js'), plugins: [codes, espruinoHoist()] }, espruinoOutput));
  await bundle.write(Object.assign({ file: min, plugins: [codes, terserForEspruino(), espruinoForInit(), espruinoHoist()] }, espruinoOutput));
  await bundle.close();
  // The board's other modules (the recorder), unchanged.
  readdirSync(boardDir).forEach(function (f) {
    if (f.indexOf(MODULE + '.') !== 0 && /\.js$/.test(f) && !/\.esm\.js$/.test(f)) copyFileSync(path.join(boardDir, f), path.join(outDir, f));
  });
  return { file: min, bytes: readFileSync(min).length, exports: names };
}

/**
 * `ErrorCodes.X` -> `"X"` when the app does not use ErrorCodes itself: the object (17 names
 * and 17 strings, about 80 variables) is then left out; each code costs only its bytes in the
 * flash-resident function text. Only when every code's value is its own name.
 */
export function inlineErrorCodes(code) {
  var m = /\bvar ErrorCodes = \{([^}]*)\}/.exec(code);
  if (!m) return code;
  var pairs = m[1].replace(/\/\*[\s\S]*?\*\//g, '').split(',').map(function (p) { return p.trim(); }).filter(Boolean);
  var ok = pairs.every(function (p) { var kv = /^([A-Z0-9_]+): '([A-Z0-9_]+)'$/.exec(p); return kv && kv[1] === kv[2]; });
  if (!ok) return code;
  return code.replace(/\bErrorCodes\.([A-Z][A-Z0-9_]*)\b/g, "'$1'");
}

async function exportsOf(esm) {
  var b = await rollup({ input: esm, treeshake: false });
  var out = await b.generate({ format: 'es' });
  await b.close();
  return out.output[0].exports;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  var args = process.argv.slice(2), board = null, outDir = null, app = null, without = [];
  for (var i = 0; i < args.length; i++) {
    if (args[i] === '--board') board = args[++i];
    else if (args[i] === '--without') without = args[++i].split(',').filter(Boolean);
    else if (args[i] === '--out') outDir = path.resolve(args[++i]);
    else app = args[i];
  }
  if (!board || !outDir || !app) {
    console.error('usage: node tools/app-bundle.mjs --board <esp32|puckjs|banglejs2|pixljs> --out DIR [--without feature,...] app.js');
    process.exit(2);
  }
  var names = usedExports(readFileSync(app, 'utf8'));
  if (!names) {
    console.error('app-bundle: ' + app + ' uses the espruino-gestures module other than as `eg.Name`: use the whole board bundle (dist/espruino/' + board + ')');
    process.exit(1);
  }
  buildAppBundle(board, names, outDir, without).then(function (r) {
    console.log(path.relative(process.cwd(), r.file) + ': ' + r.bytes + ' bytes, exports ' + r.exports.join(', ') + (without.length ? '; without ' + without.join(', ') : ''));
  }, function (e) {
    console.error('app-bundle: ' + e.message);
    process.exit(1);
  });
}
