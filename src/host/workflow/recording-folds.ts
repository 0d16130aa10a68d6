// Leave-one-recording-out folds for an event grid: each fold trains on the windows of every
// other recording and replays the held-out one through the device pipeline.
import type { Dataset } from '../dataset/dataset';
import { subset } from '../dataset/dataset';
import type { RecordingSet } from './recording-set';
import type { EventFold } from './event-grid';
import { recordingOfGroup } from './prepare';

/**
 * One fold per recording. With `without` (a recording's source), that recording is neither
 * a fold nor in any fold's training: the inner folds of a nested protocol, whose choice is
 * then scored on `without` (its own fold in the plain recordingFolds).
 */
export function recordingFolds(set: RecordingSet, data: Dataset, without?: string): EventFold[] {
  return set.recordings.filter(function (rec) { return rec.source !== without; }).map(function (rec) {
    var keep: number[] = [];
    data.groups.forEach(function (g, i) { var r = recordingOfGroup(g); if (r !== rec.source && r !== without) keep.push(i); });
    return { name: rec.source, train: subset(data, keep), recordings: [rec] };
  });
}
