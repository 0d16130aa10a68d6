// emlearn cgestures (shipped, data/emlearn-har/cgestures), leave one recording out, over
// PRNG seeds: (1) window accuracy on the baseline's 146 windows (1 s every 500 ms; training
// windows every 100 ms) for a fixed list of configurations, and (2) the SDK's event grid:
// each held-out recording replayed through the device pipeline, events scored against its
// whole-recording label; (3) both with the motion gate (windows at rest idle). Prints the
// tables of docs/results.md. After `npm run build`:
// (4) the gate threshold chosen by the nested protocol (cgestures-nested-gate.mjs).
//   node bench/cgestures.bench.mjs [--seeds 1-20] [--nested-gate: only (4)]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadRecordingSet, prepareTraining, leaveOneGroupOut, recordingOfGroup, trainModel, encodeModel, modelCost,
  recordingFolds, eventGridSearch, expandPipelines, describeParams, describeDebouncerShort, rankCandidates,
} from '../dist/node/host.js';
import { seedsFromArgs } from './seeds-arg.mjs';
import { nestedGateStudy } from './cgestures-nested-gate.mjs';

var here = path.dirname(fileURLToPath(import.meta.url));
var { seeds: SEEDS, range: seedRange } = seedsFromArgs(process.argv);
var started = Date.now();
var mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
var range = (a, d) => Math.min(...a).toFixed(d) + '-' + Math.max(...a).toFixed(d);

var set = loadRecordingSet([path.resolve(here, '../data/emlearn-har/cgestures')], { rateHz: 100, countsPerG: 16384 });
var D5 = ['mean', 'std', 'min', 'max', 'mad'], ALL7 = ['mean', 'std', 'min', 'max', 'rms', 'mad', 'zc'];
var base = { channels: ['acc_x', 'acc_y', 'acc_z'], rateHz: 25, downsample: 'mean', windowMs: 1000, hopMs: 100, trainHopMs: 100, features: 'stats' };
var NESTED_GATE = {
  gates: [0, 0.2, 0.3, 0.5], stats: ALL7, hops: [250],
  models: [{ kind: 'rf', trees: 10, maxDepth: 6 }, { kind: 'rf', trees: 20, maxDepth: 6 }, { kind: 'nb' }],
  debouncers: [{ kind: 'original' }, { kind: 'majority', count: 5 }, { kind: 'majority', count: 9 }],
  log: process.argv.includes('--verbose') ? (line) => console.error(line) : null,
};
[2, 3, 4, 6].forEach((count) => [0.5, 0.6, 0.7].forEach((minScore) => NESTED_GATE.debouncers.push({ kind: 'consecutive', count, minScore, refractoryMs: 1000 })));
if (process.argv.includes('--nested-gate')) {
  nestedGateStudy(set, base, SEEDS, seedRange, NESTED_GATE);
  console.log('\n(cgestures bench, nested gate only: ' + ((Date.now() - started) / 1000).toFixed(0) + ' s)');
  process.exit(0);
}

console.log('### Window accuracy, leave one recording out (' + seedRange + ')\n');
console.log('24 recordings (23 with a window), 100 Hz -> 25 Hz by averaging, 1 s windows; scored on windows every 500 ms (146), trained on windows every 100 ms. ' +
  'Model bytes: the model trained on all recordings with seed 1. Naive Bayes has no randomness (one figure).\n');
console.log('| statistics | model | accuracy mean | min-max | sd | model bytes | nodes per inference |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
var windowModels = [
  { kind: 'rf', trees: 30, maxDepth: 8 }, { kind: 'rf', trees: 20, maxDepth: 6 }, { kind: 'rf', trees: 10, maxDepth: 6 },
  { kind: 'et', trees: 30, maxDepth: 8 }, { kind: 'dt', maxDepth: 8 }, { kind: 'nb' },
];
[D5, ALL7].forEach((stats) => {
  var choices = Object.assign({}, base, { stats });
  var train = prepareTraining(set, choices);
  var scored = prepareTraining(set, Object.assign({}, choices, { hopMs: 500, trainHopMs: 500 }));
  windowModels.forEach((m) => {
    var accs = (m.kind === 'nb' ? [1] : SEEDS).map((seed) => leaveOneGroupOut(train.data, Object.assign({}, m, { seed }), recordingOfGroup, scored.data).accuracy);
    var model = trainModel(train.data, Object.assign({}, m, { seed: 1 }));
    var cost = modelCost(train.spec, model, train.data.X);
    var sd = Math.sqrt(accs.reduce((a, x) => a + (x - mean(accs)) ** 2, 0) / Math.max(1, accs.length - 1));
    console.log('| ' + stats.join('+') + ' | ' + describeParams(m) + (m.kind === 'rf' && m.trees === 30 && stats === D5 ? ' (demo default)' : '') + ' | ' + mean(accs).toFixed(3) + ' | ' + range(accs, 3) + ' | ' +
      sd.toFixed(3) + ' | ' + encodeModel(train.spec, model).byteLength + ' | ' + cost.perInference.toFixed(1) + ' ' + cost.unit + ' |');
  });
});

console.log('\n### Window accuracy with the motion gate, leave one recording out (' + seedRange + ')\n');
console.log('With a motion gate the windows it stops are idle on the device, so they are scored idle; in the gesture recordings (labelled as a whole) ' +
  'they are the wearer not yet moving or already still, and training labels them idle too. "whole-recording truth": every window carries its recording\'s label ' +
  '(as the table above); "rest-is-idle truth": the windows the gate stops are idle. Same 146 windows, same predictions.\n');
console.log('| statistics | gate m/s2 | model | windows relabelled idle | accuracy, whole-recording truth | accuracy, rest-is-idle truth (min-max) | sd | model bytes |');
console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
var gateRows = [[ALL7, 0.2, [{ kind: 'rf', trees: 20, maxDepth: 6 }]], [ALL7, 0.3, windowModels.filter((m) => m.kind !== 'et').concat([{ kind: 'rf', trees: 30, maxDepth: 6 }])],
  [ALL7, 0.4, [{ kind: 'rf', trees: 20, maxDepth: 6 }]], [D5, 0.3, [{ kind: 'rf', trees: 20, maxDepth: 6 }, { kind: 'nb' }]]];
gateRows.forEach(([stats, gate, ms]) => {
  var choices = Object.assign({}, base, { stats, motionGate: gate });
  var train = prepareTraining(set, choices);
  var scored = prepareTraining(set, Object.assign({}, choices, { hopMs: 500, trainHopMs: 500 })).data;
  var wholeY = prepareTraining(set, Object.assign({}, choices, { hopMs: 500, trainHopMs: 500, motionGate: undefined })).data.y;
  var wholeTruth = Object.assign({}, scored, { y: wholeY });
  var relabelled = scored.y.filter((y, i) => y !== wholeY[i]).length;
  ms.forEach((m) => {
    var seeds = m.kind === 'nb' ? [1] : SEEDS;
    var whole = seeds.map((seed) => leaveOneGroupOut(train.data, Object.assign({}, m, { seed }), recordingOfGroup, wholeTruth).accuracy);
    var rest = seeds.map((seed) => leaveOneGroupOut(train.data, Object.assign({}, m, { seed }), recordingOfGroup, scored).accuracy);
    var sd = Math.sqrt(rest.reduce((a, x) => a + (x - mean(rest)) ** 2, 0) / Math.max(1, rest.length - 1));
    var model = trainModel(train.data, Object.assign({}, m, { seed: 1 }));
    console.log('| ' + stats.join('+') + ' | ' + gate + ' | ' + describeParams(m) + ' | ' + relabelled + ' of ' + scored.y.length + ' | ' + mean(whole).toFixed(3) + ' (' + range(whole, 3) + ') | ' +
      mean(rest).toFixed(3) + ' (' + range(rest, 3) + ') | ' + sd.toFixed(3) + ' | ' + encodeModel(train.spec, model).byteLength + ' |');
  });
});

console.log('\n### Event level, leave one recording out: the SDK\'s event grid (' + seedRange + ')\n');
var GATES = [0, 0.3];
var pipelines = expandPipelines({ features: ['stats'], stats: [D5, ALL7], windowMs: [1000], hopMs: [100, 250], variants: ['centered'], channels: [base.channels], rateHz: [25], motionGates: GATES });
var models = [{ kind: 'rf', trees: 10, maxDepth: 6 }, { kind: 'rf', trees: 20, maxDepth: 6 }, { kind: 'rf', trees: 30, maxDepth: 8 }, { kind: 'dt', maxDepth: 8 }, { kind: 'nb' }];
var debouncers = [{ kind: 'original' }, { kind: 'majority', count: 5 }, { kind: 'majority', count: 9 }];
[2, 3, 4, 6].forEach((count) => [0.5, 0.6, 0.7].forEach((minScore) => debouncers.push({ kind: 'consecutive', count, minScore, refractoryMs: 1000 })));
var t0 = Date.now();
var grid = eventGridSearch(pipelines, models, debouncers, (p) => {
  var prepared = prepareTraining(set, Object.assign({}, base, { hopMs: p.hopMs, stats: p.stats, motionGate: p.motionGate || undefined }));
  return { spec: prepared.spec, folds: recordingFolds(set, prepared.data), trainKey: p.stats.join('+') + '/gate ' + (p.motionGate || 0) };
}, { seeds: SEEDS, events: set.events, toleranceMs: 1000 });
var best = grid.best;
var minutes = best.perSeed[0].durationMs / 60000;
console.log(grid.candidates.length + ' candidates (2 statistics lists x motion gate ' + GATES.join('/') + ' m/s2 x hop 100/250 ms x 5 models x 15 debouncers), each trained with ' + seedRange + ' on 23 recordings and replayed over the held-out one, for each of the 24. ' +
  'Truths: the ' + best.perSeed[0].truths + ' gesture recordings with at least one window (' + (best.unscoredRecordings.length ? best.unscoredRecordings.map((f) => path.basename(f)).join(', ') + ' is shorter than one window; ' : '') +
  'idle recordings have no truth: any event there is false); ' + minutes.toFixed(2) + ' min of replayed data. Grid time ' + ((Date.now() - t0) / 1000).toFixed(0) + ' s.\n');
var short = (c) => c.spec.stats.length + ' stats, ' + (c.spec.motionGate ? 'gate ' + c.spec.motionGate + ', ' : '') + 'hop ' + c.spec.hopMs + ', ' + describeParams(c.params) + ', ' + describeDebouncerShort(c.debouncer);
function row(c, mark) {
  var rec = c.perSeed.map((o) => o.truePositives), prec = c.perSeed.map((o) => o.detections ? o.truePositives / o.detections : 0);
  var fpm = c.perSeed.map((o) => o.falseEvents / (o.durationMs / 60000));
  return '| ' + (mark ? '**' + short(c) + '** ' + mark : short(c)) + ' | ' + c.score.mean.toFixed(3) + ' (' + range(c.perSeed.map((o) => o.f1), 3) + ') | ' + mean(prec).toFixed(3) + ' (' + range(prec, 3) + ') | ' +
    range(rec, 0) + '/' + c.perSeed[0].truths + ' | ' + mean(fpm).toFixed(2) + ' (' + range(fpm, 2) + ') | ' + c.windowAccuracy.mean.toFixed(3) + ' | ' + Math.round(c.bytes) + ' |';
}
console.log('| candidate | event F1 mean (min-max) | precision mean (min-max) | recall (min-max) | false events / min mean (min-max) | window accuracy of the replays (mean) | model bytes (mean over folds and seeds) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
grid.ranked.slice(0, 10).forEach((c, i) => console.log(row(c, i === 0 ? '(chosen)' : '')));
var small = grid.ranked.find((c) => c.bytes <= 4096);
if (small && small !== best) console.log(row(small, '(best within 4 kB)'));
var gatedBest = grid.ranked.find((c) => c.spec.motionGate);
if (gatedBest && grid.ranked.indexOf(gatedBest) >= 10) console.log(row(gatedBest, '(best with the gate)'));
var demo = grid.candidates.find((c) => c.spec.stats.length === 5 && !c.spec.motionGate && c.spec.hopMs === 100 && c.params.kind === 'rf' && c.params.trees === 30 && c.debouncer.kind === 'original');
if (demo) console.log(row(demo, '(demo default, original debouncer)'));
var sumOf = (c, k) => c.perSeed.reduce((a, o) => a + o[k], 0);
console.log('\nOf the chosen candidate\'s false events over all seeds, ' + sumOf(best, 'wrongGestureEvents') + ' of ' + sumOf(best, 'falseEvents') + ' are a wrong gesture inside a gesture recording (the rest fire in idle recordings).');
// The default tie-break (held-out Brier score) against the plain size tie-break on the same grid.
var bySize = rankCandidates(grid.candidates.filter((c) => !c.rejected), 'size')[0];
console.log('\nTie-break: ' + grid.tieBreak + ' (default); with --grid-tie size the choice is ' + (bySize.key === best.key ? 'the same.' : 'different:\n\n' + row(bySize, '(size tie-break)')));
var zeroFalse = grid.candidates.filter((c) => c.perSeed.every((o) => o.falseEvents === 0));
console.log('\nCandidates with 0 false events on every seed: ' + zeroFalse.length + (zeroFalse.length ? ' (best recall ' + Math.max(...zeroFalse.map((c) => Math.min(...c.perSeed.map((o) => o.truePositives)))) + '/' + best.perSeed[0].truths + ' on its worst seed)' : '') + '.');
nestedGateStudy(set, base, SEEDS, seedRange, NESTED_GATE);
console.log('\n(cgestures bench: ' + ((Date.now() - started) / 1000).toFixed(0) + ' s)');
