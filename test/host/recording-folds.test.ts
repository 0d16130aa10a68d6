// Leave-one-recording-out folds, and their inner form for the nested protocol: with a
// recording set aside, no fold scores it and no fold trains on it, so a choice made on the
// inner folds has never seen the recording it is then scored on.
import { describe, it, expect, beforeAll } from 'vitest';
import * as path from 'node:path';
import { loadRecordingSet, RecordingSet } from '../../src/host/workflow/recording-set';
import { prepareTraining, recordingOfGroup } from '../../src/host/workflow/prepare';
import { recordingFolds } from '../../src/host/workflow/recording-folds';
import type { Dataset } from '../../src/host/dataset/dataset';
import type { EventFold } from '../../src/host/workflow/event-grid';

const HAR = path.resolve(__dirname, '../../data/emlearn-har/cgestures');
let set: RecordingSet, data: Dataset;

beforeAll(() => {
  set = loadRecordingSet([HAR], { rateHz: 100, countsPerG: 16384 });
  data = prepareTraining(set, { channels: ['acc_x', 'acc_y', 'acc_z'], rateHz: 25, downsample: 'mean', windowMs: 1000, hopMs: 500, features: 'stats' }).data;
});

function trainedOn(fold: EventFold): Set<string> {
  return new Set((fold.train as Dataset).groups.map(recordingOfGroup));
}

describe('recordingFolds', () => {
  it('one fold per recording, each trained on every other recording with windows', () => {
    const folds = recordingFolds(set, data);
    expect(folds.map((f) => f.name)).toEqual(set.recordings.map((r) => r.source));
    const withWindows = new Set(data.groups.map(recordingOfGroup));
    folds.forEach((f) => {
      expect(f.recordings.map((r) => r.source)).toEqual([f.name]);
      const seen = trainedOn(f);
      expect(seen.has(f.name)).toBe(false);
      expect(seen.size).toBe(withWindows.size - (withWindows.has(f.name) ? 1 : 0));
    });
  });

  it('with a recording set aside: neither a fold nor in any fold\'s training', () => {
    const aside = set.recordings.find((r) => /wave/.test(r.source))!.source;
    const inner = recordingFolds(set, data, aside);
    expect(inner.length).toBe(set.recordings.length - 1);
    expect(inner.map((f) => f.name)).not.toContain(aside);
    inner.forEach((f) => {
      const seen = trainedOn(f);
      expect(seen.has(aside)).toBe(false);
      expect(seen.has(f.name)).toBe(false);
    });
    // The outer fold of the same recording trains on exactly what the inner folds cover.
    const outer = recordingFolds(set, data).find((f) => f.name === aside)!;
    const union = new Set<string>();
    inner.forEach((f) => trainedOn(f).forEach((g) => union.add(g)));
    expect([...union].sort()).toEqual([...trainedOn(outer)].sort());
  });
});
