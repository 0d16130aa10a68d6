// Hold-out and grouped cross-validation over a Dataset: every split keeps whole groups
// (recordings or events) on one side, so near-identical windows never straddle it. Windows
// the spec's motion gate stops are scored as the device says: idle.
import type { Classifier } from '../../core/types';
import { holdOutSplit } from '../train';
import { windowMetrics, WindowMetrics } from '../eval/window-metrics';
import { trainModel, predictRows, ModelParams, Labelled } from './train-model';

export interface CvResult extends WindowMetrics {
  folds: number;
  truth: number[];
  predicted: number[];
  /** Leave-one-group-out: the group of each scored window (same order as truth). */
  groups?: string[];
}

/** Windows with their device gate flags (Dataset.gated) and the spec naming the idle label. */
type Gated = { gated?: boolean[]; spec?: { idleLabel: number } };

/** The device's verdicts: windows its motion gate stops are idle, the rest the model's. */
function predictGated(model: Classifier, data: Labelled & Gated, rows: ArrayLike<number>): number[] {
  var idle = data.spec ? data.spec.idleLabel : -1;
  return predictRows(model, pick(data.X, rows)).map(function (p, i) {
    return idle >= 0 && data.gated && data.gated[rows[i]] ? idle : p;
  });
}

function pick<T>(a: T[], idx: ArrayLike<number>): T[] {
  var out: T[] = [];
  for (var i = 0; i < idx.length; i++) out.push(a[idx[i]]);
  return out;
}

/** Stratified random hold-out by window (as the original study did with train_test_split). */
export function holdOut(data: Labelled & Gated, params: ModelParams, testFraction: number, seed?: number): CvResult & { model: Classifier } {
  var split = holdOutSplit(data.y, testFraction, seed === undefined ? 1 : seed);
  var model = trainModel({ X: pick(data.X, split.train), y: pick(data.y, split.train), labels: data.labels }, params);
  var truth = pick(data.y, split.test);
  var predicted = predictGated(model, data, split.test);
  var m = windowMetrics(truth, predicted, data.labels);
  return Object.assign(m, { folds: 1, truth: truth, predicted: predicted, model: model });
}

/**
 * Leave-one-group-out: train on all other groups, predict the left-out one; metrics over
 * every prediction. `groupOf` maps a window's group to the unit left out (default: itself).
 */
export function leaveOneGroupOut(
  data: Labelled & { groups: string[] },
  params: ModelParams,
  groupOf?: ((g: string) => string) | null,
  testData?: Labelled & Gated & { groups: string[] }
): CvResult {
  var key = groupOf || function (g: string) { return g; };
  // With testData (e.g. the same recordings windowed at the device's hop, where `data` was
  // windowed densely as augmentation) the left-out group is scored on testData's windows.
  var test: Labelled & Gated & { groups: string[] } = testData || data;
  var units: string[] = [];
  data.groups.forEach(function (g) { var u = key(g); if (units.indexOf(u) < 0) units.push(u); });
  if (units.length < 2) throw new Error('leave-one-group-out needs at least 2 groups, found ' + units.length);
  var truth: number[] = [], predicted: number[] = [], groups: string[] = [];
  units.forEach(function (u) {
    var trainRows: number[] = [], testRows: number[] = [];
    data.groups.forEach(function (g, i) { if (key(g) !== u) trainRows.push(i); });
    test.groups.forEach(function (g, i) { if (key(g) === u) testRows.push(i); });
    var model = trainModel({ X: pick(data.X, trainRows), y: pick(data.y, trainRows), labels: data.labels }, params);
    truth = truth.concat(pick(test.y, testRows));
    predicted = predicted.concat(predictGated(model, test, testRows));
    groups = groups.concat(pick(test.groups, testRows));
  });
  var m = windowMetrics(truth, predicted, data.labels);
  return Object.assign(m, { folds: units.length, truth: truth, predicted: predicted, groups: groups });
}
