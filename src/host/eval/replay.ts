// Replays a recording through the device's GesturePipeline (windower, features, classifier,
// debouncer) sample by sample, exactly as the device would at its hop, recording every
// prediction on the way. No host copy of any of those steps exists.
import type { Classifier, Debouncer, DetectedGesture, FeatureSpec } from '../../core/types';
import { GesturePipeline } from '../../pipeline/pipeline';
import type { PipelineEvent } from '../../pipeline/pipeline';
import { OriginalDebouncer } from '../../pipeline/debounce-original';
import type { Recording } from '../recording';

export interface ReplayModel { spec: FeatureSpec; classifier: Classifier }

export interface ReplayResult {
  source: string;
  durationMs: number;
  /** One entry per inference (one per hop): time of the window's last sample, label, its score. */
  predictionTimesMs: number[];
  predictions: number[];
  predictionScores: number[];
  /** Every label's score at each inference, row-major: classScores[j * labels + label] (the report's confidence trace). */
  classScores: number[];
  /** What the debouncer emitted. */
  events: PipelineEvent[];
  /** Windows skipped because they held invalid samples. */
  skippedWindows: number;
  /** Windows the motion gate (spec.motionGate) found at rest: idle predictions without inference. */
  gatedWindows: number;
  /** Classifier calls (predictions minus gated windows). */
  inferences: number;
}

/** The device's default: the original rule with the spec's idle label. */
export function defaultDebouncer(spec: FeatureSpec): Debouncer {
  return new OriginalDebouncer({ idleLabel: spec.idleLabel });
}

/** Records each prediction on its way into the real debouncer. */
function recordingDebouncer(inner: Debouncer, result: ReplayResult, labelCount: number): Debouncer {
  return {
    update: function (timeMs: number, label: number, scores?: Float32Array): DetectedGesture | null {
      result.predictionTimesMs.push(timeMs);
      result.predictions.push(label);
      result.predictionScores.push(scores ? scores[label] : 1);
      for (var c = 0; c < labelCount; c++) result.classScores.push(scores ? scores[c] : c === label ? 1 : 0);
      return inner.update(timeMs, label, scores);
    },
    reset: function () { inner.reset(); },
  };
}

export function replayRecording(rec: Recording, model: ReplayModel, debouncer?: Debouncer): ReplayResult {
  var n = rec.timesMs.length;
  var result: ReplayResult = {
    source: rec.source, durationMs: n ? rec.timesMs[n - 1] - rec.timesMs[0] : 0,
    predictionTimesMs: [], predictions: [], predictionScores: [], classScores: [], events: [], skippedWindows: 0, gatedWindows: 0, inferences: 0,
  };
  var pipeline = new GesturePipeline({
    source: { channels: rec.channels, rateHz: rec.rateHz },
    model: model,
    debouncer: recordingDebouncer(debouncer || defaultDebouncer(model.spec), result, model.spec.labels.length),
    onEvent: function (e) { result.events.push(e); },
    onError: function () { /* NaN samples: counted by the windower as skipped windows */ },
  });
  var k = rec.channels.length;
  for (var i = 0; i < n; i++) pipeline.push(rec.timesMs[i], rec.values.subarray(i * k, i * k + k));
  result.skippedWindows = pipeline.windower.skippedWindows;
  result.gatedWindows = pipeline.counters.gated;
  result.inferences = pipeline.counters.inferences;
  return result;
}
