// Grid search scored by EVENT F1 on held-out recordings, averaged over PRNG seeds.
// Dimensions: the pipeline (features, statistics, window, hop, channels, rate, training
// variant), the model, and the debouncer with its parameters. Each candidate is trained per
// fold on the fold's training data, every held-out recording is replayed through the
// device's GesturePipeline once per trained model, and each debouncer is run over the
// recorded predictions (debounceReplay: the device's debouncer class). No inference here.
// The winner follows selection-rule.ts, never the order of the lists.
import type { FeatureSpec, StatName } from '../../core/types';
import type { Recording } from '../recording';
import type { LabeledEvent } from '../labels/events';
import { eventsFor } from '../labels/events';
import { encodeModel } from '../../classifiers/model-encode';
import { replayRecording, ReplayResult } from '../eval/replay';
import { debounceReplay } from '../eval/debounce-replay';
import { eventMetrics } from '../eval/event-metrics';
import { trainModel, ModelParams, Labelled } from './train-model';
import { modelCost } from './model-cost';
import { makeDebouncer, DebouncerChoice } from './debouncer-choice';
import { truthEventsFor, windowTruthLabel } from './evaluate-recordings';
import { describeParams } from './grid-search';
import { spread, Spread, rankCandidates, Rankable, TieBreak, DEFAULT_TIE_BREAK } from './selection-rule';
import { createProgress, ProgressSink } from '../progress';

/** One point of the pipeline dimensions; `features` is any kind the spec accepts. */
export interface PipelineChoice {
  features: FeatureSpec['features'];
  /** Statistics, for feature kinds that take them (ignored by makeSpec otherwise). */
  stats?: StatName[];
  windowMs: number;
  hopMs: number;
  variant: string;
  channels: string[];
  rateHz: number;
  /** Motion gate in m/s2 (0: off; absent: the spec's default). */
  motionGate?: number;
}

export interface PipelineDimensions {
  features: FeatureSpec['features'][];
  stats: StatName[][];
  windowMs: number[];
  hopMs: number[];
  variants: string[];
  channels: string[][];
  rateHz: number[];
  /** Motion gates to try (m/s2, 0 = off); absent: no gate dimension. */
  motionGates?: number[];
}

/**
 * The cross product, in list order (the order never decides the winner). The hop varies
 * fastest: pipelines that differ only in hop often share their trained models.
 */
export function expandPipelines(d: PipelineDimensions): PipelineChoice[] {
  var out: PipelineChoice[] = [];
  var gates: (number | undefined)[] = d.motionGates || [undefined];
  d.channels.forEach(function (channels) { d.rateHz.forEach(function (rateHz) { d.features.forEach(function (features) { gates.forEach(function (gate) {
    d.stats.forEach(function (stats) { d.windowMs.forEach(function (windowMs) { d.variants.forEach(function (variant) { d.hopMs.forEach(function (hopMs) {
      var p: PipelineChoice = { features: features, stats: stats, windowMs: windowMs, hopMs: hopMs, variant: variant, channels: channels, rateHz: rateHz };
      if (gate !== undefined) p.motionGate = gate;
      out.push(p);
    }); }); }); });
  }); }); }); });
  return out;
}

/** A fold: the data a model is trained on, and the recordings it is then scored on. */
export interface EventFold {
  name: string;
  train: Labelled;
  recordings: Recording[];
  /** Folds with the same trainId train on the same data (one model serves them; default: the name). */
  trainId?: string;
}

export interface EventGridData {
  spec: FeatureSpec;
  folds: EventFold[];
  /**
   * Consecutive pipelines with equal trainKey share trained models (e.g. two hops over one
   * window table). Default: the whole spec and the variant (no sharing across hops).
   */
  trainKey?: string;
}

export interface EventGridOptions {
  seeds: number[];
  /** Labelled events of the scored recordings (spans or whole-recording labels). */
  events: LabeledEvent[];
  toleranceMs?: number;
  maxBytes?: number;
  maxNodes?: number;
  /** How equal mean scores are ordered (selection-rule.ts); default 'brier'. */
  tieBreak?: TieBreak;
  progress?: ProgressSink | null;
}

/** Event counts of one seed, pooled over every fold's held-out recordings. */
export interface SeedOutcome {
  seed: number;
  truths: number;
  truePositives: number;
  detections: number;
  falseEvents: number;
  wrongGestureEvents: number;
  durationMs: number;
  windows: number;
  windowsRight: number;
  f1: number;
  /** The same counts per fold (for nested selection). */
  perFold: EventCounts[];
}

export interface EventCounts {
  truths: number; truePositives: number; detections: number; wrongGestureEvents: number; durationMs: number; windows: number; windowsRight: number;
  /** Sum over the labelled windows of the Brier error (squared distance of the scores from the one-hot truth). */
  brier: number;
}

export interface EventCandidate extends Rankable {
  pipeline: PipelineChoice;
  spec: FeatureSpec;
  /** Without a seed: the seeds are the repetitions. */
  params: ModelParams;
  debouncer: DebouncerChoice;
  perSeed: SeedOutcome[];
  /** Event F1 over seeds (each seed pooled over its folds). */
  score: Spread;
  windowAccuracy: Spread;
  /** Mean Brier score per scored window of the held-out replays, over seeds (lower: scores nearer the truth). */
  brier: Spread;
  /** Seeds with every event found and no false (or wrong) event. */
  perfectSeeds: number;
  perInference: number;
  costUnit: 'nodes' | 'multiply-adds';
  /** Held-out recordings too short for one window: their events cannot be detected and are not scored. */
  unscoredRecordings: string[];
  rejected: string | null;
}

export interface EventGridResult { candidates: EventCandidate[]; ranked: EventCandidate[]; best: EventCandidate | null; folds: string[]; tieBreak: TieBreak }

export function poolF1(c: { truths: number; truePositives: number; detections: number }): number {
  var precision = c.detections ? c.truePositives / c.detections : (c.truths ? 0 : 1);
  var recall = c.truths ? c.truePositives / c.truths : 1;
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

export function describeDebouncerShort(d: DebouncerChoice): string {
  if (d.kind === 'original') return 'original' + (d.count ? ' ' + d.count : '');
  if (d.kind === 'majority') return 'majority ' + (d.count || 9);
  return 'consecutive ' + (d.count || 9) + ', p > ' + (d.minScore === undefined ? 0.5 : d.minScore) + (d.refractoryMs !== undefined && d.refractoryMs !== 1000 ? ', refractory ' + d.refractoryMs : '');
}

export function describePipeline(p: PipelineChoice, spec?: FeatureSpec): string {
  var features = spec && spec.stats ? p.features + ' (' + spec.stats.join('+') + ')' : String(p.features);
  return features + ', window ' + p.windowMs + ', hop ' + p.hopMs + ', ' + p.variant + ', ' + p.channels.join('+') + ' @ ' + p.rateHz + ' Hz' +
    (p.motionGate ? ', motion gate ' + p.motionGate : '');
}

export function describeCandidate(c: { pipeline: PipelineChoice; spec?: FeatureSpec; params: ModelParams; debouncer: DebouncerChoice }): string {
  return describePipeline(c.pipeline, c.spec) + '; ' + describeParams(c.params) + '; ' + describeDebouncerShort(c.debouncer);
}

/** A canonical, list-order-free identity: the spec that runs, the model and the debouncer, fields in a fixed order. */
function candidateKey(spec: FeatureSpec, variant: string, params: ModelParams, d: DebouncerChoice): string {
  var s: any = spec;
  var specPart = [s.channels.join('+'), s.sourceRateHz, s.rateHz, s.windowMs, s.points, s.hopMs, s.downsample, s.features, (s.stats || []).join('+'), s.spectralBands || 0, s.motionGate || 0].join('|');
  var model = [params.kind, params.trees, params.maxDepth, params.minSamplesLeaf, params.smote ? 1 : 0].join('|');
  var deb = [d.kind, d.count, d.minScore, d.refractoryMs].join('|');
  return specPart + '/' + variant + '/' + model + '/' + deb;
}

function withoutSeed(p: ModelParams): ModelParams {
  var out: any = {};
  Object.keys(p).forEach(function (k) { if (k !== 'seed' && (p as any)[k] !== undefined) out[k] = (p as any)[k]; });
  return out;
}

interface WindowScores { windows: number; windowsRight: number; brier: number }
interface Scored extends WindowScores { truths: ReturnType<typeof truthEventsFor>; replay: ReplayResult }

/** Window-level figures of one replay against its truth (-1: not scored), the same for every debouncer. */
function windowScores(replay: ReplayResult, windowTruth: number[], labelCount: number): WindowScores {
  var out: WindowScores = { windows: 0, windowsRight: 0, brier: 0 };
  windowTruth.forEach(function (wt, i) {
    if (wt < 0) return;
    out.windows++;
    if (replay.predictions[i] === wt) out.windowsRight++;
    for (var c = 0; c < labelCount; c++) { var d = replay.classScores[i * labelCount + c] - (c === wt ? 1 : 0); out.brier += d * d; }
  });
  return out;
}

export function eventGridSearch(
  pipelines: PipelineChoice[],
  models: ModelParams[],
  debouncers: DebouncerChoice[],
  prepare: (p: PipelineChoice) => EventGridData,
  options: EventGridOptions
): EventGridResult {
  if (!options.seeds.length) throw new Error('event grid search needs at least one seed');
  if (!debouncers.length) throw new Error('event grid search needs at least one debouncer');
  var tol = options.toleranceMs === undefined ? 1000 : options.toleranceMs;
  var bar = createProgress(pipelines.length * models.length * options.seeds.length, 'grid search', options.progress);
  var models0 = models.map(withoutSeed);
  var trained: { [key: string]: { classifier: any; bytes: number; perInference: number; unit: 'nodes' | 'multiply-adds' } } = {};
  var candidates: EventCandidate[] = [];
  var seenSpecs: { [key: string]: boolean } = {};
  var lastTrainKey = '';
  var foldNames: string[] = [];

  pipelines.forEach(function (pipeline) {
    var data = prepare(pipeline);
    var spec = data.spec;
    // Pipelines that come out as the same spec (e.g. a stats list crossed with raw features) are one candidate.
    var specKey = candidateKey(spec, pipeline.variant, { kind: 'rf' }, { kind: 'original' });
    if (seenSpecs[specKey]) { bar.tick('same spec as an earlier pipeline'); return; }
    seenSpecs[specKey] = true;
    if (!foldNames.length) foldNames = data.folds.map(function (f) { return f.name; });
    var trainKey = data.trainKey || JSON.stringify(spec) + '/' + pipeline.variant;
    // Only consecutive pipelines share models: memory stays bounded by one pipeline's models.
    if (trainKey !== lastTrainKey) { trained = {}; lastTrainKey = trainKey; }
    var idleName = spec.idleLabel >= 0 ? spec.labels[spec.idleLabel] : null;

    models0.forEach(function (params) {
      var rows: EventCandidate[] = debouncers.map(function (d) {
        return {
          pipeline: pipeline, spec: spec, params: params, debouncer: d, perSeed: [], score: spread([]), windowAccuracy: spread([]), brier: spread([]), perfectSeeds: 0,
          bytes: 0, perInference: 0, costUnit: 'nodes' as 'nodes' | 'multiply-adds', costPerSecond: 0, unscoredRecordings: [], rejected: null,
          key: candidateKey(spec, pipeline.variant, params, d),
        };
      });
      var bytesSum = 0, costSum = 0, costN = 0, unit: 'nodes' | 'multiply-adds' = 'nodes';
      var unscored: string[] = [];
      options.seeds.forEach(function (seed) {
        var outcomes: SeedOutcome[] = debouncers.map(function () {
          return { seed: seed, truths: 0, truePositives: 0, detections: 0, falseEvents: 0, wrongGestureEvents: 0, durationMs: 0, windows: 0, windowsRight: 0, f1: 0, perFold: [] };
        });
        data.folds.forEach(function (fold) {
          var tk = (fold.trainId || fold.name) + '/' + JSON.stringify(params) + '/' + seed;
          var t = trained[tk];
          if (!t) {
            var classifier = trainModel(fold.train, Object.assign({}, params, { seed: seed }));
            var cost = modelCost(spec, classifier, fold.train.X);
            t = trained[tk] = { classifier: classifier, bytes: encodeModel(spec, classifier).byteLength, perInference: cost.perInference, unit: cost.unit };
          }
          bytesSum += t.bytes; costSum += t.perInference; costN++; unit = t.unit;
          var scored: Scored[] = [];
          fold.recordings.forEach(function (rec) {
            var replay = replayRecording(rec, { spec: spec, classifier: t.classifier });
            if (replay.predictions.length === 0) { if (unscored.indexOf(rec.source) < 0) unscored.push(rec.source); return; }
            var truths = truthEventsFor(rec, options.events, idleName);
            var labelled = eventsFor(options.events, rec.source);
            var wholeIdle = labelled.length === 1 && labelled[0].endMs === Infinity && labelled[0].label === idleName;
            var windowTruth = replay.predictionTimesMs.map(function (tm) { return wholeIdle ? spec.idleLabel : windowTruthLabel(spec, truths, tm); });
            scored.push(Object.assign({ truths: truths, replay: replay }, windowScores(replay, windowTruth, spec.labels.length)));
          });
          debouncers.forEach(function (d, di) {
            var counts: EventCounts = { truths: 0, truePositives: 0, detections: 0, wrongGestureEvents: 0, durationMs: 0, windows: 0, windowsRight: 0, brier: 0 };
            var o = outcomes[di];
            scored.forEach(function (s) {
              var events = debounceReplay(s.replay, spec.labels, makeDebouncer(d, spec.idleLabel));
              var m = eventMetrics(s.truths, events.map(function (e) { return { timeMs: e.timeMs, label: e.gesture, score: e.score }; }), s.replay.durationMs, tol);
              counts.truths += m.truths; counts.truePositives += m.truePositives; counts.detections += m.detections;
              counts.wrongGestureEvents += m.wrongGestureEvents; counts.durationMs += s.replay.durationMs;
              counts.windows += s.windows; counts.windowsRight += s.windowsRight; counts.brier += s.brier;
            });
            o.perFold.push(counts);
            o.truths += counts.truths; o.truePositives += counts.truePositives; o.detections += counts.detections;
            o.wrongGestureEvents += counts.wrongGestureEvents; o.durationMs += counts.durationMs;
            o.windows += counts.windows; o.windowsRight += counts.windowsRight;
          });
        });
        outcomes.forEach(function (o, di) {
          o.falseEvents = o.detections - o.truePositives;
          o.f1 = poolF1(o);
          rows[di].perSeed.push(o);
        });
        bar.tick(describePipeline(pipeline) + ', ' + describeParams(params) + ', seed ' + seed);
      });
      var allFolds = data.folds.map(function (_f, i) { return i; });
      rows.forEach(function (c) {
        c.score = spread(c.perSeed.map(function (o) { return o.f1; }));
        c.windowAccuracy = windowAccuracyOnFolds(c, allFolds);
        c.brier = brierOnFolds(c, allFolds);
        c.perfectSeeds = c.perSeed.filter(function (o) { return o.truePositives === o.truths && o.falseEvents === 0; }).length;
        c.bytes = costN ? bytesSum / costN : 0;
        c.perInference = costN ? costSum / costN : 0;
        c.costUnit = unit;
        c.costPerSecond = c.perInference * 1000 / spec.hopMs;
        c.unscoredRecordings = unscored;
        if (options.maxBytes !== undefined && c.bytes > options.maxBytes) c.rejected = Math.round(c.bytes) + ' bytes > ' + options.maxBytes;
        else if (options.maxNodes !== undefined && unit === 'nodes' && c.perInference > options.maxNodes) c.rejected = c.perInference.toFixed(1) + ' nodes > ' + options.maxNodes;
        candidates.push(c);
      });
    });
  });
  bar.done();
  var tieBreak = options.tieBreak || DEFAULT_TIE_BREAK;
  var ranked = rankCandidates(candidates.filter(function (c) { return !c.rejected; }), tieBreak);
  return { candidates: candidates, ranked: ranked, best: ranked.length ? ranked[0] : null, folds: foldNames, tieBreak: tieBreak };
}

/** Mean over seeds of `field` summed over some folds, per scored window of those folds' replays. */
function perWindowOnFolds(c: EventCandidate, folds: number[], field: 'windowsRight' | 'brier'): Spread {
  return spread(c.perSeed.map(function (o) {
    var w = 0, sum = 0;
    folds.forEach(function (f) { w += o.perFold[f].windows; sum += o.perFold[f][field]; });
    return w ? sum / w : NaN;
  }));
}

/** A candidate's window accuracy on some folds only, over seeds. */
export function windowAccuracyOnFolds(c: EventCandidate, folds: number[]): Spread {
  return perWindowOnFolds(c, folds, 'windowsRight');
}

/** Mean Brier score per scored window of a candidate's replays on some folds only, over seeds. */
export function brierOnFolds(c: EventCandidate, folds: number[]): Spread {
  return perWindowOnFolds(c, folds, 'brier');
}

/** A candidate's score on some folds only: mean over seeds of F1 pooled over those folds. */
export function scoreOnFolds(c: EventCandidate, folds: number[]): Spread {
  return spread(c.perSeed.map(function (o) {
    var pooled = { truths: 0, truePositives: 0, detections: 0 };
    folds.forEach(function (f) { var p = o.perFold[f]; pooled.truths += p.truths; pooled.truePositives += p.truePositives; pooled.detections += p.detections; });
    return poolF1(pooled);
  }));
}

export interface NestedChoice { heldOut: string; chosen: EventCandidate; selectionScore: Spread; perSeed: EventCounts[] }

/**
 * The nested protocol: for each fold, the candidate is chosen by the same rule on the OTHER
 * folds only, then its counts on the held-out fold are reported per seed.
 */
export function nestedSelection(result: EventGridResult): NestedChoice[] {
  var pool = result.candidates.filter(function (c) { return !c.rejected; });
  return result.folds.map(function (name, held) {
    var others = result.folds.map(function (_n, i) { return i; }).filter(function (i) { return i !== held; });
    var ranked = rankCandidates(pool.map(function (c) {
      return Object.assign({}, c, { score: scoreOnFolds(c, others), windowAccuracy: windowAccuracyOnFolds(c, others), brier: brierOnFolds(c, others) });
    }), result.tieBreak);
    var chosen = pool.filter(function (c) { return c.key === ranked[0].key; })[0];
    return { heldOut: name, chosen: chosen, selectionScore: ranked[0].score, perSeed: chosen.perSeed.map(function (o) { return o.perFold[held]; }) };
  });
}
