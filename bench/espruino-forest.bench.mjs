// The typed-array forest against m2cgen-style generated code, timed in the REAL Espruino
// interpreter (../shared/tools/espruino, or ESPRUINO_BIN_DIR), 16,383-variable build, code
// in RAM (Storage-resident code is ~5x slower in the Linux build only). Same forests, same
// inputs, one bench run, typed arrays and generated code timed in alternation in one interpreter.
// Needs `npm run build` (the esp32 bundle and dist/node). Prints a markdown table.
// Variables are also what the 1/10 goal compares: the model as the examples load it (from Storage).
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateM2cgen, completeForest } from './m2cgen.mjs';
import { interpreterPresent, measureInInterpreter, BUILD, CPU_MS, RAM_COPIES, seedTable } from './espruino.mjs';

var here = path.dirname(fileURLToPath(import.meta.url));
var root = path.resolve(here, '..');
var ROWS = 40;

if (!interpreterPresent()) process.exit(0);
var runtime = await import(path.join(root, 'dist/node/index.js'));
var host = await import(path.join(root, 'dist/node/host.js'));
var terser = await import('terser');
var defaults = await import(path.join(root, 'data/models/train-default-models.mjs'));
// As uploaded to a board; ESPRUINO_GESTURES_BUNDLE=<an older build's file> measures that one instead ("before" figures).
var bundle = readFileSync(process.env.ESPRUINO_GESTURES_BUNDLE || path.join(root, 'dist/espruino/esp32/espruino-gestures.min.js'), 'utf8');

// ---- inputs ------------------------------------------------------------------------------
/** ROWS rows spread evenly over a feature table. */
function spread(X, nf) {
  var rows = X.length / nf, out = new Float32Array(ROWS * nf);
  for (var i = 0; i < ROWS; i++) out.set(X.subarray(Math.floor((i * rows) / ROWS) * nf, (Math.floor((i * rows) / ROWS) + 1) * nf), i * nf);
  return out;
}
/** The default model's own feature windows (its board's rate, from the MIT recordings). */
function defaultWindows(file, m) {
  m = m || defaults.DEFAULT_MODELS.filter(function (d) { return d.file === file; })[0];
  var set = host.loadRecordingSet([path.join(root, 'data/emlearn-har/cgestures')], { rateHz: 100, countsPerG: 16384 });
  var board = { recordings: set.recordings.map(function (r) { return defaults.resample(r, m.sourceRateHz); }), events: set.events, warnings: [] };
  var X = host.prepareTraining(board, m.prepare).data.X;
  if (X instanceof Float32Array) return X;
  var flat = new Float32Array(X.length * X[0].length);
  X.forEach(function (row, i) { flat.set(row, i * row.length); });
  return flat;
}

function puckDefault() { return defaults.DEFAULT_MODELS.filter(function (d) { return d.board === 'puckjs'; })[0]; }

var seed = seedTable();
var seedSpec = {
  channels: ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'], sourceRateHz: 100, rateHz: 20, windowMs: 1000,
  points: 21, hopMs: 100, downsample: 'pick', features: 'raw', labels: ['none', 'x', 'y', 'circle'], idleLabel: 0
};
var MODELS = [
  { name: 'seed RF 10 trees, depth 8', file: function () {
    return host.encodeModel(seedSpec, host.trainForest(seed.X, seed.y, seed.nf, 4, { nTrees: 10, maxDepth: 8, seed: 1, labels: seedSpec.labels })).bytes;
  }, X: function () { return spread(seed.X, seed.nf); } },
  { name: '10 complete depth-8 trees', file: function () {
    return host.encodeModel(seedSpec, completeForest(runtime, host.createRng, seedSpec.labels, 10, 8, 75, seed.X, seed.nf, 3)).bytes;
  }, X: function () { return spread(seed.X, seed.nf); } },
  // The Puck.js default is naive Bayes now; its earlier default forest (RF 10 depth 6, the same windows) is trained here, same bytes as it shipped.
  { name: 'Puck.js earlier default (RF 10, depth 6)', file: function () { return defaults.trainBoardModelFile(puckDefault(), defaults.PUCKJS_EARLIER_FOREST); },
    X: function () { return spread(defaultWindows(null, puckDefault()), 15); } },
  // The Bangle.js 2 default is naive Bayes now; its earlier default forest (RF 20 depth 8, 25 Hz, hop 100) stays the larger small forest here.
  { name: 'Bangle.js 2 earlier default (RF 20, depth 8)', file: function () { return new Uint8Array(readFileSync(path.join(root, 'test/fixtures/v1-models/banglejs2-cgestures.egm'))); },
    X: function () { return spread(defaultWindows(null, { sourceRateHz: 50, prepare: { channels: ['acc_x', 'acc_y', 'acc_z'], rateHz: 25, downsample: 'mean', windowMs: 1000, hopMs: 100, trainHopMs: 100,
      features: 'stats', stats: ['mean', 'std', 'min', 'max', 'mad'] } }), 15); } }
];

// ---- interpreter scripts -----------------------------------------------------------------
/**
 * Loads both predictors, then times them in alternating slices of 0.3 s of CPU over the same
 * views; the figure is each one's total CPU time over its total predictions.
 */
function timedScript(nf, nc, withTyped, withGen) {
  return [
    RAM_COPIES,
    'var X = new Float32Array(new Float32Array(S.readArrayBuffer("x.bin")));',
    'var n = X.length / ' + nf + ', views = [], i, out = {};',
    'for (i = 0; i < n; i++) views.push(X.subarray(i * ' + nf + ', (i + 1) * ' + nf + '));',
    'var typed = null, walkOnly = null;',
    withTyped ? [
      'Modules.addCached("espruino-gestures", ramText("eg.js"));',
      'var eg = require("espruino-gestures");',
      'process.memory(); var u0 = process.memory().usage;',
      'var mb = ramBytes("m.egm"), model = eg.loadModel(mb);',
      'out.typedVars = process.memory().usage - u0; out.typedSize = E.getSizeOf(mb);',
      'u0 = process.memory().usage; var fromStorage = eg.loadModel("m.egm"); out.storageVars = process.memory().usage - u0;',
      // Without its feature spec (which generated code would need beside it too): the classifier alone.
      'fromStorage.spec = undefined; process.memory(); out.classifierVars = process.memory().usage - u0; fromStorage = undefined;',
      'var s = new Float32Array(' + nc + '), clf = model.classifier;',
      'typed = function (x) { return clf.predict(x, s); };',
      // The floor of any tree walk in this interpreter: the same arrays walked, nothing else (no call, no class sums, no argmax).
      'var wf = clf.feature, wt = clf.threshold, wl = clf.left, wr = clf.right, wo = clf.roots;',
      'walkOnly = function (x) { var n, i = wo.length; while (i--) { if ((n = wo[i]) >= 0) while ((n = x[wf[n]] <= wt[n] ? wl[n] : wr[n]) >= 0); } return 0; };'
    ].join('\n') : '',
    'var generated = null;',
    withGen ? [
      'process.memory(); u0 = process.memory().usage; var code = ramText("gen.js");',
      'eval(code); code = undefined; process.memory();',
      'out.genVars = process.memory().usage - u0; out.genSize = E.getSizeOf(score) + E.getSizeOf(addVectors) + E.getSizeOf(mulVectorNumber);',
      'generated = function (x) { var p = score(x), best = 0; for (var c = 1; c < p.length; c++) if (p[c] > p[best]) best = c; return best; };'
    ].join('\n') : '',
    'function labelsOf(fn) { var l = ""; for (var j = 0; j < n; j++) l += fn(views[j]); return l; }',
    CPU_MS,
    'function slice(fn, acc) { var t0 = cpuMs(), passes = 0, j; while (cpuMs() - t0 < 300) { for (j = 0; j < n; j++) fn(views[j]); passes++; } acc[0] += cpuMs() - t0; acc[1] += passes * n; }',
    'var ta = [0, 0], ga = [0, 0], wa = [0, 0];',
    'if (generated) out.genLabels = labelsOf(generated);',
    'if (typed) out.typedLabels = labelsOf(typed);',
    'for (var r = 0; r < 4; r++) {',
    '  if (typed) { slice(typed, ta); slice(walkOnly, wa); }',
    '  if (generated) slice(generated, ga);',
    '}',
    'if (typed) { out.typedUs = ta[0] * 1e3 / ta[1]; out.walkUs = wa[0] * 1e3 / wa[1]; }',
    'if (generated) out.genUs = ga[0] * 1e3 / ga[1];',
    'print("RESULT " + JSON.stringify(out));'
  ].join('\n');
}

var tmp = mkdtempSync(path.join(os.tmpdir(), 'espruino-forest-'));
function measure(files, nf, nc, withTyped, withGen) {
  return measureInInterpreter(tmp, files, timedScript(nf, nc, withTyped, withGen));
}
async function minify(code) {
  return (await terser.minify(code, { ecma: 5, compress: true, mangle: { toplevel: false } })).code;
}
var STORAGE_BYTES = 256 * 1024;
// Generated code beyond this shares no interpreter with the bundle (16,383 variables).
var MAX_SHARED_CODE = 40000;
function f0(v) { return Math.round(v).toLocaleString('en-US'); }

var rows = [];
for (var m of MODELS) {
  var fileBytes = m.file(), X = m.X();
  var forest = runtime.loadModel(fileBytes).classifier;
  var nf = X.length / ROWS, nc = forest.nClasses;
  var raw = generateM2cgen(forest), min = await minify(raw);
  // The host's own labels for the same rows: every interpreter run must print exactly these.
  var hostLabels = '';
  for (var i = 0; i < ROWS; i++) hostLabels += forest.predict(X.subarray(i * nf, (i + 1) * nf));
  var xBytes = new Uint8Array(X.buffer, X.byteOffset, X.byteLength), text = function (t) { return new Uint8Array(Buffer.from(t)); };
  var files = { 'eg.js': text(bundle), 'm.egm': fileBytes, 'x.bin': xBytes };
  var withMin;
  if (min.length < MAX_SHARED_CODE) withMin = measure(Object.assign({}, files, { 'gen.js': text(min) }), nf, nc, true, true);
  else {
    // Too big to share one interpreter with the bundle: separate runs, so the ratio is less exact.
    withMin = measure(files, nf, nc, true, false);
    var alone = measure({ 'x.bin': xBytes, 'gen.js': text(min) }, nf, nc, false, true);
    ['genUs', 'genLabels', 'genVars', 'genSize', 'error'].forEach(function (k) { if (alone[k] !== undefined) withMin[k] = alone[k]; });
    withMin.separate = true;
  }
  var withRaw = Buffer.byteLength(raw) > STORAGE_BYTES * 0.9
    ? { error: 'does not load (' + f0(Buffer.byteLength(raw)) + ' B of source)' }
    : measure({ 'x.bin': xBytes, 'gen.js': text(raw) }, nf, nc, false, true);
  rows.push({ m: m, forest: forest, fileBytes: fileBytes.length, rawBytes: Buffer.byteLength(raw), minBytes: Buffer.byteLength(min),
    hostLabels: hostLabels, min: withMin, raw: withRaw });
}
rmSync(tmp, { recursive: true, force: true });

function same(labels, hostLabels) {
  if (labels === undefined) return '-';
  var d = 0;
  for (var j = 0; j < hostLabels.length; j++) if (labels[j] !== hostLabels[j]) d++;
  return d ? 'NO (' + d + ' differ)' : 'yes';
}
console.log('Real Espruino 2v29 (' + BUILD + '), code in RAM, ' + ROWS + ' windows per model; µs of interpreter CPU time per inference over 4 slices of 0.3 s each,');
console.log('typed-array and generated code alternating in one interpreter. Variables: process.memory().usage delta of loading the model');
console.log('(file bytes in RAM / from Storage as the examples do / from Storage once its spec is dropped: the classifier alone) or of eval-ing the generated code,');
console.log('and E.getSizeOf of the model bytes / the generated functions.\n');
console.log('Bare walk: the same arrays walked and nothing else (no call, class sums or argmax), the floor of any typed-array walk here; its ratio is m2cgen minified over it.\n');
console.log('| model | trees / nodes / leaf rows | typed-array forest µs | bare walk µs (m2cgen ratio) | m2cgen minified µs (ratio) | m2cgen as written µs (ratio) | model B / generated min B / as written B | model vars RAM / Storage (getSizeOf of the bytes) / Storage without its spec | generated vars min (getSizeOf) / as written | labels as host: typed, min, written |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |');
rows.forEach(function (r) {
  var f = r.forest, a = r.min, w = r.raw;
  var typedUs = a.error ? 'fails: ' + a.error : f0(a.typedUs);
  var minUs = a.error || a.genUs === undefined ? '-' : f0(a.genUs) + ' (' + (a.genUs / a.typedUs).toFixed(1) + 'x' + (a.separate ? ', separate runs' : '') + ')';
  var rawUs = w.error ? w.error : f0(w.genUs) + (a.error ? '' : ' (' + (w.genUs / a.typedUs).toFixed(1) + 'x, separate run)');
  var walkUs = a.error || a.walkUs === undefined ? '-' : f0(a.walkUs) + (a.genUs === undefined || a.separate ? '' : ' (' + (a.genUs / a.walkUs).toFixed(1) + 'x)');
  console.log('| ' + r.m.name + ' | ' + f.roots.length + ' / ' + f.feature.length + ' / ' + f.leaves.length / f.nClasses + ' | ' + typedUs + ' | ' + walkUs + ' | ' + minUs + ' | ' + rawUs +
    ' | ' + f0(r.fileBytes) + ' / ' + f0(r.minBytes) + ' / ' + f0(r.rawBytes) + ' (' + (r.fileBytes / r.minBytes).toFixed(2) + ' of min) | ' +
    (a.error ? '-' : a.typedVars + ' / ' + a.storageVars + ' (' + a.typedSize + ') / ' + a.classifierVars) + ' | ' + (a.error ? '-' : a.genVars + ' (' + a.genSize + ')') + ' / ' + (w.error ? '-' : w.genVars) +
    ' | ' + [same(a.typedLabels, r.hostLabels), same(a.genLabels, r.hostLabels), same(w.genLabels, r.hostLabels)].join(', ') + ' |');
});
