// Streaming windower: picks the model's channels out of each source sample, keeps them in
// per-channel rings at the source rate, and every hop builds the downsampled window and
// its feature vector. Hop and span are counted in samples at the source's nominal rate
// (the sensor's clock); a window's time is the time of its last sample.
import type { FeatureSpec } from '../core/types';
import { RingBuffer } from './ring-buffer';
import { computeFeatures } from './features';
import { validateSpec, featureCount, resolveChannels, windowGeometry } from './spec';
import { numberOption } from './options';

export interface WindowerOptions {
  /** Steps between sample times longer than this (ms) are gaps; default 5 sample periods. */
  maxGapMs?: number;
}

/** Called with the window's time (its last sample's) and the reused feature vector. */
export type WindowHandler = (timeMs: number, features: Float32Array) => void;

/** Results of Windower.push. */
export var PUSH_NOTHING = 0;
export var PUSH_WINDOW = 1;
export var PUSH_INVALID = -1;

export class Windower {
  spec: FeatureSpec;
  /** Source samples per model point, per hop, per window. */
  factor: number;
  hopSamples: number;
  spanSamples: number;
  /** Reused for every window: copy it if you keep it. */
  features: Float32Array;
  /** Windows not emitted because they held an invalid (NaN, infinite) sample. */
  skippedWindows: number;
  /** Gaps in the sample times (longer than maxGapMs, or backwards) after which windowing restarted. */
  gaps: number;
  /** Longest step between consecutive sample times that is not a gap. */
  maxGapMs: number;
  private picks: Uint8Array;
  private rings: RingBuffer[];
  private window: Float32Array;
  private onWindow: WindowHandler;
  /** Samples pushed since the last reset. */
  private seen: number;
  /** Samples until the last invalid one has left the window span (0 = window clean). */
  private taint: number;
  private lastTimeMs: number;

  /**
   * @param sourceChannels the source's channel names, in the order of its values
   * @param sourceRateHz the source's nominal rate
   * @param options.maxGapMs a longer step between sample times means samples were lost:
   *   windowing restarts so no window spans the gap (default 5 sample periods)
   * Throws BAD_CONFIG, CHANNEL_MISMATCH or RATE_MISMATCH.
   */
  constructor(spec: FeatureSpec, sourceChannels: string[], sourceRateHz: number, onWindow: WindowHandler, options?: WindowerOptions) {
    validateSpec(spec);
    this.spec = spec;
    this.picks = resolveChannels(spec, sourceChannels);
    var g = windowGeometry(spec, sourceRateHz);
    this.factor = g.factor;
    this.hopSamples = g.hopSamples;
    this.spanSamples = g.spanSamples;
    this.rings = [];
    for (var c = 0; c < spec.channels.length; c++) this.rings.push(new RingBuffer(g.spanSamples));
    this.features = new Float32Array(featureCount(spec));
    // 'raw' features are the window itself: build it straight into the feature vector.
    this.window = spec.features === 'raw' ? this.features : new Float32Array(spec.points * spec.channels.length);
    this.onWindow = onWindow;
    this.skippedWindows = 0;
    this.gaps = 0;
    this.maxGapMs = numberOption('Windower', options, 'maxGapMs', (5 * 1000) / sourceRateHz, 0);
    this.seen = 0;
    this.taint = 0;
    this.lastTimeMs = 0;
  }

  /**
   * Adds one source sample (`values` in source channel order). Returns PUSH_WINDOW when a
   * window was emitted, PUSH_INVALID when a model channel is NaN, infinite or missing (the
   * windows containing it are skipped), PUSH_NOTHING otherwise.
   */
  push(timeMs: number, values: ArrayLike<number>): number {
    if (this.seen > 0) {
      var step = timeMs - this.lastTimeMs;
      if (step > this.maxGapMs || step < -this.maxGapMs) {
        this.gaps++;
        this.reset();
      }
    }
    this.lastTimeMs = timeMs;
    var rings = this.rings;
    var picks = this.picks;
    var invalid = false;
    for (var c = 0; c < rings.length; c++) {
      var v = values[picks[c]];
      // NaN, infinite or missing: false for all of them.
      if (!(v > -Infinity && v < Infinity)) {
        invalid = true;
        v = 0;
      }
      rings[c].push(v);
    }
    this.seen++;
    // taint > 0 exactly while an invalid sample is among the last spanSamples samples.
    if (invalid) this.taint = this.spanSamples;
    else if (this.taint > 0) this.taint--;
    var due = this.seen >= this.spanSamples && (this.seen - this.spanSamples) % this.hopSamples === 0;
    if (!due) return invalid ? PUSH_INVALID : PUSH_NOTHING;
    if (this.taint > 0) {
      this.skippedWindows++;
      return invalid ? PUSH_INVALID : PUSH_NOTHING;
    }
    this.fillWindow();
    computeFeatures(this.spec, this.window, this.features);
    this.onWindow(timeMs, this.features);
    return PUSH_WINDOW;
  }

  /** Forgets buffered samples (after a gap such as a FIFO overflow): the next window needs a full span. */
  reset(): void {
    for (var c = 0; c < this.rings.length; c++) this.rings[c].clear();
    this.seen = 0;
    this.taint = 0;
  }

  /** Downsamples the rings into the time-major window. */
  private fillWindow(): void {
    var rings = this.rings;
    var channels = rings.length;
    var points = this.spec.points;
    var k = this.factor;
    var win = this.window;
    var mean = this.spec.downsample === 'mean';
    for (var c = 0; c < channels; c++) {
      var ring = rings[c];
      var data = ring.data;
      var cap = ring.capacity;
      // Oldest sample of the span; the window is exactly the ring's contents in order.
      var idx = ring.head; // ring is full, so head is the oldest slot
      for (var p = 0; p < points; p++) {
        if (mean) {
          var sum = 0;
          for (var j = 0; j < k; j++) {
            sum += data[idx];
            idx = idx + 1 === cap ? 0 : idx + 1;
          }
          win[p * channels + c] = sum / k;
        } else {
          win[p * channels + c] = data[idx];
          idx += k;
          if (idx >= cap) idx -= cap;
        }
      }
    }
  }
}
