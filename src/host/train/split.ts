// Hold-out and stratified k-fold splits (row indices), seeded.
import { createRng, Rng } from './rng';
import { badTraining } from './dataset';

export interface Split {
  train: Int32Array;
  test: Int32Array;
}

function shuffle(a: number[], rng: Rng) {
  for (var i = a.length - 1; i > 0; i--) {
    var j = rng.int(i + 1), t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** Row indices per class, each list shuffled. */
function byClass(y: ArrayLike<number>, rng: Rng): number[][] {
  var groups: number[][] = [];
  for (var i = 0; i < y.length; i++) (groups[y[i]] = groups[y[i]] || []).push(i);
  groups = groups.filter(function (g) { return !!g; });
  groups.forEach(function (g) { shuffle(g, rng); });
  return groups;
}

function sorted(a: number[]): Int32Array {
  return new Int32Array(a).sort();
}

/**
 * Stratified k folds: every class is dealt round-robin over the folds, so each test fold
 * holds about 1/k of every class. Folds are disjoint and cover every row once.
 */
export function stratifiedKFold(y: ArrayLike<number>, k: number, seed?: number): Split[] {
  if (!(k >= 2 && k % 1 === 0)) throw badTraining('k must be an integer >= 2, got ' + k);
  if (y.length < k) throw badTraining(y.length + ' rows cannot make ' + k + ' folds');
  var rng = createRng(seed === undefined ? 1 : seed), folds: number[][] = [], f = 0, i;
  for (i = 0; i < k; i++) folds.push([]);
  byClass(y, rng).forEach(function (g) {
    g.forEach(function (row) { folds[f].push(row); f = (f + 1) % k; });
  });
  return folds.map(function (test, i) {
    var train: number[] = [];
    folds.forEach(function (other, j) { if (j !== i) train.push.apply(train, other); });
    return { train: sorted(train), test: sorted(test) };
  });
}

/** Stratified hold-out: about testFraction of every class goes to test. */
export function holdOutSplit(y: ArrayLike<number>, testFraction: number, seed?: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) throw badTraining('testFraction must be in (0, 1), got ' + testFraction);
  var rng = createRng(seed === undefined ? 1 : seed), train: number[] = [], test: number[] = [];
  byClass(y, rng).forEach(function (g) {
    var nTest = Math.round(g.length * testFraction);
    if (g.length > 1) nTest = Math.min(Math.max(nTest, 1), g.length - 1);
    for (var i = 0; i < g.length; i++) (i < nTest ? test : train).push(g[i]);
  });
  return { train: sorted(train), test: sorted(test) };
}
