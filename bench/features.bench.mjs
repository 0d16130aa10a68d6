// Feature blocks (raw, stats, spectral, cross and combinations) and the motion gate, measured
// on the shipped cgestures data (leave one recording out) and on the seed streams (event
// level against the hand labels), over PRNG seeds. Prints the tables of docs/pipeline.md.
// Standalone, after `npm run build`: `node bench/features.bench.mjs [seeds]` (default 5).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import {
  loadRecordingSet, prepareTraining, recordingOfGroup, leaveOneGroupOut, HAR_DEFAULTS, trainModel, modelCost,
  loadSeedData, selectSeedVariant, makeSpec, replayRecording, makeDebouncer, eventsFor, eventMetrics, combineEventMetrics, readLabelsCsv,
} from '../dist/node/host.js';
import { computeFeatures, featureCount } from '../dist/node/index.js';

var here = path.dirname(fileURLToPath(import.meta.url));
var root = path.resolve(here, '..');
var seeds = [];
for (var s = 1; s <= Number(process.argv[2] || 5); s++) seeds.push(s);
var only = process.argv[3] || 'cgestures,seed,gate';
var kinds = ['raw', 'stats', 'spectral', 'cross', 'stats+spectral', 'stats+cross', 'stats+spectral+cross'];
var spread = (xs, d) => { var m = xs.reduce((a, b) => a + b, 0) / xs.length; return m.toFixed(d) + ' (' + Math.min(...xs).toFixed(d) + '-' + Math.max(...xs).toFixed(d) + ')'; };

// ---- cgestures, leave one recording out (the HAR_DEFAULTS protocol of docs/results.md) ----
var set = loadRecordingSet([path.join(root, 'data/emlearn-har/cgestures')], { rateHz: HAR_DEFAULTS.rateHz, countsPerG: HAR_DEFAULTS.countsPerG });
function cgestures(features, bands, model) {
  var prep = Object.assign({}, HAR_DEFAULTS.prepare, { features: features, spectralBands: bands });
  var train = prepareTraining(set, prep);
  var scored = prepareTraining(set, Object.assign({}, prep, { hopMs: 500, trainHopMs: 500 }));
  var accs = [], bytes = [];
  seeds.forEach((seed) => {
    var params = Object.assign({}, model, { seed: seed });
    accs.push(leaveOneGroupOut(train.data, params, recordingOfGroup, scored.data).accuracy);
    bytes.push(modelCost(train.spec, trainModel(train.data, params), train.data).bytes);
  });
  return { accs, bytes, nFeatures: featureCount(train.spec) };
}
if (only.indexOf('cgestures') >= 0) {
  console.log('### cgestures, leave-one-recording-out accuracy, seeds ' + seeds[0] + '-' + seeds[seeds.length - 1] + ' (mean (min-max))\n');
  console.log('acc x/y/z, 100 -> 25 Hz by averaging, 1 s windows (25 points, FFT 32), training hop 100 ms, 146 scored windows; stats = mean/std/min/max/mad; spectral = 4 bands.\n');
  console.log('| features | features per window | RF 30 trees depth 8 | model bytes | RF 10 trees depth 6 |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  kinds.forEach((k) => {
    var a = cgestures(k, 4, { kind: 'rf', trees: 30, maxDepth: 8 }), b = cgestures(k, 4, { kind: 'rf', trees: 10, maxDepth: 6 });
    console.log('| ' + k + ' | ' + a.nFeatures + ' | ' + spread(a.accs, 3) + ' | ' + spread(a.bytes, 0) + ' | ' + spread(b.accs, 3) + ' |');
  });
  [2, 8].forEach((bands) => {
    var a = cgestures('stats+spectral', bands, { kind: 'rf', trees: 30, maxDepth: 8 });
    console.log('| stats+spectral, ' + bands + ' bands | ' + a.nFeatures + ' | ' + spread(a.accs, 3) + ' | ' + spread(a.bytes, 0) + ' | |');
  });
}

// ---- seed streams: train on the 20 Hz table (features computed from its raw windows by the
// device's computeFeatures), replay the three validation recordings through the pipeline ----
var seedDir = path.resolve(root, '../shared/data/seed/data');
var seedData = existsSync(seedDir) ? loadSeedData(seedDir) : null;
var labels = readLabelsCsv(path.join(root, 'test/fixtures/seed-validation-labels.csv'));
var seedRows = null;
function seedTraining(spec, variant) {
  var t = seedData.table, idx = selectSeedVariant(t, variant, {});
  var raw = makeSpec({ channels: t.channels, sourceRateHz: 100, rateHz: t.rateHz, windowMs: 1000, labels: t.labelNames });
  var out = new Float32Array(featureCount(spec));
  return {
    X: idx.map((i) => { if (spec.features === "raw") return new Float32Array(t.rows[i]); computeFeatures(spec, new Float32Array(t.rows[i]), out); return new Float32Array(out); }),
    y: idx.map((i) => t.labels[i]), labels: t.labelNames, raw: raw,
  };
}
function seedStreams(features, gate, model, variant, hopMs, debouncer) {
  var t = seedData.table;
  var spec = makeSpec({ channels: t.channels, sourceRateHz: 100, rateHz: t.rateHz, windowMs: 1000, hopMs: hopMs, labels: t.labelNames, features: features, motionGate: gate });
  var d = seedTraining(spec, variant);
  return seeds.map((seed) => {
    var classifier = trainModel(d, Object.assign({}, model, { seed: seed }));
    var total = 0, windows = 0, gated = 0, parts = [];
    seedData.recordings.forEach((r) => {
      var res = replayRecording(r.recording, { spec, classifier }, makeDebouncer(debouncer, spec.idleLabel));
      total += res.durationMs; windows += res.predictions.length; gated += res.gatedWindows;
      parts.push(eventMetrics(eventsFor(labels, r.recording.source), res.events.map((e) => ({ timeMs: e.timeMs, label: e.gesture, score: e.score })), res.durationMs, 1000));
    });
    var m = combineEventMetrics(parts, total);
    return { detected: m.truePositives, wrong: m.wrongGestureEvents, falseEvents: m.falseEvents, inferencesPerMin: ((windows - gated) * 60000) / total, windowsPerMin: (windows * 60000) / total };
  });
}
var headline = { model: { kind: 'rf', trees: 10, maxDepth: 8 }, variant: 'centered-aug', hopMs: 20, debouncer: { kind: 'consecutive', count: 4, minScore: 0.5, refractoryMs: 1000 } };
function seedRow(name, r) {
  var perfect = r.filter((x) => x.detected === 16 && x.falseEvents === 0).length;
  return '| ' + name + ' | ' + spread(r.map((x) => x.detected), 1) + ' | ' + spread(r.map((x) => x.wrong), 1) + ' | ' + spread(r.map((x) => x.falseEvents), 1) + ' | ' + perfect + '/' + r.length + ' | ' + spread(r.map((x) => x.inferencesPerMin), 0) + ' |';
}
if (seedData && only.indexOf('seed') >= 0) {
  console.log('\n### Seed streams by feature kind (centered-aug, RF 10 trees depth 8, hop 20 ms, consecutive 4 p > 0.5), seeds ' + seeds[0] + '-' + seeds[seeds.length - 1] + '\n');
  console.log('16 labelled gestures in the three validation recordings; mean (min-max) over seeds.\n');
  console.log('| features | detected of 16 | wrong-gesture events | false events | seeds 16/16 and 0 false | inferences / min |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  ['raw', 'stats', 'spectral', 'stats+spectral', 'stats+spectral+cross'].forEach((k) => {
    console.log(seedRow(k, seedStreams(k, 0, headline.model, headline.variant, headline.hopMs, headline.debouncer)));
  });
}

// ---- the motion gate ----
if (only.indexOf('gate') >= 0) {
  if (seedData) {
    console.log('\n### Motion gate on the seed streams (headline config above, raw and stats features), seeds ' + seeds[0] + '-' + seeds[seeds.length - 1] + '\n');
    console.log('| features, gate (m/s2) | detected of 16 | wrong-gesture events | false events | seeds 16/16 and 0 false | inferences / min |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    ['raw', 'stats'].forEach((k) => [0, 0.2, 0.5, 1, 2].forEach((g) => {
      console.log(seedRow(k + ', ' + (g ? g : 'off'), seedStreams(k, g, headline.model, headline.variant, headline.hopMs, headline.debouncer)));
    }));
  }
  console.log('\n### Motion gate on cgestures (held-out replay: each recording replayed by a model trained on the other 23), seeds ' + seeds[0] + '-' + seeds[seeds.length - 1] + '\n');
  console.log('HAR_DEFAULTS (stats, RF 30 depth 8, hop 100 ms, original debouncer). Events in idle recordings are false; in a gesture recording, events of another gesture are wrong.\n');
  console.log('| gate (m/s2) | windows gated, idle recordings | gated, gesture recordings | inferences / min in idle recordings | false events in idle recordings | wrong-gesture events | gesture recordings with their gesture |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  var train = prepareTraining(set, HAR_DEFAULTS.prepare);
  var recs = set.recordings;
  var labelOf = (rec) => (set.events.find((e) => e.file === rec.source) || {}).label;
  var folds = seeds.map((seed) => recs.map((rec) => {
    var rows = [];
    train.data.groups.forEach((g, i) => { if (recordingOfGroup(g) !== rec.source) rows.push(i); });
    return trainModel({ X: rows.map((i) => train.data.X[i]), y: rows.map((i) => train.data.y[i]), labels: train.data.labels }, Object.assign({}, HAR_DEFAULTS.model, { seed: seed }));
  }));
  [0, 0.3, 0.6, 1, 1.5].forEach((gate) => {
    var spec = Object.assign({}, train.spec, { motionGate: gate || undefined });
    var per = folds.map((models) => {
      var c = { idleWin: 0, idleGated: 0, gestWin: 0, gestGated: 0, idleMs: 0, idleInf: 0, falseIdle: 0, wrong: 0, hit: 0 };
      recs.forEach((rec, k) => {
        var res = replayRecording(rec, { spec, classifier: models[k] }, makeDebouncer(HAR_DEFAULTS.debouncer, spec.idleLabel));
        var label = labelOf(rec);
        if (label === 'idle') {
          c.idleWin += res.predictions.length; c.idleGated += res.gatedWindows; c.idleMs += res.durationMs; c.idleInf += res.inferences; c.falseIdle += res.events.length;
        } else {
          c.gestWin += res.predictions.length; c.gestGated += res.gatedWindows;
          c.wrong += res.events.filter((e) => e.gesture !== label).length;
          if (res.events.some((e) => e.gesture === label)) c.hit++;
        }
      });
      return c;
    });
    var pctOf = (a, b) => per.map((c) => (100 * c[a]) / Math.max(1, c[b]));
    console.log('| ' + (gate || 'off') + ' | ' + spread(pctOf('idleGated', 'idleWin'), 0) + '% | ' + spread(pctOf('gestGated', 'gestWin'), 0) + '% | ' +
      spread(per.map((c) => (c.idleInf * 60000) / c.idleMs), 0) + ' | ' + spread(per.map((c) => c.falseIdle), 1) + ' | ' + spread(per.map((c) => c.wrong), 1) + ' | ' + spread(per.map((c) => c.hit), 1) + ' of ' + recs.filter((r) => labelOf(r) !== 'idle').length + ' |');
  });
}
