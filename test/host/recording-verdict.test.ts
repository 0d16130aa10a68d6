// The per-recording verdict of whole-series scoring: a majority vote whose ties never depend
// on the order of the windows.
import { describe, it, expect } from 'vitest';
import { majorityVerdict, summarizeVerdicts, verdictsByGroup } from '../../src/host/eval/recording-verdict';

describe('majorityVerdict', () => {
  it('gives the label most windows predicted', () => {
    expect(majorityVerdict([2, 1, 2, 0, 2], 3)).toEqual({ label: 2, votes: 3, windows: 5 });
  });

  it('breaks a tie by the larger summed score, then by label order, in any window order', () => {
    // labels 0 and 1 both get 2 votes; 1's windows were more certain.
    expect(majorityVerdict([0, 1, 0, 1], 2, [0.6, 0.9, 0.5, 0.8]).label).toBe(1);
    expect(majorityVerdict([1, 0, 1, 0], 2, [0.9, 0.6, 0.8, 0.5]).label).toBe(1);
    // equal scores (or none): the smaller label index.
    expect(majorityVerdict([1, 0], 2, [0.7, 0.7]).label).toBe(0);
    expect(majorityVerdict([1, 0], 2).label).toBe(0);
  });

  it('has no verdict for a recording without windows', () => {
    expect(majorityVerdict([], 4)).toEqual({ label: -1, votes: 0, windows: 0 });
  });
});

describe('summarizeVerdicts', () => {
  it('scores recordings, not windows, and lists the unscored ones', () => {
    var v = verdictsByGroup(['a', 'a', 'a', 'b', 'b', 'c'], [0, 0, 0, 1, 1, 1], [0, 1, 0, 0, 0, 1], 2);
    expect(v.map((x) => [x.recording, x.truth, x.label])).toEqual([['a', 0, 0], ['b', 1, 0], ['c', 1, 1]]);
    var s = summarizeVerdicts(v.concat([{ recording: 'd', truth: 1, label: -1, votes: 0, windows: 0 }]), ['x', 'y']);
    expect(s.scored).toBe(3);
    expect(s.correct).toBe(2);
    expect(s.accuracy).toBeCloseTo(2 / 3, 12);
    expect(s.unscored).toEqual(['d']);
    expect(s.metrics.confusion).toEqual([[1, 0], [1, 1]]);
  });
});
