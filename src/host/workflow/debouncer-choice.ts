// Debouncer by name and options, for the CLI, grid search and studies.
import type { Debouncer } from '../../core/types';
import { OriginalDebouncer } from '../../pipeline/debounce-original';
import { ConsecutiveDebouncer } from '../../pipeline/debounce-consecutive';
import { MajorityDebouncer } from '../../pipeline/debounce-majority';

export interface DebouncerChoice {
  /** original: the seed's rule; consecutive: score > minScore for `count` predictions; majority: over the last `count`. */
  kind: 'original' | 'consecutive' | 'majority';
  count?: number;
  minScore?: number;
  refractoryMs?: number;
}

export function makeDebouncer(choice: DebouncerChoice, idleLabel: number): Debouncer {
  switch (choice.kind) {
    case 'original': return new OriginalDebouncer({ idleLabel: idleLabel, votes: choice.count });
    case 'consecutive': return new ConsecutiveDebouncer({ idleLabel: idleLabel, count: choice.count, minScore: choice.minScore, refractoryMs: choice.refractoryMs });
    case 'majority': return new MajorityDebouncer({ idleLabel: idleLabel, size: choice.count });
  }
  throw new Error('unknown debouncer "' + (choice as any).kind + '" (known: original, consecutive, majority)');
}

export function describeDebouncer(c: DebouncerChoice): string {
  if (c.kind === 'original') return 'original (>= ' + (c.count || 9) + ' non-idle over > 450 ms, majority)';
  if (c.kind === 'consecutive') return 'consecutive (' + (c.count || 9) + ' in a row, score > ' + (c.minScore === undefined ? 0.5 : c.minScore) + ', refractory ' + (c.refractoryMs === undefined ? 1000 : c.refractoryMs) + ' ms)';
  return 'majority (last ' + (c.count || 9) + ')';
}
