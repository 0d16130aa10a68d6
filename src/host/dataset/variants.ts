// Dataset variants from labelled events (issue 4, after the original study):
//   baseline      window starts at the event start
//   centered      window centre on the event centre
//   centered-aug  centered, plus copies shifted by shiftMinMs..shiftMaxMs in shiftStepMs steps
//   end           window ends at the event end (what a streaming device sees when it should fire)
// Stretches with no event give idle windows every idleHopMs. A recording labelled as a whole
// (Label Studio choice, emlearn file names) gives every device window, at the spec's hop.
// Downsampling and channel subsets come from the spec; SMOTE is in smote.ts.
// With a motion gate, a window of a gesture recording labelled as a whole that the gate
// stops is labelled idle: the wearer had not started or had stopped (label boundary), and the
// device says idle there anyway. The relabelled windows are counted in the warnings.
import type { FeatureSpec } from '../../core/types';
import type { Recording } from '../recording';
import type { LabeledEvent } from '../labels/events';
import { eventsFor } from '../labels/events';
import type { Dataset } from './dataset';
import { deviceWindows, windowsEndingAt, spanSamples } from './windows';
import type { RecordingWindow } from './windows';

export type VariantName = 'baseline' | 'centered' | 'centered-aug' | 'end';
export var VARIANTS: VariantName[] = ['baseline', 'centered', 'centered-aug', 'end'];

export interface VariantOptions {
  variant: VariantName;
  /** centered-aug: shift range of the window centre, ms (default -150..150 step 50). */
  shiftMinMs?: number;
  shiftMaxMs?: number;
  shiftStepMs?: number;
  /** Idle windows from event-free stretches every this many ms (default 250; 0 = none). */
  idleHopMs?: number;
  /** Keep idle windows this far from any event, ms (default 100). */
  idleMarginMs?: number;
}

export function buildDataset(recordings: Recording[], events: LabeledEvent[], spec: FeatureSpec, options: VariantOptions): Dataset {
  if (VARIANTS.indexOf(options.variant) < 0) throw new Error('unknown variant "' + options.variant + '" (known: ' + VARIANTS.join(', ') + ')');
  var ds: Dataset = { X: [], y: [], groups: [], labels: spec.labels, spec: spec, warnings: [] };
  if (spec.motionGate) ds.gated = [];
  var restRelabelled = 0;
  recordings.forEach(function (rec) {
    if (rec.timesMs.length === 0) return;
    var evs = eventsFor(events, rec.source);
    if (evs.length === 0) {
      ds.warnings.push(rec.source + ': no labels, skipped');
      return;
    }
    // Exports may label one file twice (two annotations): the same label is fine, two are not.
    var whole: string[] = [];
    evs.forEach(function (e) { if (e.endMs === Infinity && whole.indexOf(e.label) < 0) whole.push(e.label); });
    if (whole.length > 1) throw new Error(rec.source + ': labelled as a whole with different labels (' + whole.join(', ') + ')');
    if (whole.length === 1) restRelabelled += addWholeRecording(ds, rec, spec, labelIndex(spec, whole[0], rec.source));
    else addEventWindows(ds, rec, evs, spec, options);
  });
  if (restRelabelled) ds.warnings.push(restRelabelled + ' windows of gesture recordings labelled as a whole are at rest (below the motion gate ' + spec.motionGate + ' m/s2): labelled ' + spec.labels[spec.idleLabel]);
  return ds;
}

function labelIndex(spec: FeatureSpec, label: string, source: string): number {
  var i = spec.labels.indexOf(label);
  if (i < 0) throw new Error(source + ': label "' + label + '" is not one of the model labels (' + spec.labels.join(', ') + ')');
  return i;
}

/** Returns how many windows at rest it labelled idle instead of the recording's label. */
function addWholeRecording(ds: Dataset, rec: Recording, spec: FeatureSpec, label: number): number {
  var wins = deviceWindows(rec, spec), relabelled = 0;
  if (wins.length === 0) ds.warnings.push(rec.source + ': shorter than one window (' + spec.windowMs + ' ms), no windows');
  wins.forEach(function (w) {
    var rest = w.gated && spec.idleLabel >= 0 && label !== spec.idleLabel;
    if (rest) relabelled++;
    push(ds, w.features, rest ? spec.idleLabel : label, rec.source, w.gated);
  });
  return relabelled;
}

function addEventWindows(ds: Dataset, rec: Recording, evs: LabeledEvent[], spec: FeatureSpec, o: VariantOptions): void {
  var span = spanSamples(rec, spec);
  var halfMs = spec.windowMs / 2;
  var want: { row: number; label: number; group: string }[] = [];
  evs.forEach(function (ev, n) {
    var label = labelIndex(spec, ev.label, rec.source);
    var group = rec.source + '#' + n;
    endTimes(ev, spec.windowMs, halfMs, o).forEach(function (endMs) {
      var row = nearestRow(rec.timesMs, endMs);
      if (row < span - 1 || Math.abs(rec.timesMs[row] - endMs) > 1000 / rec.rateHz) {
        ds.warnings.push(rec.source + ': no ' + o.variant + ' window for ' + ev.label + ' at ' + ev.startMs + '-' + ev.endMs + ' ms (window would leave the recording)');
        return;
      }
      want.push({ row: row, label: label, group: group });
    });
  });
  var idleHop = o.idleHopMs === undefined ? 250 : o.idleHopMs;
  if (spec.idleLabel >= 0 && idleHop > 0) {
    var margin = o.idleMarginMs === undefined ? 100 : o.idleMarginMs;
    var step = Math.max(1, Math.round((idleHop * rec.rateHz) / 1000));
    for (var row = span - 1; row < rec.timesMs.length; row += step) {
      var end = rec.timesMs[row], start = rec.timesMs[row - span + 1];
      var clear = evs.every(function (e) { return e.endMs + margin < start || e.startMs - margin > end; });
      if (clear) want.push({ row: row, label: spec.idleLabel, group: rec.source + '#idle' });
    }
  }
  var byRow: { [row: number]: RecordingWindow } = {};
  windowsEndingAt(rec, spec, want.map(function (w) { return w.row; })).forEach(function (w) { byRow[w.lastRow] = w; });
  want.forEach(function (w) {
    if (byRow[w.row]) push(ds, byRow[w.row].features, w.label, w.group, byRow[w.row].gated);
    else ds.warnings.push(rec.source + ': window ending at sample ' + w.row + ' skipped (invalid samples)');
  });
}

function endTimes(ev: LabeledEvent, windowMs: number, halfMs: number, o: VariantOptions): number[] {
  var center = (ev.startMs + ev.endMs) / 2;
  switch (o.variant) {
    case 'baseline': return [ev.startMs + windowMs];
    case 'centered': return [center + halfMs];
    case 'end': return [ev.endMs];
    case 'centered-aug':
      var min = o.shiftMinMs === undefined ? -150 : o.shiftMinMs;
      var max = o.shiftMaxMs === undefined ? 150 : o.shiftMaxMs;
      var step = o.shiftStepMs === undefined ? 50 : o.shiftStepMs;
      if (!(step > 0) || max < min) throw new Error('centered-aug: bad shift range ' + min + '..' + max + ' step ' + step);
      var out: number[] = [];
      for (var s = min; s <= max + 1e-9; s += step) out.push(center + halfMs + s);
      return out;
  }
  return [];
}

function nearestRow(times: Float64Array, t: number): number {
  var lo = 0, hi = times.length - 1;
  while (lo < hi) {
    var mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid + 1; else hi = mid;
  }
  if (lo > 0 && Math.abs(times[lo - 1] - t) <= Math.abs(times[lo] - t)) return lo - 1;
  return lo;
}

function push(ds: Dataset, features: Float32Array, label: number, group: string, gated?: boolean): void {
  ds.X.push(features);
  ds.y.push(label);
  ds.groups.push(group);
  if (ds.gated) ds.gated.push(!!gated);
}
