// Grid search over model and pipeline choices under device constraints: the model file must
// fit a byte budget and a prediction must visit at most so many tree nodes. Candidates are
// scored by the caller's evaluation (leave-one-recording-out, hold-out, ...).
import type { FeatureSpec } from '../../core/types';
import type { ModelKindName, ModelParams, Labelled } from './train-model';
import { trainModel } from './train-model';
import { modelCost, ModelCost } from './model-cost';
import { createProgress, ProgressSink } from '../progress';

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
  var modelGrid: ModelParams[] = [];
  space.kinds.forEach(function (kind) {
    if (kind === 'nc' || kind === 'nb') { modelGrid.push({ kind: kind, seed: seed }); return; }
    var trees = kind === 'dt' ? [1] : space.trees;
    trees.forEach(function (t) {
      space.maxDepth.forEach(function (d) {
        space.minSamplesLeaf.forEach(function (leaf) {
          modelGrid.push({ kind: kind, trees: t, maxDepth: d, minSamplesLeaf: leaf, seed: seed });
        });
      });
    });
  });
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
  var best: GridCandidate | null = null;
  candidates.forEach(function (c) {
    if (c.rejected) return;
    if (!best || c.accuracy > best.accuracy || (c.accuracy === best.accuracy && (c.macroF1 > best.macroF1 || (c.macroF1 === best.macroF1 && c.cost.bytes < best.cost.bytes)))) best = c;
  });
  return { candidates: candidates, best: best };
}

export function describeParams(p: ModelParams): string {
  if (p.kind === 'nc' || p.kind === 'nb') return p.kind;
  var depth = p.maxDepth === 0 ? 'unlimited' : p.maxDepth !== undefined ? String(p.maxDepth) : p.kind === 'dt' ? 'unlimited' : '8';
  return p.kind + (p.kind === 'dt' ? '' : ' ' + (p.trees || 10) + ' trees') + ', depth ' + depth + ', leaf ' + (p.minSamplesLeaf || 1);
}
