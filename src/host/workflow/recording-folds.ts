// Leave-one-recording-out folds for an event grid: each fold trains on the windows of every
// other recording and replays the held-out one through the device pipeline.
import type { Dataset } from '../dataset/dataset';
import { subset } from '../dataset/dataset';
import type { RecordingSet } from './recording-set';
import type { EventFold } from './event-grid';
import { recordingOfGroup } from './prepare';

export function recordingFolds(set: RecordingSet, data: Dataset): EventFold[] {
  return set.recordings.map(function (rec) {
    var keep: number[] = [];
    data.groups.forEach(function (g, i) { if (recordingOfGroup(g) !== rec.source) keep.push(i); });
    return { name: rec.source, train: subset(data, keep), recordings: [rec] };
  });
}
