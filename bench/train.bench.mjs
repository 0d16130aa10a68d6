// Training time of the toolkit's trees against scikit-learn on the same rows, in one run:
// the seed's 20 Hz window table (read from ../shared, never copied), a stratified 75/25
// split, and the same rows repeated 10x with a little jitter to show how cost grows.
// scikit-learn is Debian's python3-sklearn (n_jobs=1); without it the bench says so and
// reports the SDK alone. Each config is fitted with seeds s..s+4 by both, alternating SDK
// and scikit-learn runs so machine load hits both alike. Ratio = SDK median / sklearn median
// (< 1: the SDK is faster). Accuracy: mean and range over the five seeds.
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { readWindowTable, SEED_LABELS, holdOutSplit, trainModel, predictRows, windowMetrics, modelCost, makeSpec, createRng } from '../dist/node/host.js';

var here = path.dirname(fileURLToPath(import.meta.url));
var file = path.resolve(here, '../../shared/data/seed/data/transformed/20210529_v2_data_all_20hz.csv');
if (!existsSync(file)) {
  console.log('seed table not found at ' + file + ' (needs ../shared/data/seed): skipped');
  process.exit(0);
}
var PY = process.env.SKLEARN_PYTHON || '/usr/bin/python3';
var probe = spawnSync(PY, ['-c', 'import sklearn; print(sklearn.__version__)'], { encoding: 'utf8' });
var sklearnVersion = probe.status === 0 ? probe.stdout.trim() : null;

var table = readWindowTable(file, SEED_LABELS);
var split = holdOutSplit(table.labels, 0.25, 1);
var pick = (a, idx) => Array.from(idx, (i) => a[i]);
var base = { X: pick(table.rows, split.train), y: pick(table.labels, split.train), labels: table.labelNames };
var testX = pick(table.rows, split.test), testY = pick(table.labels, split.test);
var spec = makeSpec({ channels: table.channels, sourceRateHz: 100, rateHz: 20, windowMs: 1000, labels: table.labelNames });
// `--repeats N`: fits per config and side (default 5).
var REPEATS = process.argv.indexOf('--repeats') >= 0 ? Number(process.argv[process.argv.indexOf('--repeats') + 1]) : 5;

/** The training rows 10 times, each copy but the first jittered by up to 0.5% of the feature's spread. */
function tenfold(data) {
  var rng = createRng(7), nf = data.X[0].length, spread = new Float64Array(nf);
  for (var f = 0; f < nf; f++) {
    var lo = Infinity, hi = -Infinity;
    for (var row of data.X) { lo = Math.min(lo, row[f]); hi = Math.max(hi, row[f]); }
    spread[f] = hi - lo;
  }
  var X = [], y = [];
  for (var c = 0; c < 10; c++) data.X.forEach(function (row, i) {
    var copy = new Float32Array(row);
    if (c > 0) for (var f = 0; f < nf; f++) copy[f] += (rng.next() - 0.5) * 0.01 * spread[f];
    X.push(copy);
    y.push(data.y[i]);
  });
  return { X, y, labels: data.labels };
}

var configs = [
  ['random forest, 10 trees, depth 8', { kind: 'rf', trees: 10, maxDepth: 8, seed: 1 }, base],
  ['random forest, 10 trees, unlimited depth', { kind: 'rf', trees: 10, maxDepth: null, seed: 1 }, base],
  ['extra trees, 10 trees, depth 8', { kind: 'et', trees: 10, maxDepth: 8, seed: 1 }, base],
  ['decision tree (CART)', { kind: 'dt', maxDepth: null, seed: 1 }, base],
];
var big = tenfold(base);
configs.push(['random forest, 10 trees, depth 8, 10x rows', { kind: 'rf', trees: 10, maxDepth: 8, seed: 1 }, big]);
// `--only TEXT`: just the configs whose name contains TEXT (e.g. --only extra).
var onlyAt = process.argv.indexOf('--only');
if (onlyAt >= 0) configs = configs.filter((c) => c[0].indexOf(process.argv[onlyAt + 1]) >= 0);

function sdkParams(c, seed) {
  return { kind: c.kind, trees: c.trees, maxDepth: c.maxDepth === null ? (c.kind === 'dt' ? undefined : 1e9) : c.maxDepth, seed };
}

function writeInputs(dir, data, config) {
  var nf = data.X[0].length, X = new Float32Array(data.X.length * nf), Xt = new Float32Array(testX.length * nf);
  data.X.forEach((r, i) => X.set(r, i * nf));
  testX.forEach((r, i) => Xt.set(r, i * nf));
  writeFileSync(dir + '/X.f32', Buffer.from(X.buffer));
  writeFileSync(dir + '/y.i32', Buffer.from(new Int32Array(data.y).buffer));
  writeFileSync(dir + '/Xt.f32', Buffer.from(Xt.buffer));
  writeFileSync(dir + '/yt.i32', Buffer.from(new Int32Array(testY).buffer));
  writeFileSync(dir + '/meta.json', JSON.stringify({ n: data.X.length, nFeatures: nf, nTest: testX.length, repeats: 1, configs: [config] }));
}

var median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
var range = (a) => Math.min(...a).toFixed(3) + '-' + Math.max(...a).toFixed(3);
var mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
var tmp = mkdtempSync(path.join(os.tmpdir(), 'train-bench-'));

console.log('Seed 20 Hz table: ' + base.X.length + ' training / ' + testX.length + ' hold-out windows (stratified, seed 1), ' + table.rows[0].length +
  ' features; 10x rows: ' + big.X.length + '. Seeds 1-' + REPEATS + ' per config, SDK and scikit-learn runs alternating. ' +
  (sklearnVersion ? 'scikit-learn ' + sklearnVersion + ' (' + PY + ', n_jobs=1).' : 'scikit-learn not installed (' + PY + ' cannot import sklearn; apt-get install python3-sklearn): SDK figures only.') + '\n');
console.log('| model | SDK ms (median) | scikit-learn ms (median) | SDK / sklearn | SDK first fit in the process ms | SDK hold-out accuracy (mean, range) | sklearn accuracy (mean, range) | SDK model bytes |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
try {
  for (var [name, c, data] of configs) {
    var sdkTimes = [], sdkAcc = [], skTimes = [], skAcc = [], model;
    // The first fit in a process is also V8 compiling the trainer (scikit-learn's is compiled
    // C): reported apart as "cold", then five warm fits are timed.
    var tc = performance.now();
    trainModel(data, sdkParams(c, c.seed));
    var coldMs = performance.now() - tc;
    for (var r = 0; r < REPEATS; r++) {
      var t0 = performance.now();
      model = trainModel(data, sdkParams(c, c.seed + r));
      sdkTimes.push(performance.now() - t0);
      sdkAcc.push(windowMetrics(testY, predictRows(model, testX), table.labelNames).accuracy);
      if (sklearnVersion) {
        writeInputs(tmp, data, Object.assign({}, c, { seed: c.seed + r }));
        var py = spawnSync(PY, [path.join(here, 'python/sklearn_fit.py'), tmp], { encoding: 'utf8' });
        if (py.status !== 0) throw new Error('scikit-learn run failed: ' + py.stderr);
        var res = JSON.parse(py.stdout).results[0];
        skTimes.push(res.times[0]);
        skAcc.push(res.accs[0]);
      }
    }
    var cost = modelCost(spec, model, testX);
    var sdkMs = median(sdkTimes), skMs = skTimes.length ? median(skTimes) : NaN;
    console.log('| ' + name + ' | ' + sdkMs.toFixed(0) + ' | ' + (skTimes.length ? skMs.toFixed(0) : 'n/a') + ' | ' +
      (skTimes.length ? (sdkMs / skMs).toFixed(2) + 'x' : 'n/a') + ' | ' + coldMs.toFixed(0) + ' | ' + mean(sdkAcc).toFixed(3) + ' (' + range(sdkAcc) + ') | ' +
      (skAcc.length ? mean(skAcc).toFixed(3) + ' (' + range(skAcc) + ')' : 'n/a') + ' | ' + cost.bytes + ' |');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
