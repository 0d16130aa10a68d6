// A millisecond clock for measuring inference time: getTime() on Espruino,
// performance.now() or Date.now() on the host.
import { clockMs } from '../core/clock';

declare var performance: { now(): number } | undefined;

export function nowMs(): number {
  if (typeof E === 'undefined' && typeof performance !== 'undefined' && performance && typeof performance.now === 'function') return performance.now();
  return clockMs();
}
