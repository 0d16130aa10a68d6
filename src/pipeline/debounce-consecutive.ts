// Consecutive-confidence debouncing: the same non-idle label with a score above minScore
// for `count` predictions in a row is one event; then nothing is emitted (and no run is
// built) for refractoryMs. Exact rules in docs/pipeline.md.
import type { Debouncer, DetectedGesture } from '../core/types';
import { idleLabelOption, numberOption } from '../core/options';

export interface ConsecutiveDebouncerOptions {
  /** Index of the "no gesture" label; -1 when there is none. Required. */
  idleLabel: number;
  /** Predictions in a row needed (9, the original's vote count). */
  count?: number;
  /** A prediction counts when its label's score is strictly above this (0.5). */
  minScore?: number;
  /** Quiet time after an event, measured from the event's time (1000 ms, the original's purge span). */
  refractoryMs?: number;
}

export class ConsecutiveDebouncer implements Debouncer {
  idleLabel: number;
  count: number;
  minScore: number;
  refractoryMs: number;
  private runLabel: number;
  private runLength: number;
  private runScoreSum: number;
  /** No event before this time (the refractory time after the last one; -Infinity when none). */
  quietUntilMs: number;

  constructor(options: ConsecutiveDebouncerOptions) {
    var owner = 'ConsecutiveDebouncer';
    this.idleLabel = idleLabelOption(owner, options);
    this.count = numberOption(owner, options, 'count', 9, 1, true);
    this.minScore = numberOption(owner, options, 'minScore', 0.5, 0);
    this.refractoryMs = numberOption(owner, options, 'refractoryMs', 1000, 0);
    this.runLabel = -1;
    this.runLength = 0;
    this.runScoreSum = 0;
    this.quietUntilMs = -Infinity;
  }

  /** `scores[label]` is the prediction's confidence; without scores every prediction counts as 1. */
  update(timeMs: number, label: number, scores?: Float32Array): DetectedGesture | null {
    var score = scores ? scores[label] : 1;
    if (timeMs < this.quietUntilMs || label === this.idleLabel || !(score > this.minScore)) {
      this.runLength = 0;
      return null;
    }
    if (this.runLength > 0 && label === this.runLabel) {
      this.runLength++;
      this.runScoreSum += score;
    } else {
      this.runLabel = label;
      this.runLength = 1;
      this.runScoreSum = score;
    }
    if (this.runLength < this.count) return null;
    var event = { timeMs: timeMs, label: label, score: this.runScoreSum / this.runLength };
    this.runLength = 0;
    this.quietUntilMs = timeMs + this.refractoryMs;
    return event;
  }

  reset(): void {
    this.runLength = 0;
    this.quietUntilMs = -Infinity;
  }
}
