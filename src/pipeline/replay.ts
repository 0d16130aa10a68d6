// Runs recorded samples through the real streaming Windower, so host training sets and
// evaluation see exactly the feature vectors the device computes.
import type { FeatureSpec } from '../core/types';
import { Windower } from './windower';
import type { WindowerOptions } from './windower';

/** Called per window with its time, the reused feature vector and the index of its last row. */
export type RecordingWindowHandler = (timeMs: number, features: Float32Array, lastRow: number) => void;

/**
 * Feeds `rows` (each the values of one sample in `channels` order) at `rateHz` through a
 * Windower built from `spec`, calling onWindow for every window. `times` gives each row's
 * time in ms (default: row index * 1000 / rateHz); a gap in them restarts windowing as on the
 * device (`options.maxGapMs`). Returns the number of windows.
 * The feature vector is reused between calls: copy it (e.g. `new Float32Array(f)`) to keep it.
 */
export function windowsFromRecording(
  spec: FeatureSpec,
  channels: string[],
  rateHz: number,
  rows: ArrayLike<ArrayLike<number>>,
  onWindow: RecordingWindowHandler,
  times?: ArrayLike<number>,
  options?: WindowerOptions
): number {
  var row = 0;
  var count = 0;
  var windower = new Windower(spec, channels, rateHz, function (timeMs, features) {
    count++;
    onWindow(timeMs, features, row);
  }, options);
  for (row = 0; row < rows.length; row++) {
    windower.push(times ? times[row] : (row * 1000) / rateHz, rows[row]);
  }
  return count;
}
