// Selection by event F1 over seeds: one replay serves every debouncer, the winner does not
// depend on the order of any grid list, and the nested protocol never looks at the fold it
// scores. On the seed streams (read from ../shared, never copied here).
import { describe, it, expect, beforeAll } from 'vitest';
import * as path from 'node:path';
import { loadSeedData, seedEventGridData, seedPipelines, variantData, seedSpec, SeedData } from '../../src/host/workflow/seed-study';
import { readLabelsCsv } from '../../src/host/labels/labels-csv';
import { eventGridSearch, nestedSelection, EventGridResult, PipelineChoice } from '../../src/host/workflow/event-grid';
import { compareCandidates, rankCandidates, spread, Rankable } from '../../src/host/workflow/selection-rule';
import { replayRecording } from '../../src/host/eval/replay';
import { debounceReplay } from '../../src/host/eval/debounce-replay';
import { trainModel, ModelParams } from '../../src/host/workflow/train-model';
import { makeDebouncer, DebouncerChoice } from '../../src/host/workflow/debouncer-choice';
import type { LabeledEvent } from '../../src/host/labels/events';

const SEED = path.resolve(__dirname, '../../../shared/data/seed/data');
const LABELS = path.resolve(__dirname, '../fixtures/seed-validation-labels.csv');
let data: SeedData;
let labels: LabeledEvent[];
beforeAll(() => { data = loadSeedData(SEED); labels = readLabelsCsv(LABELS); });

const MODELS: ModelParams[] = [{ kind: 'dt' }, { kind: 'dt', minSamplesLeaf: 3 }, { kind: 'rf', trees: 3, maxDepth: 4 }];
const DEBOUNCERS: DebouncerChoice[] = [
  { kind: 'original' },
  { kind: 'consecutive', count: 2, minScore: 0.5, refractoryMs: 1000 },
  { kind: 'consecutive', count: 3, minScore: 0.5, refractoryMs: 1000 },
  { kind: 'majority', count: 5 },
];

function search(pipelines: PipelineChoice[], models: ModelParams[], debouncers: DebouncerChoice[]): EventGridResult {
  return eventGridSearch(pipelines, models, debouncers, seedEventGridData(data), { seeds: [1, 2], events: labels, toleranceMs: 1000 });
}

describe('debounceReplay', () => {
  it('gives exactly the events of a full replay with that debouncer', () => {
    const spec = seedSpec(data.table, 20);
    const classifier = trainModel(variantData(data.table, 'base'), { kind: 'rf', trees: 3, maxDepth: 4, seed: 1 });
    for (const d of DEBOUNCERS) {
      for (const r of data.recordings) {
        const plain = replayRecording(r.recording, { spec, classifier });
        const full = replayRecording(r.recording, { spec, classifier }, makeDebouncer(d, spec.idleLabel));
        const again = debounceReplay(plain, spec.labels, makeDebouncer(d, spec.idleLabel));
        expect(again, d.kind + ' ' + r.gesture).toEqual(full.events);
      }
    }
  });
});

describe('event grid search over seeds', () => {
  let result: EventGridResult;
  let pipelines: PipelineChoice[];
  beforeAll(() => {
    pipelines = seedPipelines(data, ['base', 'end'], [20, 50]);
    result = search(pipelines, MODELS, DEBOUNCERS);
  });

  it('scores every pipeline x model x debouncer by event F1 per seed, with its spread and cost', () => {
    expect(result.candidates.length).toBe(pipelines.length * MODELS.length * DEBOUNCERS.length);
    expect(result.folds).toEqual(['circle', 'x', 'y']);
    for (const c of result.candidates) {
      expect(c.perSeed.map((o) => o.seed)).toEqual([1, 2]);
      expect(c.perSeed.every((o) => o.truths === 16 && o.perFold.length === 3)).toBe(true);
      expect(c.score.min).toBeLessThanOrEqual(c.score.mean);
      expect(c.score.max).toBeGreaterThanOrEqual(c.score.mean);
      expect(c.bytes).toBeGreaterThan(0);
      expect(c.costPerSecond).toBeCloseTo(c.perInference * 1000 / c.spec.hopMs, 6);
    }
    // The debouncer carries the result: on the same replays, original and consecutive differ.
    const sameModel = result.candidates.filter((c) => c.pipeline.variant === 'base' && c.spec.hopMs === 20 && c.params.kind === 'dt' && !c.params.minSamplesLeaf);
    expect(new Set(sameModel.map((c) => c.score.mean)).size).toBeGreaterThan(1);
    // Ranked by the rule: no later candidate beats an earlier one.
    for (let i = 1; i < result.ranked.length; i++) expect(compareCandidates(result.ranked[i - 1], result.ranked[i])).toBeLessThan(0);
  });

  it('picks the same candidate, and ranks all the same, whatever the order of the lists', () => {
    const reversed = search(pipelines.slice().reverse(), MODELS.slice().reverse(), DEBOUNCERS.slice().reverse());
    const shuffled = search([pipelines[2], pipelines[0], pipelines[3], pipelines[1]], [MODELS[1], MODELS[2], MODELS[0]], [DEBOUNCERS[2], DEBOUNCERS[0], DEBOUNCERS[3], DEBOUNCERS[1]]);
    expect(reversed.best!.key).toBe(result.best!.key);
    expect(shuffled.best!.key).toBe(result.best!.key);
    expect(reversed.ranked.map((c) => c.key)).toEqual(result.ranked.map((c) => c.key));
    // Ties at the top exist here (several candidates are perfect on both seeds): the rule, not the order, broke them.
    const top = result.ranked.filter((c) => Math.abs(c.score.mean - result.best!.score.mean) < 1e-9);
    expect(top.length).toBeGreaterThan(1);
  });

  it('scores each candidate\'s held-out windows by the Brier score: 0 right and 2 wrong for one-hot scores', () => {
    for (const c of result.candidates) {
      expect(c.brier.min).toBeGreaterThanOrEqual(0);
      expect(c.brier.max).toBeLessThanOrEqual(2);
    }
    // A leaf-1 tree scores 1 for its label (leaves are pure): its Brier is 2 x its window error.
    const tree = result.candidates.find((c) => c.params.kind === 'dt' && !c.params.minSamplesLeaf)!;
    expect(tree.brier.mean).toBeCloseTo(2 * (1 - tree.windowAccuracy.mean), 2);
    // The forest's averaged votes sit nearer the truth than its hard labels would.
    const forest = result.candidates.find((c) => c.params.kind === 'rf')!;
    expect(forest.brier.mean).toBeLessThan(2 * (1 - forest.windowAccuracy.mean));
  });

  it('the nested protocol chooses each fold\'s candidate without looking at that fold', () => {
    const nested = nestedSelection(result);
    expect(nested.map((n) => n.heldOut)).toEqual(['circle', 'x', 'y']);
    // Scramble every candidate's counts on the held-out fold: that fold's choice must not move.
    nested.forEach((n, held) => {
      const scrambled: EventGridResult = Object.assign({}, result, {
        candidates: result.candidates.map((c, i) => Object.assign({}, c, {
          perSeed: c.perSeed.map((o) => Object.assign({}, o, {
            perFold: o.perFold.map((f, fi) => fi === held ? { truths: f.truths, truePositives: (i * 7) % (f.truths + 1), detections: f.truths + (i % 3), wrongGestureEvents: 0, durationMs: f.durationMs, windows: f.windows, windowsRight: 0, brier: f.windows * ((i * 13) % 7) / 7 } : f),
          })),
        })),
      });
      expect(nestedSelection(scrambled)[held].chosen.key).toBe(n.chosen.key);
    });
  });
});

describe('the configuration the selection picks on the seed streams (docs/results.md)', () => {
  it('equal event F1 goes to the lower Brier score: the extra-trees forest over the smaller tree, both perfect on at least 19 of seeds 1-20', () => {
    const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
    const r = eventGridSearch(seedPipelines(data, ['base', 'centered-aug'], [50]), [{ kind: 'dt', minSamplesLeaf: 3 }, { kind: 'et', trees: 30, maxDepth: 8 }],
      [{ kind: 'consecutive', count: 2, minScore: 0.5, refractoryMs: 1000 }], seedEventGridData(data), { seeds, events: labels, toleranceMs: 1000 });
    const tree = r.candidates.find((c) => c.pipeline.variant === 'base' && c.params.kind === 'dt')!;
    const forest = r.candidates.find((c) => c.pipeline.variant === 'centered-aug' && c.params.kind === 'et')!;
    for (const c of [tree, forest]) {
      expect(c.perSeed.every((o) => o.truths === 16)).toBe(true);
      expect(c.perfectSeeds).toBeGreaterThanOrEqual(19);
      expect(c.perSeed.filter((o) => o.wrongGestureEvents > 0).length).toBeLessThanOrEqual(1);
    }
    expect(forest.brier.mean).toBeLessThan(tree.brier.mean);
    expect(r.best!.key).toBe(forest.key);
    expect(rankCandidates(r.candidates, 'size')[0].key).toBe(tree.key);
  });
});

describe('the selection rule', () => {
  const c = (mean: number, bytes: number, costPerSecond: number, min: number, key: string): Rankable =>
    ({ score: Object.assign(spread([mean]), { min: min }), bytes, costPerSecond, key });

  it('mean first, then the smaller file, then the cheaper inference per second, then the worst seed, then the key', () => {
    expect(compareCandidates(c(0.9, 5000, 900, 0.9, 'b'), c(0.8, 100, 10, 0.8, 'a'))).toBeLessThan(0);
    expect(compareCandidates(c(0.9, 100, 900, 0.9, 'b'), c(0.9 + 1e-12, 5000, 10, 0.9, 'a'))).toBeLessThan(0); // equal means: bytes decide
    expect(compareCandidates(c(0.9, 100, 10, 0.5, 'b'), c(0.9, 100, 900, 0.9, 'a'))).toBeLessThan(0);
    expect(compareCandidates(c(0.9, 100, 10, 0.9, 'b'), c(0.9, 100, 10, 0.5, 'a'))).toBeLessThan(0);
    expect(compareCandidates(c(0.9, 100, 10, 0.9, 'a'), c(0.9, 100, 10, 0.9, 'b'))).toBeLessThan(0);
  });

  it('with the accuracy tie-break, equal means go to the higher window accuracy before the smaller file', () => {
    const big = Object.assign(c(0.9, 5000, 900, 0.9, 'b'), { windowAccuracy: spread([0.8]) });
    const small = Object.assign(c(0.9, 100, 10, 0.9, 'a'), { windowAccuracy: spread([0.7]) });
    expect(compareCandidates(small, big)).toBeLessThan(0);
    expect(compareCandidates(big, small, 'accuracy')).toBeLessThan(0);
    expect(rankCandidates([small, big], 'accuracy')[0].key).toBe('b');
    expect(rankCandidates([big, small], 'accuracy')[0].key).toBe('b');
  });

  it('on a constructed grid tied at F1 1.000: the lowest Brier score wins, equal Brier goes to the smaller file, F1 still comes first', () => {
    const withBrier = (r: Rankable, b: number) => Object.assign(r, { brier: spread([b]) });
    const grid = [
      withBrier(c(1, 276, 50, 1, 'tree'), 0.63),          // smallest, but its scores are far from the truth
      withBrier(c(1, 7647, 3395, 1, 'extra trees'), 0.41),
      withBrier(c(1, 5142, 2739, 1, 'forest'), 0.41 + 1e-12), // equal Brier (within 1e-9): the smaller file decides
      withBrier(c(0.99, 100, 10, 0.9, 'tiny'), 0.1),        // best Brier and smallest, but a lower event F1
      c(1, 200, 40, 1, 'no scores'),                        // no Brier: the step is skipped against it
    ];
    const tied = grid.slice(0, 4);
    expect(rankCandidates(tied).map((r) => r.key)).toEqual(['forest', 'extra trees', 'tree', 'tiny']);
    expect(rankCandidates(tied, 'size').map((r) => r.key)).toEqual(['tree', 'forest', 'extra trees', 'tiny']);
    expect(compareCandidates(grid[4], grid[0])).toBeLessThan(0); // without a Brier score: bytes decide
    // Order-free: every permutation of the tied grid ranks the same.
    const perms = (a: number[]): number[][] => a.length <= 1 ? [a] : a.flatMap((x, i) => perms(a.slice(0, i).concat(a.slice(i + 1))).map((p) => [x].concat(p)));
    for (const p of perms([0, 1, 2, 3])) expect(rankCandidates(p.map((i) => tied[i])).map((r) => r.key)).toEqual(['forest', 'extra trees', 'tree', 'tiny']);
  });

  it('gives every permutation of a fully tied list the same winner', () => {
    const list = ['d', 'a', 'c', 'b'].map((k) => c(1, 276, 50, 1, k));
    const perms = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]];
    for (const p of perms) expect(rankCandidates(p.map((i) => list[i]))[0].key).toBe('a');
  });
});
