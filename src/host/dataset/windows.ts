// Feature vectors of a recording, computed by the device's own Windower (never a host copy).
import type { FeatureSpec } from '../../core/types';
import { Windower } from '../../pipeline/windower';
import type { Recording } from '../recording';

export interface RecordingWindow {
  /** Index of the window's last sample in the recording. */
  lastRow: number;
  /** Time of that sample, ms. */
  timeMs: number;
  features: Float32Array;
  /** With spec.motionGate: the device's gate stops this window (idle, not classified). */
  gated?: boolean;
}

/** Every window the device would compute at the spec's hop. */
export function deviceWindows(rec: Recording, spec: FeatureSpec): RecordingWindow[] {
  return windowsWhere(rec, spec, spec.hopMs, null);
}

/**
 * The windows ending at the given sample indices, as the device computes them. Runs the
 * Windower with a one-sample hop and keeps the wanted ones, so the downsampling phase and
 * the features are exactly the device's.
 */
export function windowsEndingAt(rec: Recording, spec: FeatureSpec, lastRows: number[]): RecordingWindow[] {
  var wanted: { [row: number]: boolean } = {};
  lastRows.forEach(function (r) { wanted[r] = true; });
  return windowsWhere(rec, spec, 1000 / rec.rateHz, wanted);
}

function windowsWhere(rec: Recording, spec: FeatureSpec, hopMs: number, wanted: { [row: number]: boolean } | null): RecordingWindow[] {
  var out: RecordingWindow[] = [];
  var k = rec.channels.length;
  var row = 0;
  var runSpec: FeatureSpec = hopMs === spec.hopMs ? spec : Object.assign({}, spec, { hopMs: hopMs });
  var windower = new Windower(runSpec, rec.channels, rec.rateHz, function (timeMs, features) {
    if (wanted && !wanted[row]) return;
    out.push({ lastRow: row, timeMs: timeMs, features: new Float32Array(features) });
  });
  for (row = 0; row < rec.timesMs.length; row++) windower.push(rec.timesMs[row], rec.values.subarray(row * k, row * k + k));
  if (spec.motionGate) markGated(rec, runSpec, out);
  return out;
}

/**
 * Flags the windows the device's motion gate stops: a second pass of the device's Windower
 * with its gate on (it computes no features for them), so the rest test is the device's own.
 */
function markGated(rec: Recording, runSpec: FeatureSpec, out: RecordingWindow[]): void {
  var k = rec.channels.length, row = 0, stopped: { [row: number]: boolean } = {};
  var gate = new Windower(runSpec, rec.channels, rec.rateHz, function (_timeMs, features) {
    if (!features) stopped[row] = true;
  }, { gate: true });
  for (row = 0; row < rec.timesMs.length; row++) gate.push(rec.timesMs[row], rec.values.subarray(row * k, row * k + k));
  out.forEach(function (w) { w.gated = !!stopped[w.lastRow]; });
}

/** Samples one window spans at the recording's rate (what windowsEndingAt needs before a row). */
export function spanSamples(rec: Recording, spec: FeatureSpec): number {
  var factor = Math.round(rec.rateHz / spec.rateHz);
  return spec.downsample === 'mean' ? spec.points * factor : (spec.points - 1) * factor + 1;
}
