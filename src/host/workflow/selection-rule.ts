// The rule that picks one candidate of a grid search, documented in docs/toolkit.md:
//   1. the higher mean score over seeds (each seed's score pooled over its folds); then, by
//      default ('brier'), the lower mean Brier score of the same held-out windows: event F1
//      saturates at 1.000 on small validation sets, and the Brier score (a proper scoring
//      rule) still tells how far the model's scores are from the truth, so equal F1 goes to
//      the model with the larger margin. 'accuracy' uses window accuracy there instead;
//      'size' skips this step;
//   2. then the smaller model file (mean bytes over the seeds' models);
//   3. then the lower inference cost per second of data (nodes or multiply-adds per
//      inference x inferences per second, so a longer hop is cheaper);
//   4. then the higher worst seed;
//   5. then the candidate's description in code-point order, so that the choice never
//      depends on the order in which the grid was listed.
// Means closer than TIE_EPSILON count as equal (the same per-seed figures summed in another
// order must not break a tie).

export var TIE_EPSILON = 1e-9;

export interface Spread { mean: number; sd: number; min: number; max: number; n: number }

export function spread(values: number[]): Spread {
  var n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN, min: NaN, max: NaN, n: 0 };
  var sum = 0, min = Infinity, max = -Infinity;
  values.forEach(function (v) { sum += v; if (v < min) min = v; if (v > max) max = v; });
  var mean = sum / n, sq = 0;
  values.forEach(function (v) { sq += (v - mean) * (v - mean); });
  return { mean: mean, sd: n > 1 ? Math.sqrt(sq / (n - 1)) : 0, min: min, max: max, n: n };
}

export interface Rankable {
  score: Spread;
  /** Window accuracy of the scored replays, over seeds (used by the 'accuracy' tie-break). */
  windowAccuracy?: Spread;
  /** Mean Brier score per scored window, over seeds (used by the default 'brier' tie-break; lower is better). */
  brier?: Spread;
  bytes: number;
  /** Inference cost per second of data. */
  costPerSecond: number;
  /** Unique among the candidates: the last, order-free tie-break. */
  key: string;
}

function differs(a: number, b: number): boolean {
  return Math.abs(a - b) > TIE_EPSILON;
}

/**
 * How equal scores are ordered before size: 'brier' (default) by the lower held-out Brier
 * score, 'accuracy' by the higher window accuracy, 'size' straight to the smaller model.
 */
export type TieBreak = 'brier' | 'size' | 'accuracy';
export var TIE_BREAKS: TieBreak[] = ['brier', 'size', 'accuracy'];
export var DEFAULT_TIE_BREAK: TieBreak = 'brier';

/** Negative when a ranks before b. */
export function compareCandidates(a: Rankable, b: Rankable, tieBreak?: TieBreak): number {
  if (differs(a.score.mean, b.score.mean)) return b.score.mean - a.score.mean;
  var rule = tieBreak || DEFAULT_TIE_BREAK;
  // Candidates without a Brier score (e.g. scored without probabilities) skip the step.
  if (rule === 'brier' && a.brier && b.brier && differs(a.brier.mean, b.brier.mean)) return a.brier.mean - b.brier.mean;
  if (rule === 'accuracy') {
    var wa = a.windowAccuracy ? a.windowAccuracy.mean : 0, wb = b.windowAccuracy ? b.windowAccuracy.mean : 0;
    if (differs(wa, wb)) return wb - wa;
  }
  if (a.bytes !== b.bytes) return a.bytes - b.bytes;
  if (differs(a.costPerSecond, b.costPerSecond)) return a.costPerSecond - b.costPerSecond;
  if (differs(a.score.min, b.score.min)) return b.score.min - a.score.min;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Candidates best first by the rule (a sorted copy). */
export function rankCandidates<T extends Rankable>(candidates: T[], tieBreak?: TieBreak): T[] {
  return candidates.slice().sort(function (a, b) { return compareCandidates(a, b, tieBreak); });
}
