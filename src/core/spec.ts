// Checks a FeatureSpec against itself and against a source, and derives the windower's
// geometry from it. Every mismatch is an error at configuration time, never a silently
// wrong feature vector (the original device fed gyro y where its model expected gyro x).
import type { FeatureSpec, StatName, SourceUnits } from './types';
import { deviceError, ErrorCodes, configError } from './errors';
import { labelProblem } from './names';
import { BuildFeatures } from './build-features';

/** Statistic names in the order the model file stores their codes. */
export var STAT_NAMES: StatName[] = ['mean', 'std', 'min', 'max', 'rms', 'mad', 'zc'];

/**
 * Feature blocks, in the order their values follow each other in a feature vector; a spec's
 * `features` names one, or several joined by '+' in this order ('stats+spectral+cross').
 */
export var FEATURE_BLOCKS = ['raw', 'stats', 'spectral', 'cross'];
/** The same list as one string, for device code (a string costs Espruino fewer variables than an array). */
var BLOCK_ORDER = '|raw|stats|spectral|cross|';
/** Each block's bit in the model file's features byte (0 means 'raw' alone, as in v1 files). */
export var RAW_BIT = 8;
export var STATS_BIT = 1;
export var SPECTRAL_BIT = 2;
export var CROSS_BIT = 4;

var maskOf = 'raw', mask = 8;

/** The blocks `features` names, as FEATURE_BITS; -1 unless known blocks, each once, in FEATURE_BLOCKS order. */
export function featureMask(features: string): number {
  if (features === maskOf) return mask; // once per spec, not per window
  if (typeof features !== 'string') return -1;
  var parts = features.split('+'), m = 0, last = -1, b;
  for (var i = 0; i < parts.length; i++) {
    // Position in BLOCK_ORDER: raw 0, stats 4, spectral 10, cross 19 (in order, so > last).
    b = parts[i] && parts[i].indexOf('|') < 0 ? BLOCK_ORDER.indexOf('|' + parts[i] + '|') : -1;
    if (b <= last) return -1;
    last = b;
    m |= b ? 1 << ((b > 4 ? 1 : 0) + (b > 10 ? 1 : 0)) : RAW_BIT;
  }
  maskOf = features;
  mask = m;
  return m;
}

/** Indices of the channels named `<prefix>_...` (a sensor's axes, for the magnitude). */
export function sensorChannels(channels: string[], prefix: string): number[] {
  var out: number[] = [];
  for (var c = 0; c < channels.length; c++) if (channels[c].indexOf(prefix + '_') === 0) out.push(c);
  return out;
}

/** 'cross' block length: 4 per sensor (acc, gyro) with 2+ axes in the spec, then one per channel pair. */
export function crossCount(channels: string[]): number {
  var n = channels.length, groups = 0;
  if (sensorChannels(channels, 'acc').length > 1) groups++;
  if (sensorChannels(channels, 'gyro').length > 1) groups++;
  return groups * 4 + (n * (n - 1)) / 2; // mean, std, min, max of each magnitude
}

/**
 * Number of features a spec implies, block by block: raw = points x channels, stats =
 * stats x channels, spectral = bands x channels, cross = crossCount (0 for an unknown kind).
 */
export function specFeatureCount(spec: FeatureSpec): number {
  var m = featureMask(spec.features), nch = spec.channels.length, n = 0;
  if (m < 0) return 0;
  if (m & RAW_BIT) n += spec.points * nch;
  if (m & STATS_BIT) n += (spec.stats ? spec.stats.length : 0) * nch;
  if (m & SPECTRAL_BIT) n += (spec.spectralBands || 0) * nch;
  if (BuildFeatures.spectralFeatures && m & CROSS_BIT) n += crossCount(spec.channels);
  return n;
}

/** Spectral bins (1..size/2) of a window of `points`: FFT length, the next power of two (at least 2). */
export function fftSize(points: number): number {
  var n = 2;
  while (n < points) n *= 2;
  return n;
}

/** Statistic names computeFeatures knows (the model file's list: one copy in a bundle). */
export var KNOWN_STATS: string[] = STAT_NAMES;

/** The feature blocks a spec's `features` joins with '+', in the order they must be given. */
export var KNOWN_FEATURE_BLOCKS: string[] = FEATURE_BLOCKS;

/**
 * Values of `features` worth comparing (the grid's feature dimension, the CLI's help):
 * each block alone and the combinations with statistics. Any '+' join of blocks in
 * KNOWN_FEATURE_BLOCKS order is valid.
 */
export var FEATURE_KINDS: string[] = ['raw', 'stats', 'spectral', 'cross', 'stats+spectral', 'stats+cross', 'stats+spectral+cross'];

/** Window geometry in source samples, derived from a spec and a source rate. */
export interface WindowGeometry {
  /** Downsampling factor: source samples per model time point. */
  factor: number;
  /** Source samples between consecutive windows. */
  hopSamples: number;
  /** Source samples one window covers ('pick': (points-1)*k+1, 'mean': points*k). */
  spanSamples: number;
}

/** Throws BAD_CONFIG when the spec is inconsistent in itself. */
export function validateSpec(spec: FeatureSpec): void {
  // Helpers nested where they are used: a module-level function costs about 6 Espruino
  // variables for as long as the module is loaded, a nested one only while it runs.
  /** Throws BAD_CONFIG ("Feature spec: <rule>, got <value>") unless ok. */
  function check(ok: boolean, rule: string, got: any): void {
    if (!ok) throw configError('Feature spec: ' + rule + ', got ' + got);
  }
  function isPositiveInteger(x: number): boolean {
    return x >= 1 && Math.floor(x) === x;
  }
  check(!!spec && typeof spec === 'object', 'expected an object', spec);
  check(!!spec.channels && spec.channels.length > 0, 'channels must list at least one channel', spec.channels);
  check(spec.rateHz > 0, 'rateHz must be > 0', spec.rateHz);
  check(spec.sourceRateHz > 0, 'sourceRateHz must be > 0', spec.sourceRateHz);
  check(isPositiveInteger(spec.points), 'points must be a positive integer', spec.points);
  check(spec.hopMs > 0, 'hopMs must be > 0', spec.hopMs);
  check(spec.downsample === 'pick' || spec.downsample === 'mean', "downsample must be 'pick' or 'mean'", spec.downsample);
  var mask = featureMask(spec.features);
  check(mask > 0, "features must be one of raw, stats, spectral, cross or several joined by '+' in that order", spec.features);
  if (mask & STATS_BIT) {
    var stats = spec.stats || [];
    check(stats.length > 0, "features 'stats' needs a non-empty stats list", spec.stats);
    for (var i = 0; i < stats.length; i++) {
      check(KNOWN_STATS.indexOf(stats[i]) >= 0, 'statistics must be among ' + KNOWN_STATS.join(', '), stats[i]);
    }
  }
  if (!BuildFeatures.spectralFeatures) {
    check(!(mask & (SPECTRAL_BIT | CROSS_BIT)), "the spectral and cross features are not in this board's bundle (left out to save flash, see docs/boards.md): " +
      'use raw or stats features, or an esp32 or banglejs2 bundle', spec.features);
  } else if (mask & SPECTRAL_BIT) {
    var most = Math.min(255, fftSize(spec.points) / 2);
    check(isPositiveInteger(spec.spectralBands as number) && (spec.spectralBands as number) <= most,
      "features 'spectral' needs spectralBands, a whole number 1.." + most + ' for ' + spec.points + ' points', spec.spectralBands);
  }
  if (BuildFeatures.spectralFeatures && mask & CROSS_BIT) check(crossCount(spec.channels) > 0, "features 'cross' needs at least 2 channels", spec.channels);
  var gate = spec.motionGate;
  if (gate !== undefined) {
    check(typeof gate === 'number' && gate >= 0 && gate < 1e9, 'motionGate must be a number >= 0 (m/s2; 0: off)', gate);
    check(!gate || spec.idleLabel >= 0, 'motionGate needs an idle label: gated windows are idle', spec.idleLabel);
  }
  check(!!spec.labels && spec.labels.length > 0, 'labels must list at least one label', spec.labels);
  // The receiver refuses the same names: a model must not emit events it cannot store.
  for (var li = 0; li < spec.labels.length; li++) {
    var why = labelProblem(spec.labels[li]);
    check(!why, 'label ' + li + ' ' + why, JSON.stringify(spec.labels[li]));
  }
  check(
    spec.idleLabel === -1 || (spec.idleLabel >= 0 && spec.idleLabel < spec.labels.length && Math.floor(spec.idleLabel) === spec.idleLabel),
    'idleLabel must be -1 or a label index (0..' + (spec.labels.length - 1) + ')',
    spec.idleLabel
  );
}

/** Length of the feature vector the spec describes (the model file's rule: one copy in a bundle). */
export var featureCount: (spec: FeatureSpec) => number = specFeatureCount;

/**
 * For each model channel, its index in the source's channel list. A missing channel is
 * CHANNEL_MISMATCH naming what the model needs and what the source has.
 */
export function resolveChannels(spec: FeatureSpec, sourceChannels: string[]): Uint8Array {
  var picks = new Uint8Array(spec.channels.length);
  var missing: string[] = [];
  for (var c = 0; c < spec.channels.length; c++) {
    var idx = sourceChannels ? sourceChannels.indexOf(spec.channels[c]) : -1;
    if (idx < 0) missing.push(spec.channels[c]);
    else picks[c] = idx;
  }
  if (missing.length) {
    var has = sourceChannels && sourceChannels.length ? sourceChannels.join(', ') : '(none)';
    throw deviceError(
      ErrorCodes.CHANNEL_MISMATCH,
      'The model needs channels ' + spec.channels.join(', ') + ' but the source supplies ' + has +
        ' (missing: ' + missing.join(', ') + ')',
      { needed: spec.channels.slice(), available: sourceChannels ? sourceChannels.slice() : [], missing: missing }
    );
  }
  return picks;
}

/**
 * Downsampling factor, hop and span in source samples. The source rate must be a whole
 * multiple of the model's rate (RATE_MISMATCH otherwise); the hop must be a whole number
 * of source samples (BAD_CONFIG). A source faster than spec.sourceRateHz is accepted when
 * the multiple is whole: each model point still stands for 1/rateHz of signal.
 */
export function windowGeometry(spec: FeatureSpec, sourceRateHz: number): WindowGeometry {
  function isWholeNumber(x: number): boolean {
    return Math.abs(x - Math.round(x)) < 1e-9 && Math.round(x) >= 1;
  }
  var k = sourceRateHz / spec.rateHz;
  if (!(sourceRateHz > 0) || !isWholeNumber(k)) {
    throw deviceError(
      ErrorCodes.RATE_MISMATCH,
      'The model needs samples at ' + spec.rateHz + ' Hz (trained from ' + spec.sourceRateHz +
        ' Hz) but the source runs at ' + sourceRateHz + ' Hz: ' + sourceRateHz + '/' + spec.rateHz +
        ' is not a whole number',
      { neededHz: spec.rateHz, sourceHz: sourceRateHz }
    );
  }
  k = Math.round(k);
  var hop = (spec.hopMs * sourceRateHz) / 1000;
  if (!isWholeNumber(hop)) {
    throw configError(
      'Feature spec: hopMs ' + spec.hopMs + ' is not a whole number of samples at ' + sourceRateHz + ' Hz (' + hop + ' samples)',
      { hopMs: spec.hopMs, sourceHz: sourceRateHz }
    );
  }
  var span = spec.downsample === 'mean' ? spec.points * k : (spec.points - 1) * k + 1;
  return { factor: k, hopSamples: Math.round(hop), spanSamples: span };
}

/**
 * UNIT_MISMATCH when the source delivers a channel the model reads in another unit than the
 * model was trained on (a side that does not say, or says 'unknown', is not checked). The
 * device converts nothing: a model in g or raw counts is trained again on the source's unit.
 */
export function checkUnits(spec: FeatureSpec, units?: SourceUnits): void {
  var want: any = spec.units, have: any = units;
  if (!want || !have) return;
  for (var c = 0; c < spec.channels.length; c++) {
    var name = spec.channels[c], kind = name.indexOf('gyro') === 0 ? 'gyro' : name.indexOf('acc') === 0 ? 'accel' : '';
    var m = want[kind], s = have[kind];
    if (m && s && m !== s && m !== 'unknown' && s !== 'unknown') {
      throw deviceError(ErrorCodes.UNIT_MISMATCH, 'The model reads ' + name + ' in ' + m + ' but the source delivers ' + s + ': train it on ' + s, { model: m, source: s });
    }
  }
}
