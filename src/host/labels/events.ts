// Labelled gesture events: a time span of one recording with one label.
import * as path from 'node:path';

export interface LabeledEvent {
  /** The recording this event belongs to (as written in the labels file, or resolved). */
  file: string;
  startMs: number;
  /** Inclusive end; Infinity for a label that covers the whole recording. */
  endMs: number;
  label: string;
}

/**
 * Name used to match a label's file to a recording: base name without directories,
 * without Label Studio's upload prefix ("f085fe84-") and without extensions
 * (".npy.csv" -> ""), so "/data/upload/3/f085fe84-a_squat.npy.csv" matches "a_squat.npy".
 */
export function recordingKey(file: string): string {
  var base = path.basename(file).replace(/^[0-9a-f]{8}-/, '');
  return base.replace(/(\.(csv|npy|json))+$/i, '');
}

/** Events whose file is `recordingFile` (by recordingKey), sorted by start. */
export function eventsFor(events: LabeledEvent[], recordingFile: string): LabeledEvent[] {
  var key = recordingKey(recordingFile);
  return events.filter(function (e) { return recordingKey(e.file) === key; }).sort(function (a, b) { return a.startMs - b.startMs; });
}
