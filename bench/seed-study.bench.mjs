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
  scoreOnFolds, windowAccuracyOnFolds, brierOnFolds, rankCandidates, describeParams, describeDebouncerShort,
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
    c.perfectSeeds + '/' + c.perSeed.length + ' | ' + range(detected(c), 0) + ' | ' + range(wrongEv(c), 0) + ' | ' + range(falseEv(c), 0) + ' | ' + c.brier.mean.toFixed(3) + ' | ' +
    Math.round(c.bytes) + ' | ' + c.costPerSecond.toFixed(0) + ' |';
}
var HEAD = '| candidate | event F1 mean (min-max, sd) | seeds 16/16, 0 false | detected of 16 (min-max) | wrong-gesture (min-max) | false events (min-max) | Brier per window (mean) | model bytes | nodes per second |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';

console.log('\n### Selection by event F1 over ' + seedRange + ' (the SDK\'s grid search)\n');
console.log(grid.candidates.length + ' candidates (4 row variants x hop 20/50 x 6 models x 15 debouncers), each trained with ' + seedRange +
  ' on the table and replayed over the three validation recordings (16 labelled gestures; tolerance 1000 ms). Score = event F1 pooled over the three recordings, mean over seeds. ' +
  'Ties broken by the rule of docs/toolkit.md (the lower mean Brier score of the same held-out windows, then the smaller file, then fewer nodes per second, then the better worst seed, then a fixed order): never list order. Grid time ' + gridSeconds.toFixed(0) + ' s.\n');
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
// The same grid under each tie-break (--grid-tie): the default, and the two it replaces or offers.
var isPerfect = (p) => p.truePositives === p.truths && p.detections === p.truePositives;
var perfectOf = (ns) => SEEDS.filter((_, si) => ns.every((n) => isPerfect(n.perSeed[si]))).length;
var allFolds = grid.folds.map((_, i) => i);
// Candidates as if the grid had been run with some seeds only (no retraining: the per-seed counts are kept).
function withSeeds(candidates, keep) {
  return candidates.map((c) => {
    var sub = Object.assign({}, c, { perSeed: c.perSeed.filter((o) => keep.indexOf(o.seed) >= 0) });
    return Object.assign(sub, { score: scoreOnFolds(sub, allFolds), windowAccuracy: windowAccuracyOnFolds(sub, allFolds), brier: brierOnFolds(sub, allFolds) });
  });
}
var blocks = [];
for (var b = 0; b + 5 <= SEEDS.length; b += 5) blocks.push(SEEDS.slice(b, b + 5));
console.log('\n### The same grid under each tie-break (`--grid-tie`), ' + seedRange + '\n');
console.log('All folds: the configuration chosen on all three recordings. Nested: chosen without the scored recording, as above. ' +
  (blocks.length > 1 ? 'Per block of 5 seeds: the whole selection redone with those 5 seeds only (the same trained models), nested seeds perfect of 5.' : '') + '\n');
console.log('| tie-break | model bytes allowed | all folds: chosen | its seeds perfect | bytes | nested: chosen per held-out recording (circle; x; y) | nested seeds perfect |' + (blocks.length > 1 ? ' nested, per block of 5 seeds |' : ''));
console.log('| --- | --- | --- | ---: | ---: | --- | ---: |' + (blocks.length > 1 ? ' ---: |' : ''));
// The same rules under a 4 kB model budget (as --max-bytes 4096): the forests that win the default grid are out.
[Infinity, 4096].forEach((cap) => ['brier', 'size', 'accuracy'].forEach((tb) => {
  var pool = grid.candidates.filter((c) => !c.rejected && c.bytes <= cap);
  var r = Object.assign({}, grid, { candidates: pool, tieBreak: tb, ranked: rankCandidates(pool, tb) });
  var ns = nestedSelection(r);
  var perBlock = blocks.map((keep) => {
    var sub = withSeeds(pool, keep);
    var sr = Object.assign({}, grid, { candidates: sub, tieBreak: tb, ranked: rankCandidates(sub, tb) });
    var sns = nestedSelection(sr);
    return keep.filter((_, si) => sns.every((n) => isPerfect(n.perSeed[si]))).length;
  });
  console.log('| ' + tb + (tb === 'brier' ? ' (default)' : '') + ' | ' + (cap === Infinity ? 'any' : '<= ' + cap) + ' | ' + short(r.ranked[0]) + ' | ' + r.ranked[0].perfectSeeds + '/' + SEEDS.length + ' | ' + Math.round(r.ranked[0].bytes) + ' | ' +
    ns.map((n) => short(n.chosen) + ' (' + n.perSeed.filter(isPerfect).length + ')').join('; ') + ' | ' + perfectOf(ns) + '/' + SEEDS.length + ' |' + (blocks.length > 1 ? ' ' + perBlock.join(', ') + ' |' : ''));
}));
console.log('\n(seed-study bench: ' + ((Date.now() - started) / 1000).toFixed(0) + ' s)');
