// `--window whole`: one window covering a whole recording, for whole-series data (fixed-length
// activity clips, one class per file). The window is sized from the shortest recording, so
// that every recording gives at least one window; longer ones give several, one per hop.
import type { Recording } from '../recording';

export interface WholeWindow {
  windowMs: number;
  /** Samples of the shortest and the longest recording, and the shortest one's file. */
  shortest: number;
  longest: number;
  shortestFile: string;
  /** Set when the recordings differ in length: what that means for the windows. */
  note: string | null;
}

/**
 * The longest window the shortest recording holds at `rateHz` (after downsampling by
 * sourceRate / rateHz): 'pick' spans (points - 1) * k + 1 samples, 'mean' points * k.
 */
export function wholeWindow(recordings: Recording[], rateHz: number, downsample: 'pick' | 'mean' | undefined, hopMs: number): WholeWindow {
  if (!recordings.length) throw new Error('--window whole needs recordings');
  var sourceRate = recordings[0].rateHz;
  var k = Math.round(sourceRate / rateHz);
  var shortest = recordings[0], longest = recordings[0];
  recordings.forEach(function (r) {
    if (r.timesMs.length < shortest.timesMs.length) shortest = r;
    if (r.timesMs.length > longest.timesMs.length) longest = r;
  });
  var n = shortest.timesMs.length;
  var points = downsample === 'mean' ? Math.floor(n / k) : Math.floor((n - 1) / k) + 1;
  if (points < 2) {
    throw new Error('--window whole: ' + shortest.source + ' has ' + n + ' sample' + (n === 1 ? '' : 's') + ', too short for a window of 2 points at ' + rateHz + ' Hz; leave it out or give --window MS');
  }
  var windowMs = (downsample === 'mean' ? points : points - 1) * 1000 / rateHz;
  var sec = function (r: Recording) { return (r.timesMs.length / sourceRate).toFixed(2) + ' s'; };
  var note = longest.timesMs.length === n ? null :
    '--window whole: the recordings differ in length (' + sec(shortest) + ' to ' + sec(longest) + '); the window is ' + +windowMs.toFixed(3) +
    ' ms, sized from the shortest (' + shortest.source + '), so the longer ones give several windows each, one every ' + hopMs +
    ' ms (--hop); give --window MS for another length';
  return { windowMs: +windowMs.toFixed(6), shortest: n, longest: longest.timesMs.length, shortestFile: shortest.source, note: note };
}
