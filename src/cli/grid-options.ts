// The grid dimensions `train --grid` reads beyond the model's: seeds, pipeline (features,
// statistics, window, hop) and debouncer lists. Feature kinds are not listed here: whatever
// the spec accepts is a valid --grid-features entry (makeSpec refuses the rest, named).
import type { StatName } from '../core/types';
import type { DebouncerChoice } from '../host/workflow/debouncer-choice';
import { Parsed, list, usageError } from './args';

/** "1-20", "1,3,5" or "1-5,9": whole numbers, each once, in the order given. */
export function parseSeeds(text: string, option?: string): number[] {
  var name = '--' + (option || 'seeds');
  var out: number[] = [];
  String(text).split(',').forEach(function (part) {
    var p = part.trim();
    var m = /^(\d+)(?:-(\d+))?$/.exec(p);
    if (!m) throw usageError(name + ' takes whole numbers and ranges like 1-20 or 1,3,5, got "' + p + '"');
    var lo = Number(m[1]), hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) throw usageError(name + ': range ' + p + ' runs backwards');
    if (hi - lo > 10000) throw usageError(name + ': range ' + p + ' is too long (at most 10,001 seeds)');
    for (var s = lo; s <= hi; s++) if (out.indexOf(s) < 0) out.push(s);
  });
  if (!out.length) throw usageError(name + ' needs at least one seed');
  return out;
}

/**
 * One debouncer per entry, "kind[:count[:minScore[:refractoryMs]]]": original, original:9,
 * consecutive:3:0.5, consecutive:4:0.6:800, majority:9.
 */
export function parseDebouncers(text: string): DebouncerChoice[] {
  return String(text).split(',').map(function (s) { return s.trim(); }).filter(function (s) { return s !== ''; }).map(function (entry) {
    var parts = entry.split(':');
    var kind = parts[0];
    if (kind !== 'original' && kind !== 'consecutive' && kind !== 'majority') {
      throw usageError('--grid-debouncers: "' + entry + '": the kind must be original, consecutive or majority');
    }
    var most = kind === 'consecutive' ? 4 : 2;
    if (parts.length > most) throw usageError('--grid-debouncers: "' + entry + '" has too many fields (' + kind + (kind === 'consecutive' ? ':COUNT:MIN_SCORE:REFRACTORY_MS' : ':COUNT') + ')');
    var nums = parts.slice(1).map(function (x) {
      var n = Number(x);
      if (x === '' || !isFinite(n)) throw usageError('--grid-debouncers: "' + entry + '": "' + x + '" is not a number');
      return n;
    });
    if (nums.length && (nums[0] < 1 || Math.floor(nums[0]) !== nums[0])) throw usageError('--grid-debouncers: "' + entry + '": the count must be a whole number >= 1');
    if (nums.length > 1 && (nums[1] < 0 || nums[1] >= 1)) throw usageError('--grid-debouncers: "' + entry + '": the minimum score must be in [0, 1)');
    var d: DebouncerChoice = { kind: kind };
    if (nums.length) d.count = nums[0];
    if (nums.length > 1) d.minScore = nums[1];
    if (nums.length > 2) d.refractoryMs = nums[2];
    return d;
  });
}

/** --grid-stats "mean+std,mean+std+min+max": one statistics list per entry. */
export function statsLists(v: Parsed['values']): StatName[][] | undefined {
  var entries = list(v, 'grid-stats');
  return entries ? entries.map(function (e) { return e.split('+').map(function (s) { return s.trim(); }) as StatName[]; }) : undefined;
}
