// GesturePipeline: source -> windower -> features -> classifier -> debouncer -> onEvent.
// The device runs it from a source; host replay calls push() with recorded samples and so
// drives exactly the same code.
import type { Classifier, Debouncer, DetectedGesture, DeviceError, FeatureSpec, SampleBlock, SampleSource, SourceUnits } from '../core/types';
import { ErrorCodes, configError, inputError } from '../core/errors';
import { BuildFeatures, notInThisBuild } from '../core/build-features';
import { Windower, PUSH_INVALID, PUSH_QUIET } from './windower';
import { beginBlock, takeBlock } from './windower-blocks';
import { OriginalDebouncer } from './debounce-original';
import { nowMs } from '../core/clock';
import { checkUnits } from '../core/spec';

/** A detected gesture with its label name. */
export interface PipelineEvent extends DetectedGesture {
  gesture: string;
}

/** What the pipeline needs of a source; start/stop may be absent when samples arrive through push(). */
export interface PipelineSource {
  channels: string[];
  rateHz: number;
  start?: SampleSource['start'];
  stop?: SampleSource['stop'];
  /** Checked against the model's spec.units (absent: not checked; host replay checks its recordings itself). */
  units?: SourceUnits;
}

export interface GesturePipelineOptions {
  source: PipelineSource;
  model: { spec: FeatureSpec; classifier: Classifier };
  /** Default: the original device's rule with the spec's idle label (required in the Puck.js bundle: docs/boards.md). */
  debouncer?: Debouncer;
  onEvent: (event: PipelineEvent) => void;
  /**
   * Source errors, invalid (NaN) samples and exceptions from the classifier or onEvent.
   * Without it, source errors and invalid samples are only counted, and exceptions are rethrown.
   */
  onError?: (err: DeviceError) => void;
  /** Every classified window's feature vector (reused: copy to keep), before classification; not for windows the motion gate stops. */
  onWindow?: (timeMs: number, features: Float32Array) => void;
  /** A longer step between sample times is a gap: windowing restarts (default 5 sample periods). */
  maxGapMs?: number;
}

export interface PipelineCounters {
  samples: number;
  windows: number;
  inferences: number;
  /** Windows the motion gate (spec.motionGate) found at rest: idle, without features or inference. */
  gated: number;
  events: number;
  /**
   * Samples the source lost since start(): its own count (`stats.dropped`, e.g. the MPU6500's
   * overflows and bus outages), as of its last error or time gap; for a source without
   * stats, the sum of its FIFO_OVERFLOW errors' `dropped`.
   */
  dropped: number;
  /** Gaps in the sample times (longer than maxGapMs) after which windowing restarted. */
  gaps: number;
  errors: number;
  /**
   * Windows left unclassified (no features, no inference) because the debouncer could not
   * emit anything then (its quietUntilMs, e.g. ConsecutiveDebouncer's refractory time): the
   * same events, less work. Counted in `windows`, not in `inferences`. Never with onWindow.
   */
  quiet: number;
}

export interface InferenceTimeStats {
  count: number;
  minMs: number;
  meanMs: number;
  maxMs: number;
}

export class GesturePipeline {
  source: PipelineSource;
  spec: FeatureSpec;
  classifier: Classifier;
  debouncer: Debouncer;
  windower: Windower;
  counters: PipelineCounters;
  running: boolean;
  /** Per-label scores of the last inference (reused). */
  scores: Float32Array;
  private onEvent: (event: PipelineEvent) => void;
  private onError?: (err: DeviceError) => void;
  private onWindow?: (timeMs: number, features: Float32Array) => void;
  private maxGapMs?: number;
  private timeMin: number;
  private timeMax: number;
  private timeSum: number;
  /** The source rate and channels the windower was built for. */
  private builtFor: string;
  /** The source's stats.dropped that counters.dropped = 0 stands for. */
  private droppedBase: number;

  /** Throws CHANNEL_MISMATCH / RATE_MISMATCH / UNIT_MISMATCH / BAD_CONFIG when the source cannot feed the model. */
  constructor(options: GesturePipelineOptions) {
    if (!options || !options.source || !options.model || !options.model.spec || !options.model.classifier) {
      throw configError('GesturePipeline needs { source, model: { spec, classifier }, onEvent }');
    }
    if (typeof options.onEvent !== 'function') throw configError('GesturePipeline: onEvent must be a function');
    var spec = options.model.spec;
    var classifier = options.model.classifier;
    if (!classifier.labels || classifier.labels.length !== spec.labels.length || typeof classifier.predict !== 'function') {
      throw configError('GesturePipeline: the classifier must have predict() and the spec\'s ' + spec.labels.length + ' labels (' +
          spec.labels.join(', ') + '), it has ' + (classifier.labels ? classifier.labels.length : 'none')
      );
    }
    // Espruino finds a property by walking the object's list in insertion order: what push()
    // reads for every sample comes first (the windower is built below).
    this.windower = null as any;
    this.counters = { samples: 0, windows: 0, inferences: 0, gated: 0, events: 0, dropped: 0, gaps: 0, errors: 0, quiet: 0 };
    this.source = options.source;
    this.spec = spec;
    this.classifier = classifier;
    // The original system's debouncer, unless this board's bundle leaves the default out
    // (then the app names one). Written here: a function of its own costs variables on Espruino.
    var debouncer = options.debouncer;
    if (!debouncer) {
      if (!BuildFeatures.defaultDebouncer) {
        throw configError(notInThisBuild('GesturePipeline\'s default debouncer', 'pass options.debouncer, e.g. new OriginalDebouncer({ idleLabel: model.spec.idleLabel })'));
      }
      debouncer = new OriginalDebouncer({ idleLabel: spec.idleLabel });
    }
    this.debouncer = debouncer;
    this.onEvent = options.onEvent;
    this.onError = options.onError;
    // Only when given: an absent property costs no variables (Espruino), an undefined one does.
    if (options.onWindow) this.onWindow = options.onWindow;
    if (options.maxGapMs !== undefined) this.maxGapMs = options.maxGapMs;
    this.scores = new Float32Array(spec.labels.length);
    this.timeMin = Infinity;
    this.timeMax = 0;
    this.timeSum = 0;
    this.running = false;
    this.droppedBase = 0;
    this.builtFor = '';
    this.windower = this.buildWindower();
  }

  /**
   * Windowing for the source as it is now (throws on a mismatch); the current windower when
   * the source's rate and channels are those it was built for.
   */
  private buildWindower(): Windower {
    var self = this, source = this.source;
    var builtFor = source.rateHz + ' Hz ' + (source.channels ? source.channels.join(',') : '');
    if (builtFor === this.builtFor) return this.windower;
    var windower = new Windower(
      this.spec,
      source.channels,
      source.rateHz,
      // Each window (features null: the motion gate found it at rest, idle as if the classifier
      // had been sure of it). Here rather than a method: a function costs variables on Espruino.
      function (timeMs: number, features: Float32Array | null) {
        self.counters.windows++;
        var label: number, scores = self.scores;
        if (!features) {
          self.counters.gated++;
          label = self.spec.idleLabel;
          scores.fill(0);
          scores[label] = 1;
        } else {
          if (self.onWindow) self.onWindow(timeMs, features);
          var t0 = nowMs();
          try {
            label = self.classifier.predict(features, scores);
          } catch (e) {
            self.report(e as DeviceError);
            return;
          }
          var dt = nowMs() - t0;
          if (dt < 0 || dt > 60000) dt = 0; // the board's clock was set meanwhile (SNTP): not an inference time
          self.counters.inferences++;
          self.timeSum += dt;
          if (dt < self.timeMin) self.timeMin = dt;
          if (dt > self.timeMax) self.timeMax = dt;
        }
        var detected = self.debouncer.update(timeMs, label, scores);
        // Until then the debouncer returns null whatever the label: skip those windows' work.
        if (!self.onWindow) self.windower.quietUntilMs = +(self.debouncer.quietUntilMs as number) || -Infinity;
        if (!detected) return;
        self.counters.events++;
        try {
          self.onEvent({ timeMs: detected.timeMs, label: detected.label, score: detected.score, gesture: self.spec.labels[detected.label] });
        } catch (e) {
          self.report(e as DeviceError);
        }
      },
      { maxGapMs: this.maxGapMs, gate: true }
    );
    this.builtFor = builtFor;
    checkUnits(this.spec, source.units);
    return windower;
  }

  /** Starts the source (re-checking its channels and rate); its samples flow into push(). */
  start(): void {
    if (this.running) return;
    var source = this.source;
    if (typeof source.start !== 'function') {
      throw configError('GesturePipeline.start: the source has no start(); feed samples with push()');
    }
    // The source may have been reconfigured since construction (e.g. a driver's setRate):
    // check again rather than window at the wrong rate.
    this.windower = this.buildWindower();
    var self = this, counters = this.counters;
    this.running = true;
    var st = (source as any).stats;
    if (st && typeof st.dropped === 'number') this.droppedBase = st.dropped - counters.dropped;
    var onSample = function (timeMs: number, values: Float32Array) {
      self.push(timeMs, values);
    };
    // A source error (its body here, not a method: each function costs variables on Espruino).
    var onError = function (err: DeviceError) {
      if (!self.syncDropped() && err && err.code === ErrorCodes.FIFO_OVERFLOW && typeof err.dropped === 'number') counters.dropped += err.dropped;
      // Samples are missing: no window may span the gap.
      if (err && err.code === ErrorCodes.FIFO_OVERFLOW) self.windower.reset();
      self.report(err, true);
    };
    // Two calls, not an `undefined` argument: a bundle without sample blocks keeps its bytes.
    if (BuildFeatures.sampleBlocks) source.start(onSample, onError, function (block: SampleBlock) {
      return self.pushBlock(block);
    });
    else source.start(onSample, onError);
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    if (typeof this.source.stop === 'function') this.source.stop();
  }

  /** One sample, values in the source's channel order. Runs windowing and inference synchronously. */
  push(timeMs: number, values: ArrayLike<number>): void {
    this.counters.samples++;
    var w = this.windower, gaps = w.gaps, result = w.push(timeMs, values);
    if (w.gaps !== gaps) {
      this.counters.gaps++;
      this.syncDropped(); // a gap follows every loss: take the source's count now
    }
    if (result === PUSH_QUIET) {
      this.counters.windows++;
      this.counters.quiet++;
    } else if (result === PUSH_INVALID) {
      this.report(
        inputError('Sample at ' + timeMs + ' ms is NaN or infinite in a model channel; windows containing it are skipped', {
          timeMs: timeMs
        }),
        true
      );
    }
  }

  /**
   * A block of samples (SampleBlock, e.g. one MPU6500 FIFO burst): the same windows, events
   * and counters as push() with each of its samples in turn, without a call or a decode per
   * sample the model does not use. False when this pipeline takes no blocks ('mean'
   * downsampling, a scale or offset that is not finite, a period longer than maxGapMs):
   * nothing was taken, push() the samples instead. Absent from bundles built without
   * sample blocks (BuildFeatures.sampleBlocks; tools/boards.mjs).
   */
  declare pushBlock: (block: SampleBlock) => boolean;

  /** Forgets buffered samples and the debouncer's state (counters are kept). */
  reset(): void {
    this.windower.reset();
    this.debouncer.reset();
    this.windower.quietUntilMs = -Infinity;
  }

  /** Inference time over all inferences so far (ms; zeros before the first). */
  inferenceTime(): InferenceTimeStats {
    var n = this.counters.inferences;
    return {
      count: n,
      minMs: n ? this.timeMin : 0,
      meanMs: n ? this.timeSum / n : 0,
      maxMs: this.timeMax
    };
  }

  /**
   * counters.dropped from the source's own count, when it keeps one (one source of truth for
   * dropped samples); false when it keeps none.
   */
  private syncDropped(): boolean {
    var st = (this.source as any).stats;
    if (!st || typeof st.dropped !== 'number') return false;
    this.counters.dropped = st.dropped - this.droppedBase;
    return true;
  }

  /** Counted, and passed to onError; without one rethrown, unless it is bad data (`keepGoing`), which keeps the stream going. */
  private report(err: DeviceError, keepGoing?: boolean): void {
    this.counters.errors++;
    if (this.onError) this.onError(err);
    else if (!keepGoing) throw err;
  }
}

// pushBlock: after the class and under its flag, so terser drops it whole where the flag is off
// (this: any, the class's private fields).
if (BuildFeatures.sampleBlocks) GesturePipeline.prototype.pushBlock = function (this: any, block: SampleBlock): boolean {
  var w = this.windower, n = block.count, running = this.running, j = 0, next, gaps;
  if (!beginBlock(w, block)) return false;
  while (j < n) {
    gaps = w.gaps;
    next = takeBlock(w, block, j);
    this.counters.samples += next - j;
    j = next;
    if (w.gaps !== gaps) {
      this.counters.gaps++;
      this.syncDropped();
    }
    if (w.blockResult === PUSH_QUIET) {
      this.counters.windows++;
      this.counters.quiet++;
    }
    // onEvent stopped the pipeline: a source delivers nothing more after stop().
    if (running && !this.running) break;
  }
  return true;
};
