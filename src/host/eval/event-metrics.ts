// Event-level scoring of detected gestures against labelled gesture spans.
// A detection at time t matches a labelled event when start - tol <= t <= end + tol and the
// labels agree; each labelled event and each detection match at most once (detections in
// time order take the matching event that ends first). Every other detection is a false
// event; those that fall inside a labelled span of another gesture are also counted as
// wrong-gesture events. `detections` counts scored detections (repeats inside a
// whole-recording label excluded). Latency = detection time - labelled end (negative: fired before the end).

export interface TruthEvent {
  startMs: number;
  endMs: number;
  label: string;
  /**
   * The label covers a whole recording of one continuous activity (emlearn's files): further
   * detections of the same label inside it are repeats, neither true nor false events.
   */
  whole?: boolean;
}
export interface DetectedEvent { timeMs: number; label: string; score?: number }

export interface EventMatch { truth: TruthEvent; detection: DetectedEvent; latencyMs: number }

export interface EventMetrics {
  truths: number;
  detections: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Detections matching no labelled event (includes wrong-gesture ones). */
  falseEvents: number;
  /** Detections inside a labelled span of another gesture. */
  wrongGestureEvents: number;
  /** Further same-label detections inside a whole-recording label (not scored). */
  repeatEvents: number;
  falseEventsPerMinute: number;
  missed: TruthEvent[];
  matches: EventMatch[];
  /** Mean and median of latency over matches of spans with a real end (NaN when none). */
  meanLatencyMs: number;
  medianLatencyMs: number;
}

export function eventMetrics(truths: TruthEvent[], detections: DetectedEvent[], durationMs: number, toleranceMs?: number): EventMetrics {
  var tol = toleranceMs === undefined ? 1000 : toleranceMs;
  var used = truths.map(function () { return false; });
  var matches: EventMatch[] = [];
  var wrongGesture = 0, repeats = 0;
  var sorted = detections.slice().sort(function (a, b) { return a.timeMs - b.timeMs; });
  sorted.forEach(function (d) {
    var best = -1;
    var insideOther = false, repeat = false;
    for (var i = 0; i < truths.length; i++) {
      var t = truths[i];
      if (d.timeMs < t.startMs - tol || d.timeMs > t.endMs + tol) continue;
      if (t.label !== d.label) { insideOther = true; continue; }
      if (used[i]) { if (t.whole) repeat = true; continue; }
      if (best < 0 || t.endMs < truths[best].endMs) best = i;
    }
    if (best >= 0) {
      used[best] = true;
      matches.push({ truth: truths[best], detection: d, latencyMs: d.timeMs - truths[best].endMs });
    } else if (repeat) repeats++;
    else if (insideOther) wrongGesture++;
  });
  var tp = matches.length;
  var scored = sorted.length - repeats;
  var precision = scored ? tp / scored : (truths.length ? 0 : 1);
  var recall = truths.length ? tp / truths.length : 1;
  var latencies = timedLatencies(matches);
  var falseEvents = scored - tp;
  return {
    truths: truths.length,
    detections: scored,
    truePositives: tp,
    precision: precision,
    recall: recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    falseEvents: falseEvents,
    wrongGestureEvents: wrongGesture,
    repeatEvents: repeats,
    falseEventsPerMinute: durationMs > 0 ? falseEvents / (durationMs / 60000) : 0,
    missed: truths.filter(function (t, i) { return !used[i]; }),
    matches: matches,
    meanLatencyMs: latencies.length ? latencies.reduce(function (a, b) { return a + b; }, 0) / latencies.length : NaN,
    medianLatencyMs: latencies.length ? latencies[latencies.length >> 1] : NaN,
  };
}

/** Latencies of matches whose labelled span has a real end (not a whole-recording label), sorted. */
function timedLatencies(matches: EventMatch[]): number[] {
  return matches.filter(function (m) { return !m.truth.whole; }).map(function (m) { return m.latencyMs; }).sort(function (a, b) { return a - b; });
}

/** Sums event counts over several recordings and recomputes the ratios. */
export function combineEventMetrics(parts: EventMetrics[], totalDurationMs: number): EventMetrics {
  var nTruths = 0, nDetections = 0, tp = 0, wrong = 0, repeats = 0;
  var missed: TruthEvent[] = [], matches: EventMatch[] = [];
  parts.forEach(function (p) {
    nTruths += p.truths; nDetections += p.detections; tp += p.truePositives; wrong += p.wrongGestureEvents; repeats += p.repeatEvents;
    missed = missed.concat(p.missed); matches = matches.concat(p.matches);
  });
  var precision = nDetections ? tp / nDetections : (nTruths ? 0 : 1);
  var recall = nTruths ? tp / nTruths : 1;
  var lat = timedLatencies(matches);
  return {
    truths: nTruths, detections: nDetections, truePositives: tp, precision: precision, recall: recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    falseEvents: nDetections - tp, wrongGestureEvents: wrong, repeatEvents: repeats,
    falseEventsPerMinute: totalDurationMs > 0 ? (nDetections - tp) / (totalDurationMs / 60000) : 0,
    missed: missed, matches: matches,
    meanLatencyMs: lat.length ? lat.reduce(function (a, b) { return a + b; }, 0) / lat.length : NaN,
    medianLatencyMs: lat.length ? lat[lat.length >> 1] : NaN,
  };
}
