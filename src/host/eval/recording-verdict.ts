// A per-recording verdict for whole-series data (one activity per file): the majority vote of
// the recording's window predictions, as whole-series classifiers score a clip.
import type { WindowMetrics } from './window-metrics';
import { windowMetrics } from './window-metrics';

export interface Verdict {
  /** Winning label index, -1 when the recording gave no window. */
  label: number;
  /** Windows that voted for it. */
  votes: number;
  /** Windows of the recording (voters). */
  windows: number;
}

/**
 * Most windows win; a tie goes to the label with the larger summed score (when scores are
 * given: the classifier's own score of each winning window), then to the smaller label index,
 * so the verdict never depends on the order of the windows.
 */
export function majorityVerdict(predictions: ArrayLike<number>, labelCount: number, scores?: ArrayLike<number>): Verdict {
  var votes: number[] = [], sums: number[] = [];
  for (var c = 0; c < labelCount; c++) { votes.push(0); sums.push(0); }
  for (var i = 0; i < predictions.length; i++) {
    votes[predictions[i]]++;
    sums[predictions[i]] += scores ? scores[i] : 0;
  }
  var best = -1;
  for (c = 0; c < labelCount; c++) {
    if (votes[c] === 0) continue;
    if (best < 0 || votes[c] > votes[best] || (votes[c] === votes[best] && sums[c] > sums[best])) best = c;
  }
  return { label: best, votes: best < 0 ? 0 : votes[best], windows: predictions.length };
}

export interface RecordingVerdict extends Verdict {
  recording: string;
  /** Label index of the recording's whole label. */
  truth: number;
}

export interface VerdictSummary {
  /** Recordings labelled as a whole that gave at least one window. */
  scored: number;
  correct: number;
  accuracy: number;
  /** Recordings labelled as a whole that gave no window (shorter than the model's window). */
  unscored: string[];
  /** Metrics over recordings, not windows (confusion rows truth). */
  metrics: WindowMetrics;
}

export function summarizeVerdicts(verdicts: RecordingVerdict[], labels: string[]): VerdictSummary {
  var scored = verdicts.filter(function (v) { return v.label >= 0; });
  var correct = scored.filter(function (v) { return v.label === v.truth; }).length;
  return {
    scored: scored.length, correct: correct, accuracy: scored.length ? correct / scored.length : NaN,
    unscored: verdicts.filter(function (v) { return v.label < 0; }).map(function (v) { return v.recording; }),
    metrics: windowMetrics(scored.map(function (v) { return v.truth; }), scored.map(function (v) { return v.label; }), labels),
  };
}

/** Verdicts per group of windows (e.g. per recording), from window truths and predictions. */
export function verdictsByGroup(groups: string[], truth: number[], predicted: number[], labelCount: number): RecordingVerdict[] {
  var order: string[] = [], rows: { [g: string]: number[] } = {};
  groups.forEach(function (g, i) {
    if (!rows[g]) { rows[g] = []; order.push(g); }
    rows[g].push(i);
  });
  return order.map(function (g) {
    var v = majorityVerdict(rows[g].map(function (i) { return predicted[i]; }), labelCount);
    return Object.assign(v, { recording: g, truth: truth[rows[g][0]] });
  });
}
