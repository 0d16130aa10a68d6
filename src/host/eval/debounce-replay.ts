// Runs a device debouncer over the predictions a replay recorded, so one replay of a
// recording (windowing, features, inference: the costly part) serves every debouncer a grid
// search tries. The debouncers read only scores[label], which the replay kept per prediction;
// the debouncer itself is the device's class, fed exactly what GesturePipeline feeds it.
import type { Debouncer } from '../../core/types';
import type { PipelineEvent } from '../../pipeline/pipeline';
import type { ReplayResult } from './replay';

export function debounceReplay(replay: ReplayResult, labels: string[], debouncer: Debouncer): PipelineEvent[] {
  var scores = new Float32Array(labels.length);
  var events: PipelineEvent[] = [];
  for (var i = 0; i < replay.predictions.length; i++) {
    var label = replay.predictions[i];
    scores.fill(0);
    scores[label] = replay.predictionScores[i];
    var d = debouncer.update(replay.predictionTimesMs[i], label, scores);
    if (d) events.push({ timeMs: d.timeMs, label: d.label, score: d.score, gesture: labels[d.label] });
  }
  return events;
}
