// Training time and hold-out accuracy of the toolkit's models on the seed's 20 Hz window
// table (3,340 windows x 126 features, read from ../shared; never copied into the repo).
// Standalone: `node bench/train.bench.mjs` after `npm run build`. Prints a markdown table.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { readWindowTable, holdOutSplit, trainModel, predictRows, windowMetrics, modelCost, makeSpec } from '../dist/node/host.js';

var here = path.dirname(fileURLToPath(import.meta.url));
var file = path.resolve(here, '../../shared/data/seed/data/transformed/20210529_v2_data_all_20hz.csv');
if (!existsSync(file)) {
  console.log('seed table not found at ' + file + ' (needs ../shared/data/seed): skipped');
  process.exit(0);
}
var table = readWindowTable(file);
var split = holdOutSplit(table.labels, 0.25, 1);
var pick = (a, idx) => Array.from(idx, (i) => a[i]);
var train = { X: pick(table.rows, split.train), y: pick(table.labels, split.train), labels: table.labelNames };
var testX = pick(table.rows, split.test), testY = pick(table.labels, split.test);
var spec = makeSpec({ channels: table.channels, sourceRateHz: 100, rateHz: 20, windowMs: 1000, labels: table.labelNames });

var configs = [
  ['random forest, 10 trees, depth 8', { kind: 'rf', trees: 10, maxDepth: 8, seed: 1 }],
  ['random forest, 10 trees, unlimited depth', { kind: 'rf', trees: 10, maxDepth: 1000, seed: 1 }],
  ['extra trees, 10 trees, depth 8', { kind: 'et', trees: 10, maxDepth: 8, seed: 1 }],
  ['decision tree (CART)', { kind: 'dt', seed: 1 }],
];
console.log('Seed 20 Hz table: ' + train.X.length + ' training / ' + testX.length + ' hold-out windows (stratified, seed 1), ' + table.rows[0].length + ' features. Median of 3 runs.\n');
console.log('| model | train time (ms) | hold-out accuracy | macro F1 | model bytes | nodes per prediction |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (var [name, params] of configs) {
  var times = [], model;
  for (var r = 0; r < 3; r++) {
    var t0 = performance.now();
    model = trainModel(train, params);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  var m = windowMetrics(testY, predictRows(model, testX), table.labelNames);
  var cost = modelCost(spec, model, testX);
  console.log('| ' + name + ' | ' + times[1].toFixed(0) + ' | ' + m.accuracy.toFixed(3) + ' | ' + m.macroF1.toFixed(3) + ' | ' + cost.bytes + ' | ' + cost.perInference.toFixed(1) + ' |');
}
