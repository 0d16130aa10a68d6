// Evaluates a model on continuous recordings exactly as the device runs it: each recording
// is replayed through GesturePipeline at the spec's hop, then scored per window (truth from
// the labels), per event (against labelled spans) and, for single-gesture recordings, by the
// original study's stream error ratio.
import type { FeatureSpec } from '../../core/types';
import type { Recording } from '../recording';
import type { LabeledEvent } from '../labels/events';
import { eventsFor } from '../labels/events';
import { replayRecording, ReplayModel, ReplayResult } from '../eval/replay';
import { windowMetrics, WindowMetrics } from '../eval/window-metrics';
import { eventMetrics, combineEventMetrics, EventMetrics, TruthEvent } from '../eval/event-metrics';
import { streamErrorRatio, StreamErrorResult } from '../eval/stream-error';
import { makeDebouncer, DebouncerChoice } from './debouncer-choice';
import { majorityVerdict, summarizeVerdicts, RecordingVerdict, VerdictSummary } from '../eval/recording-verdict';

export interface RecordingEvaluation {
  recording: Recording;
  replay: ReplayResult;
  truths: TruthEvent[];
  /** Truth label per prediction (-1: not scored). */
  windowTruth: number[];
  events: EventMetrics;
  /** Only for recordings labelled with a single gesture. */
  streamError: StreamErrorResult | null;
  /** Only for recordings labelled as a whole: the majority vote of its windows. */
  verdict: RecordingVerdict | null;
}

export interface Evaluation {
  window: WindowMetrics;
  events: EventMetrics;
  recordings: RecordingEvaluation[];
  /** Per-recording verdicts over the recordings labelled as a whole (null: none is). */
  verdicts: VerdictSummary | null;
}

/**
 * The label a window should get: the labelled span overlapping it most, if that overlap
 * covers at least half of the span (or of the window, for spans longer than it); else idle.
 */
export function windowTruthLabel(spec: FeatureSpec, truths: TruthEvent[], endMs: number): number {
  var start = endMs - spec.windowMs;
  var best = -1, bestOverlap = 0;
  truths.forEach(function (t) {
    var overlap = Math.min(endMs, t.endMs) - Math.max(start, t.startMs);
    var needed = 0.5 * Math.min(t.endMs - t.startMs, spec.windowMs);
    if (overlap >= needed && overlap > bestOverlap) { bestOverlap = overlap; best = spec.labels.indexOf(t.label); }
  });
  return best >= 0 ? best : spec.idleLabel;
}

export function truthEventsFor(rec: Recording, events: LabeledEvent[], idleName: string | null): TruthEvent[] {
  var n = rec.timesMs.length;
  return eventsFor(events, rec.source)
    .filter(function (e) { return e.label !== idleName; })
    .map(function (e) {
      var whole = e.endMs === Infinity;
      return { startMs: e.startMs, endMs: whole ? (n ? rec.timesMs[n - 1] : 0) : e.endMs, label: e.label, whole: whole };
    });
}

export function evaluateRecordings(model: ReplayModel, recordings: Recording[], events: LabeledEvent[], debouncer: DebouncerChoice, toleranceMs: number): Evaluation {
  var spec = model.spec;
  var idleName = spec.idleLabel >= 0 ? spec.labels[spec.idleLabel] : null;
  var allTruth: number[] = [], allPred: number[] = [];
  var totalMs = 0;
  var per: RecordingEvaluation[] = recordings.map(function (rec) {
    var labelled = eventsFor(events, rec.source);
    if (labelled.length === 0) throw new Error(rec.source + ': no labels for this recording');
    labelled.forEach(function (e) {
      if (spec.labels.indexOf(e.label) < 0) throw new Error(rec.source + ': label "' + e.label + '" is not one of the model\'s (' + spec.labels.join(', ') + ')');
    });
    var truths = truthEventsFor(rec, events, idleName);
    var wholeIdle = labelled.length === 1 && labelled[0].endMs === Infinity && labelled[0].label === idleName;
    // One label for the whole file (an export may repeat it): whole-series data, scored per recording too.
    var whole = labelled.every(function (e) { return e.endMs === Infinity && e.label === labelled[0].label; });
    var replay = replayRecording(rec, model, makeDebouncer(debouncer, spec.idleLabel));
    totalMs += replay.durationMs;
    var windowTruth = replay.predictionTimesMs.map(function (t) {
      return wholeIdle ? spec.idleLabel : windowTruthLabel(spec, truths, t);
    });
    windowTruth.forEach(function (t, i) { if (t >= 0) { allTruth.push(t); allPred.push(replay.predictions[i]); } });
    var detections = replay.events.map(function (e) { return { timeMs: e.timeMs, label: e.gesture, score: e.score }; });
    var gestures = truths.map(function (t) { return t.label; }).filter(function (l, i, a) { return a.indexOf(l) === i; });
    return {
      recording: rec, replay: replay, truths: truths, windowTruth: windowTruth,
      events: eventMetrics(truths, detections, replay.durationMs, toleranceMs),
      streamError: gestures.length === 1
        ? streamErrorRatio(replay.predictions, replay.events.map(function (e) { return e.label; }), spec.labels, spec.idleLabel, spec.labels.indexOf(gestures[0]))
        : null,
      verdict: whole
        ? Object.assign(majorityVerdict(replay.predictions, spec.labels.length, replay.predictionScores), { recording: rec.source, truth: spec.labels.indexOf(labelled[0].label) })
        : null,
    };
  });
  var verdicts = per.filter(function (p) { return p.verdict; }).map(function (p) { return p.verdict!; });
  return {
    window: windowMetrics(allTruth, allPred, spec.labels),
    events: combineEventMetrics(per.map(function (p) { return p.events; }), totalMs),
    recordings: per,
    verdicts: verdicts.length ? summarizeVerdicts(verdicts, spec.labels) : null,
  };
}
