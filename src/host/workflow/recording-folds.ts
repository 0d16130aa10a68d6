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
  // Each row's recording, found once (not once per fold): its index in set.recordings, ASIDE
  // for `without`, -1 for a recording the set does not list (every fold trains on those).
  var ASIDE = -2, indexOf: { [source: string]: number } = {};
  set.recordings.forEach(function (rec, r) { indexOf[rec.source] = r; });
  var rowRecording = new Int32Array(data.groups.length);
  data.groups.forEach(function (g, i) {
    var source = recordingOfGroup(g);
    rowRecording[i] = source === without ? ASIDE : Object.prototype.hasOwnProperty.call(indexOf, source) ? indexOf[source] : -1;
  });
  return set.recordings.filter(function (rec) { return rec.source !== without; }).map(function (rec) {
    var keep: number[] = [], r = indexOf[rec.source];
    for (var i = 0; i < rowRecording.length; i++) if (rowRecording[i] !== r && rowRecording[i] !== ASIDE) keep.push(i);
    return { name: rec.source, train: subset(data, keep), recordings: [rec] };
  });
}
