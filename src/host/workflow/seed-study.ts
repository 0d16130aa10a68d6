// Reproduces the original study on its own data (../shared/data/seed): hold-out accuracy of
// DT and RF per dataset variant on the 20 Hz table, then the stream error ratio of each
// model on the three validation recordings, replayed through the device's pipeline, before
// and after debouncing; and event-level scores against hand-made labels.
import * as path from 'node:path';
import type { Classifier, FeatureSpec } from '../../core/types';
import { readWindowTable, WindowTable, SEED_LABELS } from '../readers/window-table';
import { readRecordingCsv } from '../readers/csv-recording';
import type { Recording } from '../recording';
import { selectSeedVariant } from '../dataset/seed-variants';
import { makeSpec } from '../dataset/spec';
import type { LabeledEvent } from '../labels/events';
import { eventsFor } from '../labels/events';
import { holdOut } from './cross-validate';
import { trainModel, ModelParams } from './train-model';
import { replayRecording, ReplayResult } from '../eval/replay';
import { streamErrorRatio, StreamErrorResult } from '../eval/stream-error';
import { eventMetrics, combineEventMetrics, EventMetrics } from '../eval/event-metrics';
import { makeDebouncer, DebouncerChoice } from './debouncer-choice';
import { expandPipelines, PipelineChoice, EventGridData } from './event-grid';
import { rankCandidates, spread } from './selection-rule';
import { modelCost } from './model-cost';
import { encodeModel } from '../../classifiers/model-encode';

export var SEED_GESTURES = ['circle', 'x', 'y'];

export interface SeedData { table: WindowTable; recordings: { gesture: string; recording: Recording }[] }

/** The 20 Hz table and the three validation streams from a seed checkout's data/ folder. */
export function loadSeedData(seedDataDir: string): SeedData {
  return {
    table: readWindowTable(path.join(seedDataDir, 'transformed/20210529_v2_data_all_20hz.csv'), SEED_LABELS),
    recordings: SEED_GESTURES.map(function (g) {
      return { gesture: g, recording: readRecordingCsv(path.join(seedDataDir, 'validation/move_' + g + '_20210522_1.csv')) };
    }),
  };
}

/** The spec the seed's models run under on a 100 Hz stream: 6 channels, 20 Hz, 1 s, 21 points. */
export function seedSpec(table: WindowTable, hopMs: number): FeatureSpec {
  return makeSpec({ channels: table.channels, sourceRateHz: 100, rateHz: table.rateHz, windowMs: 1000, hopMs: hopMs, labels: table.labelNames });
}

/** A variant name, optionally with "+smote" (e.g. "centered+smote": SMOTE on the training rows). */
function splitVariant(variant: string): { rows: string; smote: boolean } {
  var m = /^(.*)\+smote$/.exec(variant);
  return m ? { rows: m[1], smote: true } : { rows: variant, smote: false };
}

function withSmote(params: ModelParams, variant: string): ModelParams {
  return splitVariant(variant).smote ? Object.assign({}, params, { smote: true }) : params;
}

export function variantData(table: WindowTable, variant: string, extraIdle?: boolean) {
  var idx = selectSeedVariant(table, splitVariant(variant).rows, { extraIdle: extraIdle });
  return { X: idx.map(function (i) { return table.rows[i]; }), y: idx.map(function (i) { return table.labels[i]; }), labels: table.labelNames };
}

export interface HoldOutRow { variant: string; model: string; windows: number; accuracy: number; macroF1: number }

export function seedHoldOut(data: SeedData, variants: string[], models: ModelParams[], testFraction: number, seed: number): HoldOutRow[] {
  var rows: HoldOutRow[] = [];
  variants.forEach(function (v) {
    var d = variantData(data.table, v);
    models.forEach(function (m) {
      var r = holdOut(d, withSmote(m, v), testFraction, seed);
      rows.push({ variant: v, model: m.kind, windows: d.X.length, accuracy: r.accuracy, macroF1: r.macroF1 });
    });
  });
  return rows;
}

export interface StreamRow { variant: string; model: string; perGesture: StreamErrorResult[] }

/** Each model trained on the whole variant, replayed over each validation stream. */
export function seedStreamErrors(data: SeedData, variants: string[], models: ModelParams[], hopMs: number, debouncer: DebouncerChoice): StreamRow[] {
  var spec = seedSpec(data.table, hopMs);
  var rows: StreamRow[] = [];
  variants.forEach(function (v) {
    var d = variantData(data.table, v);
    models.forEach(function (m) {
      var model = trainModel(d, withSmote(m, v));
      rows.push({
        variant: v, model: m.kind,
        perGesture: data.recordings.map(function (r) {
          var res = replayRecording(r.recording, { spec: spec, classifier: model }, makeDebouncer(debouncer, spec.idleLabel));
          return streamErrorRatio(res.predictions, res.events.map(function (e) { return e.label; }), spec.labels, spec.idleLabel, spec.labels.indexOf(r.gesture));
        }),
      });
    });
  });
  return rows;
}

export interface EventStudy { metrics: EventMetrics; perRecording: EventMetrics[]; replays: ReplayResult[]; spec: FeatureSpec; model: Classifier }

/** Event-level scores of one configuration against labelled events on the validation streams. */
export function seedEventStudy(data: SeedData, labels: LabeledEvent[], variant: string, model: ModelParams, hopMs: number, debouncer: DebouncerChoice, toleranceMs: number): EventStudy {
  var spec = seedSpec(data.table, hopMs);
  var classifier = trainModel(variantData(data.table, variant), model);
  var replays: ReplayResult[] = [];
  var total = 0;
  var per = data.recordings.map(function (r) {
    var res = replayRecording(r.recording, { spec: spec, classifier: classifier }, makeDebouncer(debouncer, spec.idleLabel));
    replays.push(res);
    total += res.durationMs;
    var truths = eventsFor(labels, r.recording.source);
    if (truths.length === 0) throw new Error('no labelled events for ' + r.recording.source);
    return eventMetrics(truths, res.events.map(function (e) { return { timeMs: e.timeMs, label: e.gesture, score: e.score }; }), res.durationMs, toleranceMs);
  });
  return { metrics: combineEventMetrics(per, total), perRecording: per, replays: replays, spec: spec, model: classifier };
}

export interface StreamConfig { variant: string; model: ModelParams; hopMs: number; debouncer: DebouncerChoice }

export interface NestedFold { heldOut: string; chosen: StreamConfig; selectionF1: number; metrics: EventMetrics }

/**
 * An independent estimate of the event-level scores: for each validation recording, the
 * configuration is chosen by event F1 on the other two recordings only (ties: the selection
 * rule, never list order), then scored on it. One seed per candidate (its model's); the
 * event grid's nestedSelection averages over seeds.
 */
export function seedNestedEventStudy(data: SeedData, labels: LabeledEvent[], candidates: StreamConfig[], toleranceMs: number): { folds: NestedFold[]; metrics: EventMetrics } {
  var models: { [key: string]: Classifier } = {};
  // scores[c][r]: event metrics of candidate c on recording r
  var scores = candidates.map(function (c) {
    var key = c.variant + '|' + JSON.stringify(c.model);
    if (!models[key]) models[key] = trainModel(variantData(data.table, c.variant), withSmote(c.model, c.variant));
    var spec = seedSpec(data.table, c.hopMs);
    return data.recordings.map(function (r) {
      var res = replayRecording(r.recording, { spec: spec, classifier: models[key] }, makeDebouncer(c.debouncer, spec.idleLabel));
      return eventMetrics(eventsFor(labels, r.recording.source), res.events.map(function (e) { return { timeMs: e.timeMs, label: e.gesture }; }), res.durationMs, toleranceMs);
    });
  });
  var total = 0;
  data.recordings.forEach(function (r) { total += r.recording.timesMs[r.recording.timesMs.length - 1] - r.recording.timesMs[0]; });
  // Ties on F1 follow the selection rule (smaller file, cheaper per second, fixed key): never list order.
  var costs = candidates.map(function (c) {
    var m = models[c.variant + '|' + JSON.stringify(c.model)];
    var spec = seedSpec(data.table, c.hopMs);
    var cost = modelCost(spec, m, variantData(data.table, c.variant).X);
    return { bytes: encodeModel(spec, m).byteLength, costPerSecond: cost.perInference * 1000 / c.hopMs,
      key: [c.variant, c.model.kind, c.model.trees, c.model.maxDepth, c.model.minSamplesLeaf, c.model.seed, c.hopMs, c.debouncer.kind, c.debouncer.count, c.debouncer.minScore, c.debouncer.refractoryMs].join('|') };
  });
  var folds: NestedFold[] = data.recordings.map(function (r, held) {
    var ranked = rankCandidates(candidates.map(function (c, ci) {
      var others = scores[ci].filter(function (m, ri) { return ri !== held; });
      return { index: ci, score: spread([combineEventMetrics(others, 1).f1]), bytes: costs[ci].bytes, costPerSecond: costs[ci].costPerSecond, key: costs[ci].key };
    }));
    var best = ranked[0].index;
    return { heldOut: r.gesture, chosen: candidates[best], selectionF1: ranked[0].score.mean, metrics: scores[best][held] };
  });
  return { folds: folds, metrics: combineEventMetrics(folds.map(function (f) { return f.metrics; }), total) };
}

/**
 * The seed streams as an event grid: every candidate trains on the window table (its
 * variant's rows) and is scored on the three validation recordings, one fold each. The hop
 * changes only the replay, so the hops of one variant share their trained models.
 */
export function seedEventGridData(data: SeedData): (p: PipelineChoice) => EventGridData {
  return function (p) {
    if (p.features !== 'raw' || p.windowMs !== 1000 || p.rateHz !== data.table.rateHz) {
      throw new Error('the seed table holds raw 1000 ms windows at ' + data.table.rateHz + ' Hz: got ' + p.features + ', ' + p.windowMs + ' ms, ' + p.rateHz + ' Hz');
    }
    if (splitVariant(p.variant).smote) throw new Error('the seed event grid has no SMOTE variants (SMOTE is a model option): got ' + p.variant);
    var train = variantData(data.table, p.variant);
    return {
      spec: seedSpec(data.table, p.hopMs),
      trainKey: 'seed table/' + p.variant,
      folds: data.recordings.map(function (r) { return { name: r.gesture, train: train, recordings: [r.recording], trainId: 'table' }; }),
    };
  };
}

/** The seed table's one pipeline shape, at each hop and variant. */
export function seedPipelines(data: SeedData, variants: string[], hops: number[]): PipelineChoice[] {
  return expandPipelines({ features: ['raw'], stats: [[]], windowMs: [1000], hopMs: hops, variants: variants, channels: [data.table.channels], rateHz: [data.table.rateHz] });
}
