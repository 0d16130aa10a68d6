// The original tinyml-esp device's debounce rule, reproduced exactly (docs/pipeline.md):
// non-idle predictions are buffered with their times; once >= 9 are buffered and the
// first and last are more than 450 ms apart, the majority label of the first 9 is the
// event and the buffer is cleared; a buffer whose first and last entries are >= 1000 ms
// apart with <= 9 entries is purged. Only the first `votes` labels, the first and last
// time and the count matter, so the buffer is fixed-size however many predictions arrive.
import type { Debouncer, DetectedGesture } from '../core/types';
import { idleLabelOption, numberOption } from '../core/options';

export interface OriginalDebouncerOptions {
  /** Index of the "no gesture" label (never buffered); -1 when there is none. Required. */
  idleLabel: number;
  /** Entries needed, and how many of the first ones vote (9). */
  votes?: number;
  /** The buffer must span more than this (450 ms). */
  minSpanMs?: number;
  /** Purge a buffer spanning at least this (1000 ms)... */
  purgeSpanMs?: number;
  /** ...that holds at most this many entries (default: votes, i.e. 9). */
  purgeMaxEntries?: number;
}

export class OriginalDebouncer implements Debouncer {
  idleLabel: number;
  votes: number;
  minSpanMs: number;
  purgeSpanMs: number;
  purgeMaxEntries: number;
  private labels: Int16Array;
  private count: number;
  private firstMs: number;
  private lastMs: number;

  constructor(options: OriginalDebouncerOptions) {
    var owner = 'OriginalDebouncer';
    this.idleLabel = idleLabelOption(owner, options);
    this.votes = numberOption(owner, options, 'votes', 9, 1, true);
    this.minSpanMs = numberOption(owner, options, 'minSpanMs', 450, 0);
    this.purgeSpanMs = numberOption(owner, options, 'purgeSpanMs', 1000, 0);
    this.purgeMaxEntries = numberOption(owner, options, 'purgeMaxEntries', this.votes, 0, true);
    this.labels = new Int16Array(this.votes);
    this.count = 0;
    this.firstMs = 0;
    this.lastMs = 0;
  }

  update(timeMs: number, label: number, scores?: Float32Array): DetectedGesture | null {
    if (label !== this.idleLabel) {
      if (this.count < this.votes) this.labels[this.count] = label;
      if (this.count === 0) this.firstMs = timeMs;
      this.lastMs = timeMs;
      this.count++;
    }
    var span = this.count >= 2 ? this.lastMs - this.firstMs : 0;
    if (this.count >= this.votes && span > this.minSpanMs) {
      var event = this.majority(timeMs);
      this.count = 0;
      return event;
    }
    if (this.count <= this.purgeMaxEntries && span >= this.purgeSpanMs) this.count = 0;
    return null;
  }

  reset(): void {
    this.count = 0;
  }

  /** Majority of the first `votes` labels; a tie goes to the lowest label index. */
  private majority(timeMs: number): DetectedGesture {
    var labels = this.labels;
    var n = this.votes;
    var best = -1;
    var bestVotes = 0;
    for (var i = 0; i < n; i++) {
      var v = 0;
      for (var j = 0; j < n; j++) if (labels[j] === labels[i]) v++;
      if (v > bestVotes || (v === bestVotes && labels[i] < best)) {
        best = labels[i];
        bestVotes = v;
      }
    }
    return { timeMs: timeMs, label: best, score: bestVotes / n };
  }
}
