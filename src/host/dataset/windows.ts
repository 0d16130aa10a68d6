// Feature vectors of a recording, computed by the device's own Windower (never a host copy).
import type { FeatureSpec } from '../../core/types';
import { Windower } from '../../pipeline/windower';
import { windowMotion } from '../../pipeline/motion-gate';
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
  var gate = spec.motionGate || 0;
  var windower = new Windower(runSpec, rec.channels, rec.rateHz, function (timeMs, features) {
    if (wanted && !wanted[row]) return;
    var w: RecordingWindow = { lastRow: row, timeMs: timeMs, features: new Float32Array(features) };
    // The device gate's own test (Windower with options.gate), on the window these features
    // came from: one pass gives both the features and the flag.
    if (gate) w.gated = windowMotion(runSpec, windower.window) < gate;
    out.push(w);
  });
  for (row = 0; row < rec.timesMs.length; row++) windower.push(rec.timesMs[row], rec.values.subarray(row * k, row * k + k));
  return out;
}


/** Samples one window spans at the recording's rate (what windowsEndingAt needs before a row). */
export function spanSamples(rec: Recording, spec: FeatureSpec): number {
  var factor = Math.round(rec.rateHz / spec.rateHz);
  return spec.downsample === 'mean' ? spec.points * factor : (spec.points - 1) * factor + 1;
}
