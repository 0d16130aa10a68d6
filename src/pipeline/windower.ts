// Streaming windower: picks the model's channels out of each source sample, keeps the
// downsampled points per phase (see the phases member), and every hop copies out the window and
// computes its feature vector. Hop and span are counted in samples at the source's nominal rate
// (the sensor's clock); a window's time is the time of its last sample.
import type { FeatureSpec } from '../core/types';
import { BuildFeatures } from '../core/build-features';
import { computeFeatures } from './features';
import { validateSpec, featureCount, resolveChannels, windowGeometry } from '../core/spec';
import { numberOption } from '../core/options';
import { windowMotion } from './motion-gate';
import { sumOf } from './channel-math';

export interface WindowerOptions {
  /** Steps between sample times longer than this (ms) are gaps; default 5 sample periods. */
  maxGapMs?: number;
  /**
   * With spec.motionGate > 0: a window whose motion is below the gate gets no features and
   * onWindow(timeMs, null) (GesturePipeline counts it idle). Without it, no gate.
   */
  gate?: boolean;
}

/** Called with the window's time (its last sample's) and the reused feature vector. */
export type WindowHandler = (timeMs: number, features: Float32Array) => void;

/** Results of Windower.push. */
export var PUSH_NOTHING = 0;
export var PUSH_WINDOW = 1;
export var PUSH_INVALID = -1;
/** A window completed before quietUntilMs: no features computed, onWindow not called. */
export var PUSH_QUIET = 2;

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
  /**
   * Windows that end before this time are not computed (PUSH_QUIET): the pipeline sets it
   * while its debouncer cannot emit anything (a refractory time). -Infinity: every window.
   */
  quietUntilMs: number;
  /** What takeBlock's last step ended with: PUSH_WINDOW, PUSH_QUIET or PUSH_NOTHING. */
  blockResult!: number;
  private picks: Uint8Array;
  /** Model channels straight from the source: same order, nothing else in a sample. */
  private direct: boolean;
  /**
   * The window's points, kept per phase: a window ends on a sample of phase seen % factor,
   * and all its points are that phase's last `points` entries (one slot = every channel of
   * one point, time-major), so a window is two native copies, not a loop over its values.
   */
  private phases: Float32Array;
  /** Next slot of each phase (its oldest entry once the phase is full). */
  private slot: Uint16Array;
  /** spec.points (read per sample). */
  private points: number;
  /** 'mean': the last `factor` samples (a slot each), whose mean is the newest point. */
  private recent: Float32Array | null;
  /** 1 at channel 0 of each slot of `recent`: E.convolve(slotMask, recent, c) sums channel c. */
  private slotMask: Uint8Array | null;
  private sample: Float32Array;
  /** Espruino's E (native sums) when present. */
  private e: any;
  /**
   * The last window's points, time-major (the feature vector itself for 'raw' features);
   * reused: read it in onWindow. The host reads it to flag gated windows in the same pass.
   */
  readonly window: Float32Array;
  private onWindow: WindowHandler;
  /** spec.motionGate with options.gate, else 0. */
  private gate: number;
  /** Samples pushed since the last reset. */
  private seen: number;
  /** Samples until the last invalid one has left the window span (0 = window clean). */
  private taint: number;
  private lastTimeMs: number;
  /**
   * Per phase: how many samples on from one of that phase the next sample is whose phase a
   * window can end on (0: its own). With 'pick' and a hop a multiple of the factor, only one
   * phase ever ends a window: takeBlock stores only its samples.
   */
  private toUsed!: Uint8Array;
  /** The block's word offset, scale and offset per model channel (beginBlock). */
  private blockAt!: Uint16Array;
  private blockScale!: Float64Array;
  private blockOffset!: Float64Array;

  /**
   * @param sourceChannels the source's channel names, in the order of its values
   * @param sourceRateHz the source's nominal rate
   * @param options.maxGapMs a longer step between sample times means samples were lost:
   *   windowing restarts so no window spans the gap (default 5 sample periods)
   * Throws BAD_CONFIG, CHANNEL_MISMATCH or RATE_MISMATCH.
   */
  constructor(spec: FeatureSpec, sourceChannels: string[], sourceRateHz: number, onWindow: WindowHandler, options?: WindowerOptions) {
    validateSpec(spec);
    var picks = resolveChannels(spec, sourceChannels);
    var g = windowGeometry(spec, sourceRateHz);
    var nch = spec.channels.length, c, direct = sourceChannels.length === nch;
    for (c = 0; c < nch; c++) if (picks[c] !== c) direct = false;
    // Espruino finds a property by walking the object's list in the order the properties were
    // added: what push() reads for every sample comes first.
    this.seen = 0;
    this.lastTimeMs = 0;
    this.maxGapMs = numberOption('Windower', options, 'maxGapMs', (5 * 1000) / sourceRateHz, 0);
    this.sample = new Float32Array(nch);
    this.direct = direct;
    this.e = typeof E !== 'undefined' && E ? E : null;
    this.factor = g.factor;
    this.recent = spec.downsample === 'mean' && g.factor > 1 ? new Float32Array(g.factor * nch) : null;
    this.slotMask = this.recent ? new Uint8Array(this.recent.length) : null; // 0/1: a byte each is enough
    for (c = 0; this.slotMask && c < this.slotMask.length; c += nch) this.slotMask[c] = 1;
    this.slot = new Uint16Array(g.factor);
    this.points = spec.points;
    this.phases = new Float32Array(g.factor * spec.points * nch);
    this.taint = 0;
    this.spanSamples = g.spanSamples;
    this.hopSamples = g.hopSamples;
    this.picks = picks;
    this.spec = spec;
    this.features = new Float32Array(featureCount(spec));
    // 'raw' features are the window itself: build it straight into the feature vector.
    this.window = spec.features === 'raw' ? this.features : new Float32Array(spec.points * nch);
    this.onWindow = onWindow;
    this.gate = (options && options.gate && spec.motionGate) || 0;
    this.skippedWindows = 0;
    this.gaps = 0;
    this.quietUntilMs = -Infinity;
    if (BuildFeatures.sampleBlocks) {
      this.blockResult = PUSH_NOTHING;
      this.toUsed = usedPhases(g.factor, g.spanSamples, g.hopSamples);
      this.blockAt = new Uint16Array(nch);
      this.blockScale = new Float64Array(nch);
      this.blockOffset = new Float64Array(nch);
    }
  }

  /**
   * Adds one source sample (`values` in source channel order). Returns PUSH_WINDOW when a
   * window was emitted, PUSH_QUIET when a window ended before quietUntilMs (left out),
   * PUSH_INVALID when a model channel is NaN, infinite or missing (the windows containing it
   * are skipped), PUSH_NOTHING otherwise.
   */
  push(timeMs: number, values: ArrayLike<number>): number {
    var x = this.sample, nch = x.length, invalid = false, c, v, phase, s;
    if (this.seen > 0) {
      v = timeMs - this.lastTimeMs;
      if (v > this.maxGapMs || v < -this.maxGapMs) {
        this.gaps++;
        this.reset();
      }
    }
    this.lastTimeMs = timeMs;
    if (this.direct && values.length === nch) {
      // One native copy; the sum is finite exactly when every value is (floats cannot overflow it).
      x.set(values);
      v = this.e ? this.e.sum(x) : sumOf(x);
      invalid = v - v !== 0;
    } else {
      for (c = 0; c < nch; c++) {
        v = values[this.picks[c]];
        // NaN, infinite or missing: v - v is NaN for all of them (no global lookups per value).
        if (v - v !== 0) invalid = true;
        x[c] = v;
      }
    }
    if (invalid) x.fill(0);
    phase = this.seen % this.factor;
    if (this.recent) this.meanOfRecent(x, phase);
    // The point joins its phase's slots (inlined: once per sample).
    s = this.slot[phase];
    this.phases.set(x, (phase * this.points + s) * nch);
    this.slot[phase] = s + 1 === this.points ? 0 : s + 1;
    this.seen++;
    // taint > 0 exactly while an invalid sample is among the last spanSamples samples.
    if (invalid) this.taint = this.spanSamples;
    else if (this.taint > 0) this.taint--;
    if (this.seen < this.spanSamples || (this.seen - this.spanSamples) % this.hopSamples) return invalid ? PUSH_INVALID : PUSH_NOTHING;
    if (this.taint > 0) {
      this.skippedWindows++;
      return invalid ? PUSH_INVALID : PUSH_NOTHING;
    }
    return emitWindow(this, timeMs, phase);
  }

  /** Forgets buffered samples (after a gap such as a FIFO overflow): the next window needs a full span. */
  reset(): void {
    this.slot.fill(0);
    this.seen = 0;
    this.taint = 0;
  }

  /**
   * 'mean': keeps the sample, then replaces it by the mean of the last `factor` samples
   * (summed in double in slot order and divided once). On Espruino each channel's sum is one
   * native E.convolve of the slot mask with the recent samples, not an interpreted loop.
   */
  private meanOfRecent(x: Float32Array, phase: number): void {
    var recent = this.recent as Float32Array, k = this.factor, nch = x.length, e = this.e, c, j, sum;
    recent.set(x, phase * nch);
    for (c = 0; c < nch; c++) {
      if (e) sum = e.convolve(this.slotMask, recent, c);
      else for (sum = 0, j = c; j < recent.length; j += nch) sum += recent[j];
      x[c] = sum / k;
    }
  }

  /** Copies the phase's last `points` points, oldest first, into the time-major window. */
  private fillWindow(phase: number): void {
    var points = this.points, nch = this.sample.length, base = phase * points * nch, split = this.slot[phase] * nch;
    var all = this.phases, win = this.window;
    win.set(all.subarray(base + split, base + points * nch), 0);
    if (split) win.set(all.subarray(base, base + split), points * nch - split);
  }
}

/**
 * A complete, clean window ending on a sample of `phase`: left out while quiet, else gated or
 * featured and handed on (push() and windower-blocks.ts). A function over the windower's
 * fields, not a method: where push() is its only caller (no sample blocks) terser inlines it.
 */
export function emitWindow(w: any, timeMs: number, phase: number): number {
  if (timeMs < w.quietUntilMs) return PUSH_QUIET;
  w.fillWindow(phase);
  if (w.gate && windowMotion(w.spec, w.window) < w.gate) {
    w.onWindow(timeMs, null);
    return PUSH_WINDOW;
  }
  // A raw window is built in the feature vector itself: nothing to compute (a check only
  // the sample-block boards, the ESP32's, pay bytes for).
  if (!BuildFeatures.sampleBlocks || w.window !== w.features) computeFeatures(w.spec, w.window, w.features);
  w.onWindow(timeMs, w.features);
  return PUSH_WINDOW;
}


/** Fills toUsed (see Windower.toUsed): windows end on samples whose seen count is span + m * hop. */
function usedPhases(factor: number, span: number, hop: number): Uint8Array {
  var used = new Uint8Array(factor), toUsed = new Uint8Array(factor), p, d;
  for (p = 0; p < factor; p++) used[(span - 1 + p * hop) % factor] = 1;
  for (p = 0; p < factor; p++) {
    for (d = 0; !used[(p + d) % factor]; d++);
    toUsed[p] = d;
  }
  return toUsed;
}
