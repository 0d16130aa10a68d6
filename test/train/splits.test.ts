import { describe, it, expect } from 'vitest';
import { stratifiedKFold, holdOutSplit } from '../../src/host/train/index';

// 100 rows: 50 of class 0, 30 of class 1, 20 of class 2.
var y = new Int32Array(100);
for (var i = 0; i < 100; i++) y[i] = i < 50 ? 0 : i < 80 ? 1 : 2;

function classCount(rows: Int32Array, c: number) {
  var n = 0;
  rows.forEach(function (r) { if (y[r] === c) n++; });
  return n;
}

describe('stratifiedKFold', () => {
  it('makes disjoint test folds covering every row once, each train = the rest', () => {
    var folds = stratifiedKFold(y, 5, 9), seen = new Int32Array(100);
    for (var f of folds) {
      f.test.forEach(function (r) { seen[r]++; });
      expect(f.train.length + f.test.length).toBe(100);
      var inTest: { [r: number]: boolean } = {};
      f.test.forEach(function (r) { inTest[r] = true; });
      f.train.forEach(function (r) { expect(inTest[r]).toBeUndefined(); });
    }
    expect(Array.from(seen).every(function (v) { return v === 1; })).toBe(true);
  });

  it('keeps class proportions in every fold (within one row)', () => {
    for (var f of stratifiedKFold(y, 5, 9)) {
      expect(Math.abs(classCount(f.test, 0) - 10)).toBeLessThanOrEqual(1);
      expect(Math.abs(classCount(f.test, 1) - 6)).toBeLessThanOrEqual(1);
      expect(Math.abs(classCount(f.test, 2) - 4)).toBeLessThanOrEqual(1);
    }
  });

  it('is reproducible by seed and differs between seeds', () => {
    expect(stratifiedKFold(y, 4, 1)[0].test).toEqual(stratifiedKFold(y, 4, 1)[0].test);
    expect(stratifiedKFold(y, 4, 1)[0].test).not.toEqual(stratifiedKFold(y, 4, 2)[0].test);
  });

  it('rejects k < 2 and more folds than rows', () => {
    expect(() => stratifiedKFold(y, 1)).toThrow(/k must be an integer >= 2/);
    expect(() => stratifiedKFold(new Int32Array(3), 5)).toThrow(/3 rows cannot make 5 folds/);
  });
});

describe('holdOutSplit', () => {
  it('holds out the fraction of every class', () => {
    var s = holdOutSplit(y, 0.2, 4);
    expect(s.test.length + s.train.length).toBe(100);
    expect(classCount(s.test, 0)).toBe(10);
    expect(classCount(s.test, 1)).toBe(6);
    expect(classCount(s.test, 2)).toBe(4);
  });

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => holdOutSplit(y, 1)).toThrow(/testFraction must be in \(0, 1\)/);
  });
});
