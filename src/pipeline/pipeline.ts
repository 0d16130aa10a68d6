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

/** The original system's debouncer, unless this board's bundle leaves the default out (then the app names one). */
function defaultDebouncer(spec: FeatureSpec): Debouncer {
  if (BuildFeatures.defaultDebouncer) return new OriginalDebouncer({ idleLabel: spec.idleLabel });
  throw configError(notInThisBuild('GesturePipeline\'s default debouncer', 'pass options.debouncer, e.g. new OriginalDebouncer({ idleLabel: model.spec.idleLabel })'));
}

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
    this.debouncer = options.debouncer || defaultDebouncer(spec);
    this.onEvent = options.onEvent;
    this.onError = options.onError;
    this.onWindow = options.onWindow;
    this.maxGapMs = options.maxGapMs;
    this.scores = new Float32Array(spec.labels.length);
    this.timeMin = Infinity;
    this.timeMax = 0;
    this.timeSum = 0;
    this.running = false;
    this.droppedBase = 0;
    this.builtFor = '';
    this.windower = this.buildWindower();
  }

  /** Configures windowing for the source as it is now (throws on a mismatch). */
  private buildWindower(): Windower {
    var self = this;
    var windower = new Windower(
      this.spec,
      this.source.channels,
      this.source.rateHz,
      function (timeMs, features) {
        self.handleWindow(timeMs, features);
      },
      { maxGapMs: this.maxGapMs, gate: true }
    );
    this.builtFor = this.describeSource();
    checkUnits(this.spec, this.source.units);
    return windower;
  }

  private describeSource(): string {
    return this.source.rateHz + ' Hz ' + (this.source.channels ? this.source.channels.join(',') : '');
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
    if (this.describeSource() !== this.builtFor) this.windower = this.buildWindower();
    var self = this;
    this.running = true;
    var st = this.sourceStats();
    if (st) this.droppedBase = st.dropped - this.counters.dropped;
    var onSample = function (timeMs: number, values: Float32Array) {
      self.push(timeMs, values);
    };
    var onError = function (err: DeviceError) {
      self.sourceError(err);
    };
    // Two calls, not an `undefined` argument: a bundle without sample blocks keeps main's bytes.
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
      this.reportDataError(
        inputError('Sample at ' + timeMs + ' ms is NaN or infinite in a model channel; windows containing it are skipped', {
          timeMs: timeMs
        })
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

  /** features null: the motion gate found the window at rest, idle as if the classifier had been sure of it. */
  private handleWindow(timeMs: number, features: Float32Array | null): void {
    this.counters.windows++;
    var label: number, scores = this.scores;
    if (!features) {
      this.counters.gated++;
      label = this.spec.idleLabel;
      scores.fill(0);
      scores[label] = 1;
    } else {
      if (this.onWindow) this.onWindow(timeMs, features);
      var t0 = nowMs();
      try {
        label = this.classifier.predict(features, scores);
      } catch (e) {
        this.report(e as DeviceError);
        return;
      }
      var dt = nowMs() - t0;
      if (dt < 0 || dt > 60000) dt = 0; // the board's clock was set meanwhile (SNTP): not an inference time
      this.counters.inferences++;
      this.timeSum += dt;
      if (dt < this.timeMin) this.timeMin = dt;
      if (dt > this.timeMax) this.timeMax = dt;
    }
    var detected = this.debouncer.update(timeMs, label, scores);
    // Until then the debouncer returns null whatever the label: skip those windows' work.
    if (!this.onWindow) this.windower.quietUntilMs = +(this.debouncer.quietUntilMs as number) || -Infinity;
    if (!detected) return;
    this.counters.events++;
    try {
      this.onEvent({ timeMs: detected.timeMs, label: detected.label, score: detected.score, gesture: this.spec.labels[detected.label] });
    } catch (e) {
      this.report(e as DeviceError);
    }
  }

  private sourceError(err: DeviceError): void {
    if (err && err.code === ErrorCodes.FIFO_OVERFLOW) {
      if (!this.sourceStats() && typeof err.dropped === 'number') this.counters.dropped += err.dropped;
      // Samples are missing: no window may span the gap.
      this.windower.reset();
    }
    this.syncDropped();
    this.reportDataError(err);
  }

  /** The source's own counters, when it keeps them (one source of truth for dropped samples). */
  private sourceStats(): { dropped: number } | null {
    var st = (this.source as any).stats;
    return st && typeof st.dropped === 'number' ? st : null;
  }

  private syncDropped(): void {
    var st = this.sourceStats();
    if (st) this.counters.dropped = st.dropped - this.droppedBase;
  }

  /** Bad data keeps the stream going: counted, and passed on only to onError. */
  private reportDataError(err: DeviceError): void {
    this.counters.errors++;
    if (this.onError) this.onError(err);
  }

  private report(err: DeviceError): void {
    this.counters.errors++;
    if (this.onError) this.onError(err);
    else throw err;
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
