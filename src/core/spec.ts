// Checks a FeatureSpec against itself and against a source, and derives the windower's
// geometry from it. Every mismatch is an error at configuration time, never a silently
// wrong feature vector (the original device fed gyro y where its model expected gyro x).
import type { FeatureSpec, StatName, SourceUnits } from './types';
import { deviceError, ErrorCodes, configError } from './errors';
import { labelProblem } from './names';

/** Statistic names in the order the model file stores their codes. */
export var STAT_NAMES: StatName[] = ['mean', 'std', 'min', 'max', 'rms', 'mad', 'zc'];

/** Number of features a spec implies: raw = points x channels, stats = stats x channels. */
export function specFeatureCount(spec: FeatureSpec): number {
  return spec.channels.length * (spec.features === 'raw' ? spec.points : (spec.stats ? spec.stats.length : 0));
}

/**
 * A unit's name by its code in the model file's units record ('unknown' for a code it does
 * not know). The names sit in the function's code, not in arrays: no RAM on a board until a model is read.
 */
export function unitName(gyro: boolean, code: number): any {
  return (gyro ? 'unknown,deg/s,rad/s,counts' : 'unknown,m/s2,g,counts').split(',')[code] || 'unknown';
}
/** Statistic names computeFeatures knows (the model file's list: one copy in a bundle). */
export var KNOWN_STATS: string[] = STAT_NAMES;

/** Window geometry in source samples, derived from a spec and a source rate. */
export interface WindowGeometry {
  /** Downsampling factor: source samples per model time point. */
  factor: number;
  /** Source samples between consecutive windows. */
  hopSamples: number;
  /** Source samples one window covers ('pick': (points-1)*k+1, 'mean': points*k). */
  spanSamples: number;
}

function isWholeNumber(x: number): boolean {
  return Math.abs(x - Math.round(x)) < 1e-9 && Math.round(x) >= 1;
}

function badConfig(message: string, details?: { [key: string]: any }) {
  return configError('Feature spec: ' + message, details);
}

/** Throws BAD_CONFIG ("Feature spec: <rule>, got <value>") unless ok. */
function check(ok: boolean, rule: string, got: any): void {
  if (!ok) throw badConfig(rule + ', got ' + got);
}

function isPositiveInteger(x: number): boolean {
  return x >= 1 && Math.floor(x) === x;
}

/** Throws BAD_CONFIG when the spec is inconsistent in itself. */
export function validateSpec(spec: FeatureSpec): void {
  check(!!spec && typeof spec === 'object', 'expected an object', spec);
  check(!!spec.channels && spec.channels.length > 0, 'channels must list at least one channel', spec.channels);
  check(spec.rateHz > 0, 'rateHz must be > 0', spec.rateHz);
  check(spec.sourceRateHz > 0, 'sourceRateHz must be > 0', spec.sourceRateHz);
  check(isPositiveInteger(spec.points), 'points must be a positive integer', spec.points);
  check(spec.hopMs > 0, 'hopMs must be > 0', spec.hopMs);
  check(spec.downsample === 'pick' || spec.downsample === 'mean', "downsample must be 'pick' or 'mean'", spec.downsample);
  check(spec.features === 'raw' || spec.features === 'stats', "features must be 'raw' or 'stats'", spec.features);
  if (spec.features === 'stats') {
    var stats = spec.stats || [];
    check(stats.length > 0, "features 'stats' needs a non-empty stats list", spec.stats);
    for (var i = 0; i < stats.length; i++) {
      check(KNOWN_STATS.indexOf(stats[i]) >= 0, 'statistics must be among ' + KNOWN_STATS.join(', '), stats[i]);
    }
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
    throw badConfig(
      'hopMs ' + spec.hopMs + ' is not a whole number of samples at ' + sourceRateHz + ' Hz (' + hop + ' samples)',
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
