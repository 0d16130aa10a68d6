// The original study's dataset variants on its tabular windows are row selections by
// `shift` (window start offset from the hand-labelled start, in 10 ms steps; see the seed's
// ORIGIN.md). Ranges are data here, so a user can define their own.
import type { WindowTable } from '../readers/window-table';

export interface ShiftRule {
  /**
   * Class indices this rule applies to; 'others' = every class no other rule of the variant
   * names (so a table with more classes than the seed's four keeps them all).
   */
  labels: number[] | 'others';
  minShift: number;
  maxShift: number;
}

export var SEED_VARIANT_RULES: { [name: string]: ShiftRule[] } = {
  base: [{ labels: 'others', minShift: 0, maxShift: 0 }],
  centered: [{ labels: [1, 2], minShift: -20, maxShift: -20 }, { labels: 'others', minShift: 0, maxShift: 0 }],
  'centered-aug': [{ labels: [1, 2], minShift: -20, maxShift: -15 }, { labels: 'others', minShift: -2, maxShift: 2 }],
  end: [{ labels: [1, 2], minShift: -37, maxShift: -37 }, { labels: 'others', minShift: 0, maxShift: 0 }],
  // Not in the original study: every labelled shift, so the model sees a gesture at every
  // offset the table has (what a streaming device meets).
  all: [{ labels: 'others', minShift: -37, maxShift: 5 }],
};

export interface SeedSelectOptions {
  /** Also keep the extra no-movement windows (shift -99). Default false. */
  extraIdle?: boolean;
}

/** Indices of the table rows a variant keeps. */
export function selectSeedVariant(table: WindowTable, rules: ShiftRule[] | string, options?: SeedSelectOptions): number[] {
  var r = typeof rules === 'string' ? SEED_VARIANT_RULES[rules] : rules;
  if (!r) throw new Error('unknown seed variant "' + rules + '" (known: ' + Object.keys(SEED_VARIANT_RULES).join(', ') + ')');
  var extraIdle = !!(options && options.extraIdle);
  var out: number[] = [];
  var named: number[] = [];
  r.forEach(function (rule) { if (rule.labels !== 'others') named = named.concat(rule.labels); });
  for (var i = 0; i < table.rows.length; i++) {
    var label = table.labels[i], shift = table.shifts[i];
    if (shift === -99) { if (extraIdle) out.push(i); continue; }
    for (var j = 0; j < r.length; j++) {
      var labels = r[j].labels;
      var applies = labels === 'others' ? named.indexOf(label) < 0 : labels.indexOf(label) >= 0;
      if (applies && shift >= r[j].minShift && shift <= r[j].maxShift) { out.push(i); break; }
    }
  }
  return out;
}
