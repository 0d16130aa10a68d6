// Reproduces the original study on its own data (../shared/data/seed) with the device's
// pipeline code, then selects a configuration by event F1 over PRNG seeds (the SDK's own
// grid search and tie-break rule) and checks it per seed and under the nested protocol.
// Prints the tables of docs/results.md. Standalone, after `npm run build`:
//   node bench/seed-study.bench.mjs [--seeds 1-20]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import {
  loadSeedData, seedHoldOut, seedStreamErrors, readLabelsCsv, eventGridSearch, seedEventGridData, seedPipelines, nestedSelection,
  scoreOnFolds, rankCandidates, describeParams, describeDebouncerShort,
} from '../dist/node/host.js';
import { seedsFromArgs } from './seeds-arg.mjs';

var here = path.dirname(fileURLToPath(import.meta.url));
var seedDir = path.resolve(here, '../../shared/data/seed/data');
if (!existsSync(seedDir)) {
  console.log('seed data not found at ' + seedDir + ': skipped');
  process.exit(0);
}
var { seeds: SEEDS, range: seedRange } = seedsFromArgs(process.argv);
var started = Date.now();

var data = loadSeedData(seedDir);
var labels = readLabelsCsv(path.resolve(here, '../test/fixtures/seed-validation-labels.csv'));
var variants = ['base', 'centered', 'centered+smote', 'centered-aug', 'end'];
var models = [{ kind: 'dt' }, { kind: 'rf', trees: 10, maxDepth: 8 }];
var name = { dt: 'DT', rf: 'RF (10 trees)' };
var pct = (x) => (x * 100).toFixed(1) + '%';
var mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
var range = (a, d) => Math.min(...a).toFixed(d) + '-' + Math.max(...a).toFixed(d);
var spreadText = (a, d) => mean(a).toFixed(d) + ' (' + range(a, d) + ')';

console.log('### Hold-out window accuracy (20 Hz table, stratified 25% hold-out, ' + seedRange + ': mean (min-max))\n');
console.log('| variant | windows | DT accuracy | DT macro F1 | RF accuracy | RF macro F1 |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
var perSeed = SEEDS.map((seed) => seedHoldOut(data, variants, models.map((m) => Object.assign({}, m, { seed })), 0.25, seed));
variants.forEach((v) => {
  var pickRows = (kind) => perSeed.map((rows) => rows.find((r) => r.variant === v && r.model === kind));
  var dt = pickRows('dt'), rf = pickRows('rf');
  console.log('| ' + v + ' | ' + dt[0].windows + ' | ' + spreadText(dt.map((r) => r.accuracy), 3) + ' | ' + spreadText(dt.map((r) => r.macroF1), 3) + ' | ' +
    spreadText(rf.map((r) => r.accuracy), 3) + ' | ' + spreadText(rf.map((r) => r.macroF1), 3) + ' |');
});

console.log('\n### Stream error ratio on the validation recordings (device pipeline, hop 50 ms, original debouncer, seed 1 only: an illustration)\n');
console.log('Before debouncing: predictions neither idle nor the recording\'s gesture / all predictions. After: wrong events / events (events in brackets).\n');
console.log('| variant | model | circle before | x before | y before | circle after | x after | y after |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
seedStreamErrors(data, variants, models.map((m) => Object.assign({}, m, { seed: 1 })), 50, { kind: 'original' }).forEach((r) => {
  var before = r.perGesture.map((g) => pct(g.errorRatio));
  var after = r.perGesture.map((g) => (g.events ? pct(g.eventErrorRatio) : '-') + ' (' + g.wrongEvents + '/' + g.events + ')');
  console.log('| ' + r.variant + ' | ' + name[r.model] + ' | ' + before.join(' | ') + ' | ' + after.join(' | ') + ' |');
});

// The selection grid, fixed before looking at its results: 4 row variants x 2 hops x 6 models x 15 debouncers.
var gridModels = [
  { kind: 'dt' }, { kind: 'dt', maxDepth: 6 }, { kind: 'dt', minSamplesLeaf: 3 },
  { kind: 'rf', trees: 10, maxDepth: 8 }, { kind: 'rf', trees: 30, maxDepth: 8 }, { kind: 'et', trees: 30, maxDepth: 8 },
];
var gridDebouncers = [{ kind: 'original' }, { kind: 'majority', count: 5 }, { kind: 'majority', count: 9 }];
[2, 3, 4, 5].forEach((count) => [0.5, 0.6, 0.7].forEach((minScore) => gridDebouncers.push({ kind: 'consecutive', count, minScore, refractoryMs: 1000 })));
var pipelines = seedPipelines(data, ['base', 'centered', 'centered-aug', 'end'], [20, 50]);
var t0 = Date.now();
var grid = eventGridSearch(pipelines, gridModels, gridDebouncers, seedEventGridData(data), { seeds: SEEDS, events: labels, toleranceMs: 1000 });
var gridSeconds = (Date.now() - t0) / 1000;

var short = (c) => c.pipeline.variant + ', ' + describeParams(c.params) + ', hop ' + c.spec.hopMs + ', ' + describeDebouncerShort(c.debouncer);
var detected = (c) => c.perSeed.map((o) => o.truePositives);
var falseEv = (c) => c.perSeed.map((o) => o.falseEvents);
var wrongEv = (c) => c.perSeed.map((o) => o.wrongGestureEvents);
function row(c) {
  return '| ' + short(c) + ' | ' + c.score.mean.toFixed(3) + ' (' + c.score.min.toFixed(3) + '-' + c.score.max.toFixed(3) + ', sd ' + c.score.sd.toFixed(3) + ') | ' +
    c.perfectSeeds + '/' + c.perSeed.length + ' | ' + range(detected(c), 0) + ' | ' + range(wrongEv(c), 0) + ' | ' + range(falseEv(c), 0) + ' | ' +
    Math.round(c.bytes) + ' | ' + c.costPerSecond.toFixed(0) + ' |';
}
var HEAD = '| candidate | event F1 mean (min-max, sd) | seeds 16/16, 0 false | detected of 16 (min-max) | wrong-gesture (min-max) | false events (min-max) | model bytes | nodes per second |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';

console.log('\n### Selection by event F1 over ' + seedRange + ' (the SDK\'s grid search)\n');
console.log(grid.candidates.length + ' candidates (4 row variants x hop 20/50 x 6 models x 15 debouncers), each trained with ' + seedRange +
  ' on the table and replayed over the three validation recordings (16 labelled gestures; tolerance 1000 ms). Score = event F1 pooled over the three recordings, mean over seeds. ' +
  'Ties broken by the rule of docs/toolkit.md (smaller file, then fewer nodes per second, then the better worst seed, then a fixed order): never list order. Grid time ' + gridSeconds.toFixed(0) + ' s.\n');
var best = grid.best;
var tied = grid.ranked.filter((c) => Math.abs(c.score.mean - best.score.mean) < 1e-9);
console.log(HEAD);
grid.ranked.slice(0, 12).forEach((c, i) => console.log(row(c).replace('| ' + short(c), '| ' + (i === 0 ? '**' + short(c) + '** (chosen)' : short(c)))));
console.log('\n' + tied.length + ' candidates share the top mean (' + best.score.mean.toFixed(3) + '); the rule picks ' + short(best) + ' (' + Math.round(best.bytes) + ' bytes).');
var maxPerfect = Math.max(...grid.candidates.map((c) => c.perfectSeeds));
console.log('Most seeds with 16/16 and 0 false events of any candidate: ' + maxPerfect + '/' + SEEDS.length + ' (' + grid.candidates.filter((c) => c.perfectSeeds === maxPerfect).length + ' candidates).');

console.log('\nThe chosen configuration per seed (detected of 16 / wrong-gesture / false events):\n');
console.log('| seed | ' + SEEDS.join(' | ') + ' |');
console.log('| --- |' + SEEDS.map(() => ' ---: |').join(''));
console.log('| ' + short(best) + ' | ' + best.perSeed.map((o) => o.truePositives + ' / ' + o.wrongGestureEvents + ' / ' + o.falseEvents).join(' | ') + ' |');

console.log('\nFixed configurations of earlier studies, in the same run:\n');
console.log(HEAD);
var fixed = [
  (c) => c.pipeline.variant === 'centered-aug' && c.params.kind === 'rf' && c.params.trees === 10 && c.spec.hopMs === 20 && c.debouncer.kind === 'consecutive' && c.debouncer.count === 4 && c.debouncer.minScore === 0.5,
  (c) => c.pipeline.variant === 'base' && c.params.kind === 'dt' && !c.params.maxDepth && !c.params.minSamplesLeaf && c.spec.hopMs === 20 && c.debouncer.kind === 'consecutive' && c.debouncer.count === 3 && c.debouncer.minScore === 0.5,
  (c) => c.pipeline.variant === 'centered-aug' && c.params.kind === 'rf' && c.params.trees === 10 && c.spec.hopMs === 50 && c.debouncer.kind === 'original',
];
fixed.forEach((f) => { var c = grid.candidates.find(f); if (c) console.log(row(c)); });

console.log('\n### Nested protocol: chosen without the scored recording (' + seedRange + ')\n');
console.log('For each validation recording, the same grid and rule choose a configuration on the OTHER two recordings only (mean F1 over seeds there); that configuration is then scored on the held-out recording, per seed.\n');
console.log('| held-out recording | chosen on the other two | candidates tied there | F1 there (mean) | held-out: detected per seed (min-max) | false events per seed (min-max) | seeds perfect on it |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
var nested = nestedSelection(grid);
nested.forEach((n, held) => {
  var others = grid.folds.map((_, i) => i).filter((i) => i !== held);
  var nTied = grid.ranked.filter((c) => Math.abs(scoreOnFolds(c, others).mean - n.selectionScore.mean) < 1e-9).length;
  var det = n.perSeed.map((p) => p.truePositives), fe = n.perSeed.map((p) => p.detections - p.truePositives);
  var perfect = n.perSeed.filter((p) => p.truePositives === p.truths && p.detections === p.truePositives).length;
  console.log('| ' + n.heldOut + ' | ' + short(n.chosen) + ' | ' + nTied + ' | ' + n.selectionScore.mean.toFixed(3) + ' | ' + range(det, 0) + '/' + n.perSeed[0].truths + ' | ' + range(fe, 0) + ' | ' + perfect + '/' + SEEDS.length + ' |');
});
var nestedPerfect = SEEDS.filter((_, si) => nested.every((n) => { var p = n.perSeed[si]; return p.truePositives === p.truths && p.detections === p.truePositives; })).length;
var nestedDetected = SEEDS.map((_, si) => nested.reduce((a, n) => a + n.perSeed[si].truePositives, 0));
var nestedFalse = SEEDS.map((_, si) => nested.reduce((a, n) => a + n.perSeed[si].detections - n.perSeed[si].truePositives, 0));
console.log('\nNested over all three recordings: 16/16 with 0 false events on ' + nestedPerfect + '/' + SEEDS.length + ' seeds; detected ' + range(nestedDetected, 0) + ' of 16, false events ' + range(nestedFalse, 0) +
  ' per seed. Best fixed configuration (chosen on all three): ' + best.perfectSeeds + '/' + SEEDS.length + ' seeds.');
// The same grid under the 'accuracy' tie-break (--grid-tie accuracy): equal mean event F1 goes
// to the higher window accuracy of the same replays before the smaller model.
var acc = Object.assign({}, grid, { tieBreak: 'accuracy', ranked: rankCandidates(grid.candidates.filter((c) => !c.rejected), 'accuracy') });
var accBest = acc.ranked[0];
var accNested = nestedSelection(acc);
var perfectOf = (ns) => SEEDS.filter((_, si) => ns.every((n) => { var p = n.perSeed[si]; return p.truePositives === p.truths && p.detections === p.truePositives; })).length;
console.log('\n### The same grid with the accuracy tie-break (`--grid-tie accuracy`)\n');
console.log('Equal mean event F1 goes to the higher mean window accuracy of the same held-out replays, then to the smaller model.\n');
console.log(HEAD);
console.log(row(accBest).replace('| ' + short(accBest), '| **' + short(accBest) + '** (chosen)'));
console.log('\n| held-out recording | chosen on the other two | held-out: detected per seed (min-max) | false events per seed (min-max) | seeds perfect on it |');
console.log('| --- | --- | ---: | ---: | ---: |');
accNested.forEach((n) => {
  var det = n.perSeed.map((p) => p.truePositives), fe = n.perSeed.map((p) => p.detections - p.truePositives);
  console.log('| ' + n.heldOut + ' | ' + short(n.chosen) + ' | ' + range(det, 0) + '/' + n.perSeed[0].truths + ' | ' + range(fe, 0) + ' | ' + n.perSeed.filter((p) => p.truePositives === p.truths && p.detections === p.truePositives).length + '/' + SEEDS.length + ' |');
});
console.log('\nNested with the accuracy tie-break: 16/16 with 0 false events on ' + perfectOf(accNested) + '/' + SEEDS.length + ' seeds (size tie-break: ' + nestedPerfect + '/' + SEEDS.length + '); its all-folds choice: ' + accBest.perfectSeeds + '/' + SEEDS.length + ' seeds.');
console.log('\n(seed-study bench: ' + ((Date.now() - started) / 1000).toFixed(0) + ' s)');
