// The motion-gate threshold as a choice of the nested protocol on cgestures (issue 11), for
// bench/cgestures.bench.mjs: for each held-out recording, the event grid (gate thresholds x
// models x debouncers) runs leave-one-recording-out over the OTHER 23 recordings only (the
// held-out one is neither scored nor trained on: recordingFolds(set, data, heldOut)); its
// choice (the default rule: event F1 over seeds, Brier, size) is then trained on those 23 and
// replayed over the held-out recording. Counts are pooled over the 24 held-out recordings per
// seed. The same inner grids also give "gate fixed at g" (the choice restricted to one
// threshold), to see what choosing the gate adds.
import path from 'node:path';
import { prepareTraining, recordingFolds, eventGridSearch, expandPipelines, rankCandidates, poolF1, describeParams, describeDebouncerShort } from '../dist/node/host.js';

var mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
var range = (a, d) => Math.min(...a).toFixed(d) + '-' + Math.max(...a).toFixed(d);

export function nestedGateStudy(set, base, seeds, seedRange, opts) {
  var t0 = Date.now();
  var GATES = opts.gates, stats = opts.stats;
  var pipelines = expandPipelines({ features: ['stats'], stats: [stats], windowMs: [1000], hopMs: opts.hops, variants: ['centered'], channels: [base.channels], rateHz: [25], motionGates: GATES });
  var models = opts.models, debouncers = opts.debouncers;
  var prepared = {};
  function prepare(p) {
    var key = p.hopMs + '/' + (p.motionGate || 0);
    return prepared[key] || (prepared[key] = prepareTraining(set, Object.assign({}, base, { hopMs: p.hopMs, stats: p.stats, motionGate: p.motionGate || undefined })));
  }
  var gateOf = (c) => c.spec.motionGate || 0;
  var rules = [{ name: 'gate chosen', pick: () => true }].concat(GATES.map((g) => ({ name: 'gate fixed at ' + g, pick: (c) => gateOf(c) === g })));
  var pooled = rules.map(() => seeds.map(() => ({ truths: 0, truePositives: 0, detections: 0, durationMs: 0, windows: 0, windowsRight: 0 })));
  var perFold = [];
  set.recordings.forEach(function (rec) {
    var held = rec.source;
    var inner = eventGridSearch(pipelines, models, debouncers, function (p) {
      var d = prepare(p);
      return { spec: d.spec, folds: recordingFolds(set, d.data, held), trainKey: 'gate ' + (p.motionGate || 0) };
    }, { seeds: seeds, events: set.events, toleranceMs: 1000, progress: null });
    var pool = inner.candidates.filter((c) => !c.rejected);
    var row = { held: path.basename(held), chosen: [] };
    rules.forEach(function (rule, ri) {
      var chosen = rankCandidates(pool.filter(rule.pick), inner.tieBreak)[0];
      // Trained on the 23 inner recordings, replayed over the held-out one.
      var outer = eventGridSearch([chosen.pipeline], [chosen.params], [chosen.debouncer], function (p) {
        var d = prepare(p);
        return { spec: d.spec, folds: recordingFolds(set, d.data).filter((f) => f.name === held) };
      }, { seeds: seeds, events: set.events, toleranceMs: 1000, progress: null }).candidates[0];
      outer.perSeed.forEach(function (o, si) {
        var acc = pooled[ri][si];
        ['truths', 'truePositives', 'detections', 'durationMs', 'windows', 'windowsRight'].forEach((k) => { acc[k] += o[k]; });
      });
      row.chosen.push({ candidate: chosen, innerScore: rankCandidates(pool.filter(rule.pick), inner.tieBreak)[0].score.mean, heldTp: outer.perSeed.map((o) => o.truePositives), heldTruths: outer.perSeed[0].truths, heldFalse: outer.perSeed.map((o) => o.detections - o.truePositives) });
    });
    perFold.push(row);
    if (opts.log) opts.log(row.held + ': chose gate ' + gateOf(row.chosen[0].candidate) + ' (' + ((Date.now() - t0) / 1000).toFixed(0) + ' s)');
  });
  var short = (c) => 'gate ' + gateOf(c) + ', hop ' + c.spec.hopMs + ', ' + describeParams(c.params) + ', ' + describeDebouncerShort(c.debouncer);

  console.log('\n### The motion-gate threshold chosen by the nested protocol (' + seedRange + ')\n');
  console.log('For each of the 24 recordings held out, the event grid (' + stats.length + ' statistics, hop ' + opts.hops.join('/') + ' ms, gate ' + GATES.join('/') + ' m/s2 x ' + models.length + ' models (' +
    models.map(describeParams).join('; ') + ') x ' + debouncers.length + ' debouncers) ran leave-one-recording-out over the other 23 only (the held-out recording neither scored nor in any training), ' +
    'chose by the default rule, and its choice, trained on the 23, was replayed over the held-out recording. Counts pooled over the 24 held-out recordings, per seed. ' +
    '"Gate fixed at g": the same inner grids, the choice restricted to that threshold. Time ' + ((Date.now() - t0) / 1000).toFixed(0) + ' s.\n');
  console.log('| selection | event F1 mean (min-max) | precision mean (min-max) | recall (min-max) | false events / min mean (min-max) | window accuracy of the replays mean (min-max) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  rules.forEach(function (rule, ri) {
    var s = pooled[ri];
    var f1 = s.map(poolF1), prec = s.map((o) => o.detections ? o.truePositives / o.detections : 0), rec = s.map((o) => o.truePositives);
    var fpm = s.map((o) => (o.detections - o.truePositives) / (o.durationMs / 60000)), wacc = s.map((o) => o.windowsRight / o.windows);
    console.log('| ' + rule.name + ' | ' + mean(f1).toFixed(3) + ' (' + range(f1, 3) + ') | ' + mean(prec).toFixed(3) + ' (' + range(prec, 3) + ') | ' + range(rec, 0) + '/' + s[0].truths + ' | ' +
      mean(fpm).toFixed(2) + ' (' + range(fpm, 2) + ') | ' + mean(wacc).toFixed(3) + ' (' + range(wacc, 3) + ') |');
  });
  // Under each rule, the candidate chosen in most folds (and in how many).
  console.log('\nMost frequent choice per selection: ' + rules.map(function (rule, ri) {
    var counts = {};
    perFold.forEach((r) => { var k = short(r.chosen[ri].candidate); counts[k] = (counts[k] || 0) + 1; });
    var top = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
    return rule.name + ': ' + top + ' (' + counts[top] + ' of 24)';
  }).join('; ') + '.');
  var tally = {};
  perFold.forEach((r) => { var g = gateOf(r.chosen[0].candidate); tally[g] = (tally[g] || 0) + 1; });
  console.log('\nGate chosen per held-out recording: ' + GATES.map((g) => g + ' m/s2 in ' + (tally[g] || 0)).join(', ') + ' of 24.\n');
  console.log('| held-out recording | chosen on the other 23 | inner F1 (mean over seeds) | held-out: detected per seed (min-max) | false events per seed (min-max) |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  perFold.forEach(function (r) {
    var c = r.chosen[0];
    console.log('| ' + r.held + ' | ' + short(c.candidate) + ' | ' + c.innerScore.toFixed(3) + ' | ' + range(c.heldTp, 0) + '/' + c.heldTruths + ' | ' + range(c.heldFalse, 0) + ' |');
  });
}
