// Grid search over model and pipeline choices under device constraints: the model file must
// fit a byte budget and a prediction must visit at most so many tree nodes. Candidates are
// scored by the caller's evaluation (leave-one-recording-out, hold-out, ...).
import type { FeatureSpec } from '../../core/types';
import type { ModelKindName, ModelParams, Labelled } from './train-model';
import { trainModel } from './train-model';
import { modelCost, ModelCost } from './model-cost';
import { createProgress, ProgressSink } from '../progress';
import { TIE_EPSILON } from './selection-rule';

export interface GridSpace {
  kinds: ModelKindName[];
  trees: number[];
  maxDepth: number[];
  minSamplesLeaf: number[];
  channels: string[][];
  rateHz: number[];
  variants: string[];
}

export interface GridConstraints {
  /** Largest model file allowed, bytes. */
  maxBytes?: number;
  /** Most tree nodes a prediction may visit (forests). */
  maxNodes?: number;
}

/** What a candidate's pipeline choices produce: data to score and to size the final model. */
export interface GridData { spec: FeatureSpec; data: Labelled }

export interface GridCandidate {
  params: ModelParams;
  channels: string[];
  rateHz: number;
  variant: string;
  accuracy: number;
  macroF1: number;
  cost: ModelCost;
  /** Why it was rejected (a constraint), or null. */
  rejected: string | null;
}

export interface GridResult { candidates: GridCandidate[]; best: GridCandidate | null }

export function gridSearch(
  space: GridSpace,
  constraints: GridConstraints,
  prepare: (channels: string[], rateHz: number, variant: string) => GridData,
  score: (prepared: GridData, params: ModelParams) => { accuracy: number; macroF1: number },
  options?: { seed?: number; progress?: ProgressSink | null }
): GridResult {
  var seed = options && options.seed !== undefined ? options.seed : 1;
  var modelGrid = expandModels(space, seed);
  var total = space.channels.length * space.rateHz.length * space.variants.length * modelGrid.length;
  var bar = createProgress(total, 'grid search', options && options.progress);
  var candidates: GridCandidate[] = [];
  space.channels.forEach(function (channels) {
    space.rateHz.forEach(function (rate) {
      space.variants.forEach(function (variant) {
        var prepared = prepare(channels, rate, variant);
        modelGrid.forEach(function (params) {
          var s = score(prepared, params);
          var model = trainModel(prepared.data, params);
          var cost = modelCost(prepared.spec, model, prepared.data.X);
          var rejected: string | null = null;
          if (constraints.maxBytes !== undefined && cost.bytes > constraints.maxBytes) rejected = cost.bytes + ' bytes > ' + constraints.maxBytes;
          else if (constraints.maxNodes !== undefined && cost.unit === 'nodes' && cost.perInference > constraints.maxNodes) rejected = cost.perInference.toFixed(1) + ' nodes > ' + constraints.maxNodes;
          candidates.push({ params: params, channels: channels, rateHz: rate, variant: variant, accuracy: s.accuracy, macroF1: s.macroF1, cost: cost, rejected: rejected });
          bar.tick(params.kind + ' ' + rate + 'Hz ' + variant);
        });
      });
    });
  });
  bar.done();
  // Ties go to the smaller, then cheaper model, then a fixed key: never to the list order.
  var best: GridCandidate | null = null;
  candidates.forEach(function (c) {
    if (!c.rejected && (!best || windowRule(c, best) < 0)) best = c;
  });
  return { candidates: candidates, best: best };
}

function gridKey(c: GridCandidate): string {
  return describeParams(c.params) + '/' + c.channels.join('+') + '/' + c.rateHz + '/' + c.variant;
}

/** Negative when a ranks before b: accuracy, macro F1, bytes, nodes per inference, key. */
export function windowRule(a: GridCandidate, b: GridCandidate): number {
  var eps = TIE_EPSILON;
  if (Math.abs(a.accuracy - b.accuracy) > eps) return b.accuracy - a.accuracy;
  if (Math.abs(a.macroF1 - b.macroF1) > eps) return b.macroF1 - a.macroF1;
  if (a.cost.bytes !== b.cost.bytes) return a.cost.bytes - b.cost.bytes;
  if (Math.abs(a.cost.perInference - b.cost.perInference) > eps) return a.cost.perInference - b.cost.perInference;
  var ka = gridKey(a), kb = gridKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Every model of kinds x trees x depth x leaf (one for nc/nb, trees 1 for dt), with `seed`. */
export function expandModels(space: Pick<GridSpace, 'kinds' | 'trees' | 'maxDepth' | 'minSamplesLeaf'>, seed?: number): ModelParams[] {
  var out: ModelParams[] = [];
  space.kinds.forEach(function (kind) {
    if (kind === 'nc' || kind === 'nb') { out.push({ kind: kind, seed: seed }); return; }
    var trees = kind === 'dt' ? [1] : space.trees;
    trees.forEach(function (t) {
      space.maxDepth.forEach(function (d) {
        space.minSamplesLeaf.forEach(function (leaf) {
          out.push({ kind: kind, trees: t, maxDepth: d, minSamplesLeaf: leaf, seed: seed });
        });
      });
    });
  });
  return out;
}

export function describeParams(p: ModelParams): string {
  if (p.kind === 'nc' || p.kind === 'nb') return p.kind;
  var depth = p.maxDepth === 0 ? 'unlimited' : p.maxDepth !== undefined ? String(p.maxDepth) : p.kind === 'dt' ? 'unlimited' : '8';
  return p.kind + (p.kind === 'dt' ? '' : ' ' + (p.trees || 10) + ' trees') + ', depth ' + depth + ', leaf ' + (p.minSamplesLeaf || 1);
}
