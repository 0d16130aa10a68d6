#!/usr/bin/env node
// The evidence for the shipped default models' configuration (data/models/README.md): on each
// board's own resampled recordings (train-default-models.mjs: 52 Hz Puck.js, 50 Hz Bangle.js 2),
// leave one recording out over PRNG seeds, (1) the SDK's event grid (every held-out recording
// replayed through the device pipeline, events against its whole-recording label) over the
// statistics, hop, model and debouncer, with the motion gate; (2) window accuracy of the
// candidates kept, on windows every 500 ms, under both truths (whole-recording labels, and
// the windows the gate stops idle). Puck.js: forests, and naive Bayes and nearest centroid
// (deterministic: their spread over seeds is zero), at hops of 12, 13 and 16 samples.
// Usage (after `npm run build`): nice node data/models/choose-default-models.mjs [--seeds 1-20] [--board puckjs|banglejs2]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadRecordingSet, prepareTraining, leaveOneGroupOut, recordingOfGroup, recordingFolds, eventGridSearch, expandPipelines,
  describeParams, describeDebouncerShort,
} from '../../dist/node/host.js';
import { resample } from './train-default-models.mjs';

var ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// --seeds LO-HI (default 1-20), parsed here: data/ ships in the package, bench/ does not.
var seedArg = process.argv.indexOf('--seeds') >= 0 ? process.argv[process.argv.indexOf('--seeds') + 1] : '1-20';
var [LO, HI] = seedArg.split('-').map(Number), SEEDS = [];
for (var sd = LO; sd <= (HI || LO); sd++) SEEDS.push(sd);
var seedRange = SEEDS.length > 1 ? 'seeds ' + SEEDS[0] + '-' + SEEDS[SEEDS.length - 1] : 'seed ' + SEEDS[0];
var only = process.argv.indexOf('--board') >= 0 ? process.argv[process.argv.indexOf('--board') + 1] : null;
var GATE = 0.3;
var mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
var range = (a, d) => Math.min(...a).toFixed(d) + '-' + Math.max(...a).toFixed(d);

var STATS = [['mean', 'std', 'min', 'max'], ['mean', 'std', 'min', 'max', 'mad'], ['mean', 'std', 'min', 'max', 'rms', 'mad', 'zc']];
var debouncers = [];
[2, 3, 4].forEach((count) => [0.5, 0.7].forEach((minScore) => [1000, 4000].forEach((refractoryMs) => debouncers.push({ kind: 'consecutive', count, minScore, refractoryMs }))));
var BOARDS = [
  { board: 'puckjs', sourceRateHz: 52, rates: [26, 13], trainHopMs: 4000 / 52, // training windows every 4 samples (77 ms): 100 ms is no whole number of samples at 52 Hz
    hops: [12000 / 52, 250, 16000 / 52], // 12, 13 and 16 samples at 52 Hz (231, 250, 308 ms)
    models: [{ kind: 'nb' }, { kind: 'nc' }, { kind: 'rf', trees: 5, maxDepth: 4 }, { kind: 'rf', trees: 5, maxDepth: 6 }, { kind: 'rf', trees: 10, maxDepth: 4 }, { kind: 'rf', trees: 10, maxDepth: 6 }, { kind: 'rf', trees: 20, maxDepth: 6 }] },
  { board: 'banglejs2', sourceRateHz: 50, rates: [25, 10], trainHopMs: 100, hops: [100, 240, 300], // at 50 Hz a hop is a whole number of 20 ms samples
    models: [{ kind: 'nb' }, { kind: 'rf', trees: 10, maxDepth: 6 }, { kind: 'rf', trees: 20, maxDepth: 6 }],
    extraDebouncers: [{ kind: 'majority', count: 5 }, { kind: 'majority', count: 7 }] },
];

var raw = loadRecordingSet([path.join(ROOT, 'data/emlearn-har/cgestures')], { rateHz: 100, countsPerG: 16384 });
BOARDS.filter((b) => !only || b.board === only).forEach((b) => {
  var t0 = Date.now();
  var set = { recordings: raw.recordings.map((r) => resample(r, b.sourceRateHz)), events: raw.events, warnings: [] };
  var base = { channels: ['acc_x', 'acc_y', 'acc_z'], downsample: 'mean', windowMs: 1000, trainHopMs: b.trainHopMs, features: 'stats', motionGate: GATE };
  var pipelines = expandPipelines({ features: ['stats'], stats: STATS, windowMs: [1000], hopMs: b.hops, variants: ['centered'], channels: [base.channels], rateHz: b.rates, motionGates: [GATE] });
  var grid = eventGridSearch(pipelines, b.models, debouncers.concat(b.extraDebouncers || []), (p) => {
    var prepared = prepareTraining(set, Object.assign({}, base, { rateHz: p.rateHz, hopMs: p.hopMs, stats: p.stats }));
    return { spec: prepared.spec, folds: recordingFolds(set, prepared.data), trainKey: p.rateHz + '/' + p.stats.join('+') };
  }, { seeds: SEEDS, events: set.events, toleranceMs: 1000 });
  var truths = grid.best.perSeed[0].truths, minutes = grid.best.perSeed[0].durationMs / 60000;
  console.log('\n### ' + b.board + ': ' + b.sourceRateHz + ' Hz source, ' + b.rates.join(' or ') + ' Hz points (the mean of 2 or more samples), gate ' + GATE + ' m/s2, event grid, leave one recording out (' + seedRange + ')\n');
  console.log(grid.candidates.length + ' candidates; ' + truths + ' detectable gesture recordings, ' + minutes.toFixed(2) + ' min replayed.\n');
  console.log('| candidate | event F1 mean (min-max) | precision mean (min-max) | recall (min-max) | false events / min mean (max) | model bytes | cost per inference |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  var short = (c) => c.spec.rateHz + ' Hz, ' + c.spec.stats.length + ' stats, hop ' + Math.round(c.spec.hopMs) + ', ' + describeParams(c.params) + ', ' + describeDebouncerShort(c.debouncer);
  function row(c) {
    var rec = c.perSeed.map((o) => o.truePositives), prec = c.perSeed.map((o) => (o.detections ? o.truePositives / o.detections : 0));
    var fpm = c.perSeed.map((o) => o.falseEvents / (o.durationMs / 60000));
    return '| ' + short(c) + ' | ' + c.score.mean.toFixed(3) + ' (' + range(c.perSeed.map((o) => o.f1), 3) + ') | ' + mean(prec).toFixed(3) + ' (' + range(prec, 3) + ') | ' +
      range(rec, 0) + '/' + truths + ' | ' + mean(fpm).toFixed(2) + ' (' + Math.max(...fpm).toFixed(2) + ') | ' + Math.round(c.bytes) + ' | ' + c.perInference.toFixed(1) + ' ' + c.costUnit + ' |';
  }
  grid.ranked.slice(0, 12).forEach((c) => console.log(row(c)));
  // The best of each (statistics, hop, model): what each size and cost buys.
  console.log('\nBest debouncer of each statistics x hop x model:\n');
  console.log('| candidate | event F1 mean (min-max) | precision mean (min-max) | recall (min-max) | false events / min mean (max) | model bytes | cost per inference |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  var seen = {};
  grid.ranked.forEach((c) => { var k = c.spec.rateHz + c.spec.stats.join('+') + c.spec.hopMs + describeParams(c.params); if (!seen[k]) { seen[k] = 1; console.log(row(c)); } });

  // Window accuracy of every statistics x model, both truths, scored on windows every 500 ms.
  console.log('\nWindow accuracy, leave one recording out (' + seedRange + '), windows every 500 ms, training windows every ' + Math.round(b.trainHopMs) + ' ms:\n');
  console.log('| points | statistics | model | windows relabelled idle | whole-recording truth mean (min-max) | rest-is-idle truth mean (min-max) |');
  console.log('| ---: | --- | --- | ---: | ---: | ---: |');
  b.rates.forEach((rateHz) => STATS.forEach((stats) => {
    var choices = Object.assign({}, base, { rateHz, stats, hopMs: b.trainHopMs });
    var train = prepareTraining(set, choices);
    var scored = prepareTraining(set, Object.assign({}, choices, { hopMs: 500, trainHopMs: 500 })).data;
    var wholeY = prepareTraining(set, Object.assign({}, choices, { hopMs: 500, trainHopMs: 500, motionGate: undefined })).data.y;
    var wholeTruth = Object.assign({}, scored, { y: wholeY });
    var relabelled = scored.y.filter((y, i) => y !== wholeY[i]).length;
    b.models.forEach((m) => {
      var seeds = m.kind === 'nb' || m.kind === 'nc' ? [1] : SEEDS; // no randomness
      var whole = seeds.map((seed) => leaveOneGroupOut(train.data, Object.assign({}, m, { seed }), recordingOfGroup, wholeTruth).accuracy);
      var rest = seeds.map((seed) => leaveOneGroupOut(train.data, Object.assign({}, m, { seed }), recordingOfGroup, scored).accuracy);
      console.log('| ' + rateHz + ' Hz | ' + stats.join('+') + ' | ' + describeParams(m) + ' | ' + relabelled + ' of ' + scored.y.length + ' | ' + mean(whole).toFixed(3) + ' (' + range(whole, 3) + ') | ' +
        mean(rest).toFixed(3) + ' (' + range(rest, 3) + ') |');
    });
  }));
  console.log('\n(' + b.board + ': ' + ((Date.now() - t0) / 1000).toFixed(0) + ' s)');
});
