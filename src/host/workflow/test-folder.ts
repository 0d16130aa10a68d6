// `train --test DIR`: score the trained model on recordings kept apart (a whole-series data
// set's test split), windowed by the device's own code at the model's hop, per window and per
// recording (majority vote). Also counts the windows each recording gave.
import type { Dataset } from '../dataset/dataset';
import { buildDataset, VariantOptions } from '../dataset/variants';
import type { RecordingSet } from './recording-set';
import { recordingOfGroup } from './prepare';
import { eventsFor } from '../labels/events';
import { trainModel, predictRows, ModelParams } from './train-model';
import { windowMetrics } from '../eval/window-metrics';
import { verdictsByGroup, summarizeVerdicts, VerdictSummary, RecordingVerdict } from '../eval/recording-verdict';
import { inputError } from '../input-error';

export interface WindowCounts {
  recordings: number;
  /** Over the recordings that gave at least one window. */
  min: number;
  median: number;
  max: number;
  /** Recordings that gave no window (shorter than one window). */
  none: string[];
}

/** Windows per recording of a dataset built from `recordings` (the labelled ones: others give none by design). */
export function windowCounts(data: Dataset, recordings: { source: string }[]): WindowCounts {
  var per: { [file: string]: number } = {};
  data.groups.forEach(function (g) { var r = recordingOfGroup(g); per[r] = (per[r] || 0) + 1; });
  var counts = recordings.map(function (r) { return per[r.source] || 0; });
  var some = counts.filter(function (c) { return c > 0; }).sort(function (a, b) { return a - b; });
  return {
    recordings: recordings.length,
    min: some.length ? some[0] : 0, max: some.length ? some[some.length - 1] : 0,
    median: some.length ? (some.length % 2 ? some[(some.length - 1) / 2] : (some[some.length / 2 - 1] + some[some.length / 2]) / 2) : 0,
    none: recordings.filter(function (r, i) { return counts[i] === 0; }).map(function (r) { return r.source; }),
  };
}

export function describeWindowCounts(c: WindowCounts): string {
  var given = c.recordings - c.none.length;
  return (c.min === c.max ? c.min + ' window' + (c.min === 1 ? '' : 's') + ' per recording' : c.min + '-' + c.max + ' windows per recording (median ' + c.median + ')') +
    ' from ' + given + ' recording' + (given === 1 ? '' : 's') +
    (c.none.length ? '; ' + c.none.length + ' gave none (shorter than one window): ' + c.none.slice(0, 3).join(', ') + (c.none.length > 3 ? ', ...' : '') : '');
}

export interface TestScore {
  accuracy: number;
  macroF1: number;
  windows: number;
  counts: WindowCounts;
  /** Recordings labelled as a whole: majority vote of their windows. */
  verdicts: VerdictSummary | null;
  perRecording: RecordingVerdict[];
  warnings: string[];
}

/**
 * Verdicts of the recordings labelled as a whole among scored windows: their group is the
 * recording itself, where windows of labelled spans have "file#n" (and are left out).
 */
export function wholeRecordingVerdicts(groups: string[], truth: number[], predicted: number[], labelCount: number): RecordingVerdict[] {
  var whole: number[] = [];
  groups.forEach(function (g, i) { if (g.indexOf('#') < 0) whole.push(i); });
  return verdictsByGroup(whole.map(function (i) { return groups[i]; }), whole.map(function (i) { return truth[i]; }), whole.map(function (i) { return predicted[i]; }), labelCount);
}

/** Refuses a test set the model cannot be scored on: another rate, or labels it does not know. */
export function checkTestSet(test: RecordingSet, train: RecordingSet, labels: string[]): void {
  var rate = train.recordings[0].rateHz;
  test.recordings.forEach(function (r) {
    if (r.rateHz !== rate) throw inputError(r.source, null, 'a --test recording at ' + r.rateHz + ' Hz; the training recordings are at ' + rate + ' Hz');
  });
  var unknown = test.events.filter(function (e) { return labels.indexOf(e.label) < 0; })[0];
  if (unknown) throw inputError(unknown.file, null, 'label "' + unknown.label + '" of this --test recording is not among the training labels (' + labels.join(', ') + ')');
}

/** Trains on `data` with `params` (as `train` does for the model file) and scores on `test`. */
export function scoreOnTestSet(data: Dataset, params: ModelParams, test: RecordingSet, variant: VariantOptions): TestScore {
  var spec = data.spec;
  var testData = buildDataset(test.recordings, test.events, spec, variant);
  if (testData.X.length === 0) throw inputError(test.recordings.map(function (r) { return r.source; }).join(', '), null, 'no --test recording gave a window (each is shorter than the model\'s window of ' + spec.windowMs + ' ms)');
  var model = trainModel(data, params);
  var predicted = predictRows(model, testData.X);
  var m = windowMetrics(testData.y, predicted, spec.labels);
  var verdicts = wholeRecordingVerdicts(testData.groups, testData.y, predicted, spec.labels.length);
  var counts = windowCounts(testData, test.recordings.filter(function (r) { return eventsFor(test.events, r.source).length > 0; }));
  var summary = verdicts.length ? summarizeVerdicts(verdicts, spec.labels) : null;
  if (summary) summary.unscored = counts.none;
  return { accuracy: m.accuracy, macroF1: m.macroF1, windows: testData.X.length, counts: counts, verdicts: summary, perRecording: verdicts, warnings: testData.warnings };
}
