// Typed-array forest vs m2cgen-style generated if/else JavaScript, for the SAME forests,
// trained by our trainer on the seed 20 Hz table. Needs `npm run build` (imports dist/node).
// Prints a markdown table. V8 is not Espruino: V8 timings (JIT and --jitless) are shown as
// measured, and next to them a deterministic Espruino cost model (source tokens lexed per
// inference), because Espruino interprets source text and lexes through untaken branches.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateM2cgen, completeForest as completeForestOf } from './m2cgen.mjs';

var here = path.dirname(fileURLToPath(import.meta.url));
var root = path.resolve(here, '..');
var runtime = await import(path.join(root, 'dist/node/index.js'));
var N_CLASSES = 4;

// ---- child mode: time both predictors under `node --jitless` --------------------------
if (process.argv[2] === '--child') {
  var job = JSON.parse(readFileSync(process.argv[3], 'utf8'));
  var X = new Float32Array(job.X), out = [];
  for (var m of job.models) {
    var forest = runtime.loadModel(Buffer.from(m.base64, 'base64')).classifier;
    var score = new Function(m.code + '\nreturn score;')();
    out.push({ typed: timePerInference(forestPredictor(forest), X, job.nFeatures, job.minMs), generated: timePerInference(generatedPredictor(score), X, job.nFeatures, job.minMs) });
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

var host = await import(path.join(root, 'dist/node/host.js'));
var acorn = await import('acorn');
var terser = await import('terser');

// ---- data ------------------------------------------------------------------------------
var csvPath = path.resolve(root, '../shared/data/seed/data/transformed/20210529_v2_data_all_20hz.csv');
var lines = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
var nFeatures = lines[0].split(',').length - 2;
var n = lines.length - 1;
var X = new Float32Array(n * nFeatures), y = new Int32Array(n);
for (var i = 0; i < n; i++) {
  var cells = lines[i + 1].split(',');
  for (var f = 0; f < nFeatures; f++) X[i * nFeatures + f] = Number(cells[f]);
  y[i] = Number(cells[nFeatures + 1]);
}
var spec = {
  channels: ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'], sourceRateHz: 100, rateHz: 20, windowMs: 1000,
  points: 21, hopMs: 100, downsample: 'pick', features: 'raw', labels: ['none', 'x', 'y', 'circle'], idleLabel: 0
};

// ---- timing (V8) ------------------------------------------------------------------------
function forestPredictor(forest) {
  var s = new Float32Array(N_CLASSES);
  return function (x) { return forest.predict(x, s); };
}
function generatedPredictor(score) {
  return function (x) {
    var p = score(x), best = 0;
    for (var c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
    return best;
  };
}
/** Median over rounds of (time for one pass over every window) / windows, in microseconds. */
function timePerInference(predict, X, nf, minMs) {
  var rows = X.length / nf, views = [], sink = 0, rounds = [];
  for (var i = 0; i < rows; i++) views.push(X.subarray(i * nf, (i + 1) * nf));
  for (i = 0; i < rows; i++) sink += predict(views[i]); // warm-up
  var start = performance.now();
  while (rounds.length < 5 || performance.now() - start < minMs) {
    var t0 = performance.now();
    for (i = 0; i < rows; i++) sink += predict(views[i]);
    rounds.push((performance.now() - t0) * 1000 / rows);
  }
  rounds.sort(function (a, b) { return a - b; });
  if (sink < 0) console.log(sink);
  return rounds[rounds.length >> 1];
}

// ---- Espruino cost model ----------------------------------------------------------------
function tokens(code) {
  var n = 0;
  for (var tok of acorn.tokenizer(code, { ecmaVersion: 5 })) n++;
  return n;
}
function tokensIn(code, node) { return tokens(code.slice(node.start, node.end)); }
/**
 * Per-iteration tokens (test + update + body) of every loop in `code`, in source order. The
 * typed-array cost below: the built bundle's predict lexed once, plus each loop's further
 * passes, with pass counts from the model (trees, nodes visited, classes).
 */
function loopsOf(code) {
  var ast = acorn.parse(code, { ecmaVersion: 5 }), loops = [];
  (function walk(node) {
    if (!node || typeof node.type !== 'string') return;
    if (/^(For|While)Statement$/.test(node.type)) loops.push(node);
    for (var k in node) {
      var v = node[k];
      if (Array.isArray(v)) v.forEach(walk); else if (v && typeof v.type === 'string') walk(v);
    }
  })(ast);
  return loops.map(function (loop) {
    return (loop.test ? tokensIn(code, loop.test) : 0) + (loop.update ? tokensIn(code, loop.update) : 0) + tokensIn(code, loop.body);
  });
}
function typedArrayTokens(predictSrc, nTrees, nodesVisited) {
  var code = '(' + predictSrc + ')', loops = loopsOf(code);
  if (loops.length !== 4) throw new Error('forest predict changed shape: expected 4 loops, found ' + loops.length);
  // Loops in source order: trees, the node walk, one native weighted sum per class (E.convolve
  // on Espruino), the inlined argmax. A loop's first pass is already in the function's own
  // tokens; each further pass lexes test + update + body again.
  return tokens(code) + (nTrees - 1) * loops[0] + nodesVisited * loops[1] + (N_CLASSES - 1) * loops[2] + (N_CLASSES - 2) * loops[3];
}
/** Generated code: Espruino lexes every token of score() (untaken branches too), plus the helpers' loops. */
function generatedTokens(code, nTrees) {
  var scoreSrc = code.slice(0, code.indexOf('function addVectors'));
  var add = 'function addVectors' + code.split('function addVectors')[1].split('function mulVectorNumber')[0];
  var mul = 'function mulVectorNumber' + code.split('function mulVectorNumber')[1];
  var loopBody = tokens('i < v1.length; i++) { result[i] = v1[i] + v2[i]; }');
  return tokens(scoreSrc) + (nTrees - 1) * (tokens(add) + (N_CLASSES - 1) * loopBody) + tokens(mul) + (N_CLASSES - 1) * loopBody;
}

/**
 * Tokens of the generated code that Espruino actually executes per inference (mean over rows):
 * the if-headers on each tree's path (plus "} else {" when it goes right), the leaf
 * assignment, "var varN;", the return line and the helpers. Everything else is skipped text.
 */
function generatedExecutedTokens(forest, code, X, nf) {
  function lit(v) { var s = String(v); return /[.e]/.test(s) ? s : s + '.0'; }
  var headers = new Float64Array(forest.feature.length);
  for (var k = 0; k < headers.length; k++) headers[k] = tokens('if ((input[' + forest.feature[k] + ']) <= (' + lit(forest.threshold[k]) + ')) {');
  var leafLine = tokens('var0 = [' + new Array(N_CLASSES).fill('0.5').join(', ') + '];');
  var tail = code.slice(code.indexOf('    return mulVectorNumber'));
  var fixed = tokens('function score(input) {') + forest.roots.length * 3 + tokens(tail.replace(/\}\s*$/, ''));
  var rows = X.length / nf, total = 0;
  for (var i = 0; i < rows; i++) {
    for (var t = 0; t < forest.roots.length; t++) {
      var node = forest.roots[t];
      while (node >= 0) {
        total += headers[node];
        var goLeft = X[i * nf + forest.feature[node]] <= forest.threshold[node];
        if (!goLeft) total += 3;
        node = goLeft ? forest.left[node] : forest.right[node];
      }
      total += leafLine;
    }
  }
  return total / rows + fixed;
}

function completeForest(nTrees, depth, nUsed, X, nf, seed) {
  return completeForestOf(runtime, host.createRng, spec.labels, nTrees, depth, nUsed, X, nf, seed);
}

/** Source of a top-level function in the plain bundle (names there are the TypeScript ones). */
function bundleFunction(bundle, startMarker) {
  var at = bundle.indexOf(startMarker);
  if (at < 0) throw new Error('not in the bundle: ' + startMarker);
  var open = bundle.indexOf('{', at), depth = 0;
  for (var k = open; k < bundle.length; k++) {
    if (bundle[k] === '{') depth++;
    else if (bundle[k] === '}' && --depth === 0) return bundle.slice(at, k + 1);
  }
  throw new Error('unbalanced: ' + startMarker);
}
async function minBytes(code) {
  var r = await terser.minify(code, { ecma: 5, compress: true, mangle: { toplevel: false } });
  return Buffer.byteLength(r.code);
}

/** Espruino variables for a string of this many bytes (12 characters per extension variable). */
function stringVars(bytes) { return 1 + Math.ceil(Math.max(0, bytes - 4) / 12); }
// Views over a Storage file cost about 17 variables whatever the model size (platform notes).
var STORAGE_VIEW_VARS = 17;

// ---- run --------------------------------------------------------------------------------
var bundle = readFileSync(path.join(root, 'dist/espruino/esp32/espruino-gestures.js'), 'utf8');
var predictSrc = bundleFunction(bundle, 'ForestImpl.prototype.predict = function').replace(/^ForestImpl\.prototype\.predict = /, '');
var weightedSumSrc = bundleFunction(bundle, 'function weightedSum(');
var ctorSrc = bundleFunction(bundle, 'function ForestImpl(');
var createSrc = bundleFunction(bundle, 'function createForest(');
// Forest runtime as it ships: constructor, predict, argmax, createForest, minified with terser.
var runtimeMin = await minBytes([ctorSrc, 'ForestImpl.prototype.predict = ' + predictSrc, weightedSumSrc, createSrc].join('\n'));
// The decoder the typed-array approach also needs (model-decode + forest kind checks), as in
// the forest-only Pixl.js bundle (the Puck.js one also reads naive Bayes now), measured the same way.
var decoderNames = ['function crc32(', 'function inconsistent(', 'function stringToBytes(', 'function toBytes(', 'function readSpec(',
  'function checkSpec(', 'function decodeModel(', 'function expectArrays(', 'function notFinite(', 'function checkForest(', 'function specFeatureCount(', 'function loadForestModel('];
var forestOnlyBundle = readFileSync(path.join(root, 'dist/espruino/pixljs/espruino-gestures.js'), 'utf8');
var decoderMin = await minBytes(decoderNames.map(function (m) { return bundleFunction(forestOnlyBundle, m); }).join('\n'));

var configs = [
  { name: 'RF 10 trees, depth 8', train: host.trainForest, opts: { nTrees: 10, maxDepth: 8, seed: 1 } },
  { name: 'RF 6 trees, depth 8 (original\'s 6)', train: host.trainForest, opts: { nTrees: 6, maxDepth: 8, seed: 1 } },
  { name: 'Extra trees 10, depth 8', train: host.trainExtraTrees, opts: { nTrees: 10, maxDepth: 8, seed: 1 } },
  { name: 'RF 10 trees, unlimited depth', train: host.trainForest, opts: { nTrees: 10, maxDepth: Infinity, seed: 1 } },
  { name: 'Synthetic: 10 complete depth-8 trees, 75 features (the platform notes\' measured case)', complete: true, opts: {} }
];
var tmp = mkdtempSync(path.join(os.tmpdir(), 'forest-bench-'));
var rows = [], job = { nFeatures: nFeatures, X: Array.from(X), minMs: 800, models: [] };
for (var cfg of configs) {
  cfg.opts.labels = spec.labels;
  var model = cfg.complete ? completeForest(10, 8, 75, X, nFeatures, 3) : cfg.train(X, y, nFeatures, N_CLASSES, cfg.opts);
  var file = host.encodeModel(spec, model);
  var forest = runtime.loadModel(file.bytes).classifier;
  var code = generateM2cgen(forest);
  var score = new Function(code + '\nreturn score;')();
  // Same forest, same answers: count disagreements (ties in the summed scores could differ).
  var disagree = 0;
  for (i = 0; i < n; i++) {
    var x = X.subarray(i * nFeatures, (i + 1) * nFeatures);
    if (forest.predict(x) !== generatedPredictor(score)(x)) disagree++;
  }
  var visited = host.meanNodesVisited(forest, X, nFeatures);
  var r = {
    name: cfg.name, nodes: forest.feature.length, leafRows: forest.leaves.length / N_CLASSES, visited: visited, disagree: disagree,
    fileBytes: file.byteLength, runtimeMin: runtimeMin, decoderMin: decoderMin,
    genBytes: Buffer.byteLength(code), genMin: await minBytes(code),
    jitTyped: timePerInference(forestPredictor(forest), X, nFeatures, 800),
    jitGen: timePerInference(generatedPredictor(score), X, nFeatures, 800),
    tokTyped: typedArrayTokens(predictSrc, forest.roots.length, visited),
    tokGen: generatedTokens(code, forest.roots.length),
    tokGenExecuted: generatedExecutedTokens(forest, code, X, nFeatures)
  };
  // RAM: code text lives in variables; the typed-array model stays in Storage (views only).
  r.varsTyped = stringVars(r.runtimeMin) + stringVars(r.decoderMin) + STORAGE_VIEW_VARS;
  r.varsGen = stringVars(r.genMin);
  rows.push(r);
  job.models.push({ base64: Buffer.from(file.bytes).toString('base64'), code: code });
}
var jobFile = path.join(tmp, 'job.json');
writeFileSync(jobFile, JSON.stringify(job));
var child = spawnSync(process.execPath, ['--jitless', fileURLToPath(import.meta.url), '--child', jobFile], { encoding: 'utf8', maxBuffer: 1 << 24 });
rmSync(tmp, { recursive: true, force: true });
var jitless = child.status === 0 ? JSON.parse(child.stdout) : null;
if (!jitless) console.log('(node --jitless child failed: ' + (child.stderr || '').split('\n')[0] + ')');

function f1(v) { return v.toFixed(1); }
function f2(v) { return v.toFixed(2); }
console.log('Forests trained by trainForest/trainExtraTrees on the seed 20 Hz table (' + n + ' windows x ' + nFeatures + ' features, 4 classes), all windows predicted.');
console.log('Typed arrays: model file + forest runtime (minified); m2cgen-style: generated code (as written / minified). Decoder code (typed-array path only): ' + decoderMin + ' B minified.\n');
console.log('| forest | split nodes | leaf rows | nodes visited / inference | typed: file B | typed: runtime B | typed: total B | m2cgen: code B | m2cgen: min B | V8 JIT us typed / m2cgen | V8 --jitless us typed / m2cgen | Espruino model: tokens lexed typed / m2cgen | RAM JsVars est. typed / m2cgen | label disagreements |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
rows.forEach(function (r, k) {
  var jl = jitless ? f2(jitless[k].typed) + ' / ' + f2(jitless[k].generated) : 'n/a';
  console.log('| ' + r.name + ' | ' + r.nodes + ' | ' + r.leafRows + ' | ' + f1(r.visited) + ' | ' + r.fileBytes + ' | ' + r.runtimeMin + ' | ' + (r.fileBytes + r.runtimeMin) +
    ' | ' + r.genBytes + ' | ' + r.genMin + ' | ' + f2(r.jitTyped) + ' / ' + f2(r.jitGen) + ' | ' + jl + ' | ' + Math.round(r.tokTyped) + ' / ' + r.tokGen + ' | ' + r.varsTyped + ' / ' + r.varsGen + ' | ' + r.disagree + ' |');
});
// Calibration: on the measured case, Espruino's m2cgen/typed time ratio was about 1375/292.5 = 4.7
// (midpoints of 1,250-1,500 and 270-315 us). Model: typed cost = its tokens (all executed);
// m2cgen cost = executed tokens + k x skipped tokens. Solve k there, apply it everywhere.
var MEASURED_RATIO = 1375 / 292.5;
var ref = rows[rows.length - 1];
var k = (MEASURED_RATIO * ref.tokTyped - ref.tokGenExecuted) / (ref.tokGen - ref.tokGenExecuted);
console.log('\nRatios (m2cgen / typed arrays; > 1 means typed arrays win):\n');
console.log('| forest | bytes (m2cgen min / typed file+runtime) | bytes incl. decoder | V8 JIT time | V8 --jitless time | Espruino tokens lexed | Espruino time, calibrated model |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
rows.forEach(function (r, j) {
  console.log('| ' + r.name + ' | ' + f2(r.genMin / (r.fileBytes + r.runtimeMin)) + ' | ' + f2(r.genMin / (r.fileBytes + r.runtimeMin + r.decoderMin)) + ' | ' + f2(r.jitGen / r.jitTyped) +
    ' | ' + (jitless ? f2(jitless[j].generated / jitless[j].typed) : 'n/a') + ' | ' + f2(r.tokGen / r.tokTyped) +
    ' | ' + f2((r.tokGenExecuted + k * (r.tokGen - r.tokGenExecuted)) / r.tokTyped) + ' |');
});
console.log('\nCalibrated model: a skipped (untaken-branch) token costs ' + f2(k) + ' of an executed one, solved so the synthetic row');
console.log('reproduces the measured ratio ' + f2(MEASURED_RATIO) + '; m2cgen executes ' + Math.round(rows[0].tokGenExecuted) + ' of ' + rows[0].tokGen + ' tokens per inference on the first forest.');
console.log('\nRAM JsVars: code text at ~12 bytes per variable (minified source), typed arrays: runtime + decoder code + ' + STORAGE_VIEW_VARS + ' for views over a Storage file; a Puck.js has 2,630.');
console.log('\nV8 is not Espruino: V8 compiles both to machine code (JIT) or bytecode (--jitless). Espruino interprets the source');
console.log('text and lexes untaken branches, so its cost grows with code size; skipping a token is cheaper than executing one, which');
console.log('the calibrated column models with one parameter fitted to one real measurement (platform notes: 10 complete depth-8 trees on');
console.log('75 features, typed arrays 270-315 us vs m2cgen 1,250-1,500 us per inference). It is an estimate, not a device measurement.');
