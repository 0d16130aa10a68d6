// Reproduces the original study on its own data (../shared/data/seed) with the device's
// pipeline code, and prints the tables of docs/results.md. Standalone, after `npm run build`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { loadSeedData, seedHoldOut, seedStreamErrors, seedEventStudy, seedNestedEventStudy, readLabelsCsv } from '../dist/node/host.js';

var here = path.dirname(fileURLToPath(import.meta.url));
var seedDir = path.resolve(here, '../../shared/data/seed/data');
if (!existsSync(seedDir)) {
  console.log('seed data not found at ' + seedDir + ': skipped');
  process.exit(0);
}
var data = loadSeedData(seedDir);
var labels = readLabelsCsv(path.resolve(here, '../test/fixtures/seed-validation-labels.csv'));
var variants = ['base', 'centered', 'centered+smote', 'centered-aug', 'end'];
var models = [{ kind: 'dt', seed: 1 }, { kind: 'rf', trees: 10, maxDepth: 8, seed: 1 }];
var name = { dt: 'DT', rf: 'RF (10 trees)' };
var pct = (x) => (x * 100).toFixed(1) + '%';

console.log('### Hold-out window accuracy (20 Hz table, stratified 25% hold-out, seed 1)\n');
console.log('| variant | windows | DT accuracy | DT macro F1 | RF accuracy | RF macro F1 |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
var ho = seedHoldOut(data, variants, models, 0.25, 1);
variants.forEach((v) => {
  var dt = ho.find((r) => r.variant === v && r.model === 'dt'), rf = ho.find((r) => r.variant === v && r.model === 'rf');
  console.log('| ' + v + ' | ' + dt.windows + ' | ' + dt.accuracy.toFixed(3) + ' | ' + dt.macroF1.toFixed(3) + ' | ' + rf.accuracy.toFixed(3) + ' | ' + rf.macroF1.toFixed(3) + ' |');
});

console.log('\n### Stream error ratio on the validation recordings (device pipeline, hop 50 ms, original debouncer)\n');
console.log('Before debouncing: predictions neither idle nor the recording\'s gesture / all predictions. After: wrong events / events (events in brackets).\n');
console.log('| variant | model | circle before | x before | y before | circle after | x after | y after |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
seedStreamErrors(data, variants, models, 50, { kind: 'original' }).forEach((r) => {
  var before = r.perGesture.map((g) => pct(g.errorRatio));
  var after = r.perGesture.map((g) => (g.events ? pct(g.eventErrorRatio) : '-') + ' (' + g.wrongEvents + '/' + g.events + ')');
  console.log('| ' + r.variant + ' | ' + name[r.model] + ' | ' + before.join(' | ') + ' | ' + after.join(' | ') + ' |');
});

console.log('\n### Event level against the hand labels (16 gestures; tolerance 1000 ms)\n');
console.log('| variant | model | hop | debouncer | precision | recall | wrong-gesture events | false events / min | mean latency (ms) |');
console.log('| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
var configs = [
  ['base', models[1], 50, { kind: 'original' }, 'original'],
  ['centered-aug', models[1], 50, { kind: 'original' }, 'original'],
  ['centered-aug', models[1], 20, { kind: 'original' }, 'original'],
  ['centered-aug', models[1], 50, { kind: 'consecutive', count: 3, minScore: 0.5, refractoryMs: 1000 }, 'consecutive 3, p > 0.5'],
  ['centered-aug', models[1], 20, { kind: 'consecutive', count: 4, minScore: 0.5, refractoryMs: 1000 }, 'consecutive 4, p > 0.5'],
  ['centered-aug', models[0], 20, { kind: 'consecutive', count: 4, minScore: 0.5, refractoryMs: 1000 }, 'consecutive 4, p > 0.5'],
];
configs.forEach(([v, m, hop, deb, debName]) => {
  var s = seedEventStudy(data, labels, v, m, hop, deb, 1000).metrics;
  console.log('| ' + v + ' | ' + name[m.kind] + ' | ' + hop + ' | ' + debName + ' | ' + s.precision.toFixed(2) + ' | ' + s.recall.toFixed(2) + ' (' + s.truePositives + '/' + s.truths + ') | ' +
    s.wrongGestureEvents + ' | ' + s.falseEventsPerMinute.toFixed(2) + ' | ' + (isFinite(s.meanLatencyMs) ? s.meanLatencyMs.toFixed(0) : '-') + ' |');
});

console.log('\n### Event level, configuration chosen without the scored recording\n');
console.log('For each validation recording, the configuration (variant x model x hop x debouncer, 64 candidates) with the best event F1 on the OTHER two recordings, scored on it.\n');
var candidates = [];
['base', 'centered', 'centered-aug', 'end'].forEach((variant) => models.forEach((model) => [20, 50].forEach((hopMs) => [
  { kind: 'original' },
  { kind: 'consecutive', count: 3, minScore: 0.5, refractoryMs: 1000 },
  { kind: 'consecutive', count: 4, minScore: 0.5, refractoryMs: 1000 },
  { kind: 'consecutive', count: 5, minScore: 0.5, refractoryMs: 1000 },
].forEach((debouncer) => candidates.push({ variant, model, hopMs, debouncer })))));
var describe = (c) => c.variant + ', ' + name[c.model.kind] + ', hop ' + c.hopMs + ', ' + (c.debouncer.kind === 'original' ? 'original' : 'consecutive ' + c.debouncer.count);
var nested = seedNestedEventStudy(data, labels, candidates, 1000);
console.log('| held-out recording | chosen on the other two | F1 there | precision | recall | wrong-gesture events |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
nested.folds.forEach((f) => console.log('| ' + f.heldOut + ' | ' + describe(f.chosen) + ' | ' + f.selectionF1.toFixed(2) + ' | ' + f.metrics.precision.toFixed(2) + ' | ' +
  f.metrics.recall.toFixed(2) + ' (' + f.metrics.truePositives + '/' + f.metrics.truths + ') | ' + f.metrics.wrongGestureEvents + ' |'));
var t = nested.metrics;
console.log('| **all** | | | ' + t.precision.toFixed(2) + ' | ' + t.recall.toFixed(2) + ' (' + t.truePositives + '/' + t.truths + ') | ' + t.wrongGestureEvents + ' |');
