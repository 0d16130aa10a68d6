// The scale of a model's input travels with the model (spec.units): measured on the training
// recordings, checked on every recording evaluate/replay feed it. A recording whose
// acceleration is plainly in another unit is refused (or, for the raw counts the model was
// trained on, converted the same way) with a message, instead of scoring 0.5 in silence.
import type { FeatureSpec, InputUnits, AccelUnit, GyroUnit } from '../../core/types';
import { STANDARD_GRAVITY } from '../../core/types';
import type { Recording } from '../recording';
import { inputError } from '../input-error';

var ACC = ['acc_x', 'acc_y', 'acc_z'];

/** Median |a| over the samples (all three axes needed), or null. */
export function medianAccelMagnitude(rec: Recording): number | null {
  var idx = ACC.map(function (c) { return rec.channels.indexOf(c); });
  if (idx.some(function (i) { return i < 0; })) return null;
  var n = rec.timesMs.length, k = rec.channels.length, step = Math.max(1, Math.floor(n / 2000)), m: number[] = [];
  for (var i = 0; i < n; i += step) {
    var x = rec.values[i * k + idx[0]], y = rec.values[i * k + idx[1]], z = rec.values[i * k + idx[2]];
    m.push(Math.sqrt(x * x + y * y + z * z));
  }
  if (!m.length) return null;
  m.sort(function (a, b) { return a - b; });
  return m[m.length >> 1];
}

/** The unit gravity's magnitude suggests: ~9.8 m/s^2, ~1 g, hundreds or more for raw counts. */
export function accelUnitOf(magnitude: number | null): AccelUnit {
  if (magnitude === null) return 'unknown';
  if (magnitude >= 4 && magnitude <= 30) return 'm/s2';
  if (magnitude >= 0.4 && magnitude <= 3) return 'g';
  if (magnitude >= 100) return 'counts';
  return 'unknown';
}

/** The units of a training set (after any --counts-per-g conversion). */
export function trainingUnits(recordings: Recording[], countsPerG: number | undefined, gyro: GyroUnit): InputUnits {
  var units = recordings.map(function (r) { return accelUnitOf(medianAccelMagnitude(r)); });
  var accel: AccelUnit = units.length && units.every(function (u) { return u === units[0]; }) ? units[0] : 'unknown';
  return { accel: accel, gyro: gyro, countsPerG: countsPerG || 0 };
}

export function describeUnits(u: InputUnits | undefined): string {
  if (!u) return 'units not recorded (model file v1)';
  return 'acceleration in ' + u.accel + (u.countsPerG ? ' (raw counts at ' + u.countsPerG + ' per g, converted)' : '') + (u.gyro === 'unknown' ? ', rotation unit unknown' : ', rotation in ' + u.gyro);
}

/** Notes that differ only in the file they name, as one line ("4 recordings (a, b, ...): ..."). */
export function mergeFileNotes(notes: string[]): string[] {
  var byText: { [text: string]: string[] } = {}, order: string[] = [];
  notes.forEach(function (n) {
    var i = n.indexOf(': ');
    var file = i < 0 ? '' : n.slice(0, i), text = i < 0 ? n : n.slice(i + 2);
    if (!byText[text]) { byText[text] = []; order.push(text); }
    byText[text].push(file);
  });
  return order.map(function (t) {
    var f = byText[t];
    return f.length === 1 ? (f[0] ? f[0] + ': ' : '') + t : f.length + ' recordings (' + f.slice(0, 3).join(', ') + (f.length > 3 ? ', ...' : '') + '): ' + t;
  });
}

function scaleAll(rec: Recording, k: number): void {
  for (var i = 0; i < rec.values.length; i++) rec.values[i] *= k;
}

/**
 * Checks a recording against the model before it is replayed: every channel the model
 * reads is there, and the acceleration is in the model's unit. Raw counts where the model
 * was trained on counts converted at N per g are converted the same way (a note says so);
 * any other mismatch is refused (exit 2). Returns the notes.
 */
export function checkInput(rec: Recording, spec: FeatureSpec, countsPerGGiven: boolean): string[] {
  var missing = spec.channels.filter(function (c) { return rec.channels.indexOf(c) < 0; });
  if (missing.length) {
    throw inputError(rec.source, null, 'no channel ' + missing.join(', ') + ': the model reads ' + spec.channels.join(', ') + ', the recording has ' + rec.channels.join(', '));
  }
  var notes: string[] = [];
  var u = spec.units;
  if (!u || u.accel === 'unknown' || !spec.channels.some(function (c) { return ACC.indexOf(c) >= 0; })) return notes;
  var mag = medianAccelMagnitude(rec), have = accelUnitOf(mag);
  if (have === 'unknown' || have === u.accel) return notes;
  if (have === 'counts' && u.countsPerG && u.accel === 'm/s2' && !countsPerGGiven) {
    scaleAll(rec, STANDARD_GRAVITY / u.countsPerG);
    notes.push(rec.source + ': raw counts converted to m/s^2 at ' + u.countsPerG + ' counts per g, as the model\'s training recordings were');
    return notes;
  }
  var hint = have === 'counts' ? 'give --counts-per-g N (16384 for int16 at +-2 g)'
    : have === 'g' && u.accel === 'm/s2' ? 'convert it to m/s^2 (x ' + STANDARD_GRAVITY + ')'
    : u.accel === 'counts' ? 'the model was trained on raw counts: pass the recording as raw counts too'
    : 'convert it to ' + u.accel;
  throw inputError(rec.source, null, 'acceleration looks like ' + have + ' (median |a| ' + mag!.toFixed(2) + ') but the model was trained on ' + u.accel +
    (u.countsPerG ? ' (raw counts at ' + u.countsPerG + ' per g, converted)' : '') + ': ' + hint);
}
