// Contracts shared by device code, host toolkit and receiver (see docs/architecture.md).
// Device code: ES5, typed arrays, no Map/Set/Symbol. Types here compile to nothing.

/** Channel names follow the original system: m/s^2 for acceleration, deg/s for rotation. */
export type ChannelName = 'acc_x' | 'acc_y' | 'acc_z' | 'gyro_x' | 'gyro_y' | 'gyro_z' | string;

export var ALL_CHANNELS: string[] = ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'];

/** Standard gravity: converts g to m/s^2 (the seed's units). */
export var STANDARD_GRAVITY = 9.80665;

/**
 * Called once per sample. `values` is a buffer the source reuses for the next sample:
 * copy what you keep. Values are in `source.channels` order.
 */
export type SampleHandler = (timeMs: number, values: Float32Array) => void;

/**
 * A burst of samples as a source read them (e.g. the MPU6500's FIFO), delivered whole so
 * that nothing is decoded or called per sample that the model never uses. Sample j was taken
 * at `t0 + (k0 + j) * periodMs`; its value of source channel c is
 * `raw[j * stride + at[c]] * scale[c] - offset[c]` (computed in double, kept as float32:
 * the same numbers a per-sample source would deliver). The source reuses the block.
 */
export interface SampleBlock {
  raw: Int16Array;
  count: number;
  stride: number;
  at: Uint8Array;
  scale: Float64Array;
  offset: Float64Array;
  t0: number;
  k0: number;
  periodMs: number;
}

/**
 * Called once per block (sources that deliver blocks: start()'s third argument). False: the
 * block was not taken, and the source delivers its samples to onSample instead.
 */
export type BlockHandler = (block: SampleBlock) => boolean;

/** Errors a source reports while running (bus faults, overflow); reading goes on. */
export type SourceErrorHandler = (err: DeviceError) => void;

/** Anything that produces samples: the MPU6500 driver, Bangle.js, Puck.js, a replay. */
export interface SampleSource {
  /** Names of the channels delivered, in the order of `values`. */
  channels: string[];
  /** Nominal sample rate in Hz (the sensor's clock, not a timer's). */
  rateHz: number;
  /** With onBlock, a source that reads bursts may deliver them as blocks instead (onSample for the rest). */
  start(onSample: SampleHandler, onError?: SourceErrorHandler, onBlock?: BlockHandler): void;
  stop(): void;
  /**
   * Units of the values delivered (the SDK's sources: SOURCE_UNITS). A pipeline checks them
   * against the model's spec.units: converted when exact, else UNIT_MISMATCH. Absent: not checked.
   */
  units?: SourceUnits;
}

/** A feature block ('raw', 'stats', 'spectral', 'cross') or blocks joined by '+' in that order. */
export type FeatureKind = 'raw' | 'stats' | 'spectral' | 'cross' | 'raw+stats' | 'raw+spectral' | 'raw+cross' | 'stats+spectral' |
  'stats+cross' | 'spectral+cross' | 'raw+stats+spectral' | 'raw+stats+cross' | 'raw+spectral+cross' | 'stats+spectral+cross' |
  'raw+stats+spectral+cross';

/** Units of a source's acceleration and rotation channels. */
export interface SourceUnits {
  accel: AccelUnit;
  gyro: GyroUnit;
}

/** What every source of the SDK delivers: acceleration in m/s^2, rotation in deg/s. */
export var SOURCE_UNITS: SourceUnits = { accel: 'm/s2', gyro: 'deg/s' };

/** Per-channel statistics the feature extractor knows, in this order of names. */
export type StatName = 'mean' | 'std' | 'min' | 'max' | 'rms' | 'mad' | 'zc';

/**
 * Everything needed to turn a sample stream into the model's input. Travels inside
 * every model file; the pipeline configures itself from it.
 */
export interface FeatureSpec {
  /** Channels the model reads, in feature order. */
  channels: string[];
  /** Rate (Hz) of the samples the windower receives (the source rate). */
  sourceRateHz: number;
  /** Rate (Hz) after downsampling; sourceRateHz must be an integer multiple of it. */
  rateHz: number;
  /** Window length in ms. */
  windowMs: number;
  /** Time points per window at rateHz (the seed: 1000 ms at 20 Hz -> 21 points, 0..1000 inclusive). */
  points: number;
  /** Step between consecutive windows in ms. */
  hopMs: number;
  /** 'pick' keeps every k-th sample (as the original did), 'mean' averages each k. */
  downsample: 'pick' | 'mean';
  /**
   * One feature block or several joined by '+', in this order (FEATURE_BLOCKS, see
   * docs/pipeline.md): 'raw': flattened time points, time-major as in the seed's tables: all
   * channels of point 0, then of point 1, ... (names `<channel>_<ms>`); 'stats': per-channel
   * statistics, channel-major; 'spectral': per-channel FFT band amplitudes, channel-major;
   * 'cross': magnitude statistics per sensor, then pairwise channel correlations.
   * E.g. 'raw', 'stats', 'stats+spectral', 'stats+spectral+cross'.
   */
  features: FeatureKind;
  /** For a 'stats' block: which statistics, per channel, channel-major. */
  stats?: StatName[];
  /** For a 'spectral' block: band amplitudes per channel (1..FFT length / 2; model file v3). */
  spectralBands?: number;
  /**
   * Motion gate (model file v3): a window whose motion (RMS deviation of the acceleration
   * vector over the window, m/s2; of every channel when there is no acc_ channel) is below
   * this is idle without features or classification. 0 or absent: off.
   */
  motionGate?: number;
  /** Label names, index = class id. */
  labels: string[];
  /** Index into labels of the "no gesture" class, or -1 when there is none. */
  idleLabel: number;
  /**
   * Units of the values the model was trained on (model file v2; absent from v1 files). The
   * host checks a recording against them, a GesturePipeline its source's `units`.
   */
  units?: InputUnits;
}

/** Accelerometer units: the SDK's sources deliver 'm/s2'. */
export type AccelUnit = 'm/s2' | 'g' | 'counts' | 'unknown';
/** Gyroscope units: the SDK's sources deliver 'deg/s'. */
export type GyroUnit = 'deg/s' | 'rad/s' | 'counts' | 'unknown';

/** The scale of a model's input, as its training recordings had it after conversion. */
export interface InputUnits {
  accel: AccelUnit;
  gyro: GyroUnit;
  /**
   * The training recordings were raw counts at this many per g, converted to m/s2 (0: not
   * counts). Host metadata: readModelExtensions has it, the device's decoder leaves it out.
   */
  countsPerG?: number;
}

/** The pluggable model interface. Users may supply any object of this shape. */
export interface Classifier {
  labels: string[];
  /** Returns the winning label index; fills `scores` (length labels.length) when given. */
  predict(features: Float32Array, scores?: Float32Array): number;
}

/** One detected gesture, as sent to the receiver. */
export interface GestureEvent {
  device_id: string;
  /** Unique per device and monotonic (assigned by the outbox). */
  id: number;
  /** Epoch ms. */
  time: number;
  /** Label name. */
  gesture: string;
  /** Label index, as the original's `move`. */
  move: number;
  /** Confidence in [0, 1]. */
  score: number;
}

/** What a debouncer emits before the outbox gives it device_id and id. */
export interface DetectedGesture {
  timeMs: number;
  label: number;
  score: number;
}

/** Turns a stream of per-window predictions into at most one event per gesture. */
export interface Debouncer {
  update(timeMs: number, label: number, scores?: Float32Array): DetectedGesture | null;
  reset(): void;
  /**
   * Optional: an update() for a window before this time returns null and leaves the state as
   * it is (a refractory time), so the pipeline may leave such windows unclassified.
   */
  quietUntilMs?: number;
}

/** An Error with a stable machine-readable code (Espruino cannot subclass Error). */
export interface DeviceError extends Error {
  code: string;
  [key: string]: any;
}
