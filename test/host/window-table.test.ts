import { describe, it, expect } from 'vitest';
import { parseWindowTable, SEED_LABELS } from '../../src/host/readers/window-table';
import { selectSeedVariant } from '../../src/host/dataset/seed-variants';

// A window table in the seed's layout: <channel>_<ms> columns, then shift and label.
function table(rows: [number, number | string][]): string {
  var lines = ['acc_x_0,acc_x_50,shift,label'];
  rows.forEach(function (r, i) { lines.push(i + ',' + (i + 1) + ',' + r[0] + ',' + r[1]); });
  return lines.join('\n') + '\n';
}

describe('window table labels', () => {
  it('keeps every class of a 5-class table, named by index, never renamed to the seed\'s', () => {
    var t = parseWindowTable(table([[0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [0, 4], [0, 2]]), 'five.csv');
    expect(t.labelNames).toEqual(['0', '1', '2', '3', '4']);
    expect(t.labels).toEqual([0, 1, 2, 3, 4, 4, 2]);
  });

  it('does not call class 0 "idle" in a 3-class numeric table', () => {
    var t = parseWindowTable(table([[0, 0], [0, 1], [0, 2]]), 'three.csv');
    expect(t.labelNames).toEqual(['0', '1', '2']);
  });

  it('takes names from the file when the labels are names (sorted, like a label encoder)', () => {
    var t = parseWindowTable(table([[0, 'wave'], [0, 'idle'], [0, 'snake'], [0, 'wave']]), 'named.csv');
    expect(t.labelNames).toEqual(['idle', 'snake', 'wave']);
    expect(t.labels).toEqual([2, 0, 1, 2]);
  });

  it('uses given names for numeric labels, and says which label has no name', () => {
    expect(parseWindowTable(table([[0, 0], [0, 3]]), 'seed.csv', SEED_LABELS).labelNames).toEqual(['idle', 'x', 'y', 'circle']);
    expect(() => parseWindowTable(table([[0, 0], [0, 4]]), 'seed.csv', SEED_LABELS)).toThrow(/seed\.csv:3: label 4 found but only 4 label names given/);
  });

  it('every seed variant keeps classes 4 and above (the rule for "others")', () => {
    var t = parseWindowTable(table([[0, 0], [0, 4], [-20, 1], [0, 5], [-20, 5], [-2, 6]]), 'seven.csv');
    expect(selectSeedVariant(t, 'base')).toEqual([0, 1, 3]);
    expect(selectSeedVariant(t, 'centered')).toEqual([0, 1, 2, 3]);
    expect(selectSeedVariant(t, 'centered-aug')).toEqual([0, 1, 2, 3, 5]);
  });
});
