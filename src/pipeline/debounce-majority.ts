// Majority smoothing over the last `size` predictions (idle ones included). The smoothed
// label is the label holding at least minVotes (a strict majority) of them; an event is
// emitted when the smoothed label changes to a non-idle label. Exact rules in docs/pipeline.md.
import type { Debouncer, DetectedGesture } from '../core/types';
import { configError } from '../core/errors';
import { idleLabelOption, numberOption } from '../core/options';

export interface MajorityDebouncerOptions {
  /** Index of the "no gesture" label; -1 when there is none. Required. */
  idleLabel: number;
  /** Predictions considered (9, the original's vote count). */
  size?: number;
  /** Votes a label needs to be the smoothed label; more than size/2 (default floor(size/2)+1). */
  minVotes?: number;
}

export class MajorityDebouncer implements Debouncer {
  idleLabel: number;
  size: number;
  minVotes: number;
  private ring: Int16Array;
  private pos: number;
  private filled: number;
  /** The current smoothed label; -2 before the first majority (labels are >= 0). */
  private smoothed: number;

  constructor(options: MajorityDebouncerOptions) {
    var owner = 'MajorityDebouncer';
    this.idleLabel = idleLabelOption(owner, options);
    this.size = numberOption(owner, options, 'size', 9, 1, true);
    this.minVotes = numberOption(owner, options, 'minVotes', Math.floor(this.size / 2) + 1, 1, true);
    if (this.minVotes * 2 <= this.size || this.minVotes > this.size) {
      throw configError(owner + ': minVotes must be a strict majority of size (' + (Math.floor(this.size / 2) + 1) + '..' + this.size + '), got ' + this.minVotes
      );
    }
    this.ring = new Int16Array(this.size);
    this.pos = 0;
    this.filled = 0;
    this.smoothed = -2;
  }

  update(timeMs: number, label: number, scores?: Float32Array): DetectedGesture | null {
    this.ring[this.pos] = label;
    this.pos = this.pos + 1 === this.size ? 0 : this.pos + 1;
    var justFilled = false;
    if (this.filled < this.size) {
      this.filled++;
      if (this.filled < this.size) return null;
      justFilled = true;
    }
    // Between two full windows only the new label's count went up, so the majority, if
    // any, is the new label or the previous smoothed one; the first full window is scanned.
    var winner = label;
    var votes = this.votesFor(label);
    if (votes < this.minVotes && justFilled) {
      for (var i = 0; i < this.size && votes < this.minVotes; i++) {
        winner = this.ring[i];
        votes = this.votesFor(winner);
      }
    } else if (votes < this.minVotes && this.smoothed >= 0) {
      winner = this.smoothed;
      votes = this.votesFor(winner);
    }
    if (votes < this.minVotes || winner === this.smoothed) return null;
    this.smoothed = winner;
    if (winner === this.idleLabel) return null;
    return { timeMs: timeMs, label: winner, score: votes / this.size };
  }

  reset(): void {
    this.pos = 0;
    this.filled = 0;
    this.smoothed = -2;
  }

  private votesFor(label: number): number {
    var v = 0;
    for (var i = 0; i < this.size; i++) if (this.ring[i] === label) v++;
    return v;
  }
}
