// Model label names follow the receiver's rule (src/core/names.ts): the encoder will not
// write, and loadModel will not read, a label whose events the receiver would refuse.
import { describe, it, expect } from 'vitest';
import { loadSeed20Hz, seedSpec } from './seed-table';
import { trainNearestCentroid } from '../../src/host/train/index';
import { encodeModel } from '../../src/classifiers/model-encode';
import { loadModel } from '../../src/classifiers/load-model';
import { crc32 } from '../../src/classifiers/model-format';

function errorOf(fn: () => unknown): any {
  try { fn(); } catch (e) { return e; }
  throw new Error('expected an error');
}

describe('model label names', () => {
  var seed = loadSeed20Hz();
  var model = trainNearestCentroid(seed.X, seed.y, seed.nFeatures, 4, { labels: seedSpec().labels });

  it('the encoder refuses a 65-character label and a C1 control, naming the label', () => {
    for (var bad of ['a'.repeat(65), 'x\u0085']) {
      var spec = seedSpec();
      spec.labels = spec.labels.slice();
      spec.labels[2] = bad;
      var m = { ...model, labels: spec.labels } as typeof model;
      var e = errorOf(() => encodeModel(spec, m));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toMatch(/label 2 (has 65 characters|has control character U\+0085)/);
    }
  });

  it('loadModel refuses a file whose label holds a C1 control (CRC valid): MODEL_INCONSISTENT', () => {
    var bytes = encodeModel(seedSpec(), model).bytes.slice();
    var name = Buffer.from('circle', 'latin1');
    var at = Buffer.from(bytes).indexOf(name);
    expect(at).toBeGreaterThan(0);
    bytes[at] = 0x85;
    var total = bytes.length;
    new DataView(bytes.buffer).setUint32(total - 4, crc32(bytes, total - 4), true);
    var e = errorOf(() => loadModel(bytes));
    expect(e.code).toBe('MODEL_INCONSISTENT');
    expect(e.message).toMatch(/label 3 has control character U\+0085/);
  });
});
