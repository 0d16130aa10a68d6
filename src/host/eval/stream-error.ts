// The original study's "stream error ratio", defined precisely:
// a recording holds repetitions of ONE gesture g with rest between. Every prediction the
// device makes on it (one per hop) should be either idle or g; any other class is an error.
//   before debouncing: errorRatio = #{predictions p : p != idle and p != g} / #predictions
//   after debouncing:  eventErrorRatio = #{events e : e.label != g} / #events  (0 when no events)
// Rest predicted as rest and g predicted as idle are NOT errors here (the ratio measures
// confusion between gestures, not detection); event-level recall covers missed gestures.

export interface StreamErrorResult {
  gesture: string;
  predictions: number;
  /** Predictions that are neither idle nor the recording's gesture. */
  wrongPredictions: number;
  errorRatio: number;
  /** Per label: how many predictions went to it. */
  predictionCounts: { [label: string]: number };
  events: number;
  wrongEvents: number;
  eventErrorRatio: number;
}

export function streamErrorRatio(
  predicted: ArrayLike<number>,
  eventLabels: ArrayLike<number>,
  labels: string[],
  idleLabel: number,
  gesture: number
): StreamErrorResult {
  if (!(gesture >= 0 && gesture < labels.length)) throw new Error('streamErrorRatio: gesture index ' + gesture + ' is not a label');
  var counts: { [label: string]: number } = {};
  labels.forEach(function (l) { counts[l] = 0; });
  var wrong = 0;
  for (var i = 0; i < predicted.length; i++) {
    var p = predicted[i];
    counts[labels[p]]++;
    if (p !== idleLabel && p !== gesture) wrong++;
  }
  var wrongEvents = 0;
  for (var e = 0; e < eventLabels.length; e++) if (eventLabels[e] !== gesture) wrongEvents++;
  return {
    gesture: labels[gesture],
    predictions: predicted.length,
    wrongPredictions: wrong,
    errorRatio: predicted.length ? wrong / predicted.length : 0,
    predictionCounts: counts,
    events: eventLabels.length,
    wrongEvents: wrongEvents,
    eventErrorRatio: eventLabels.length ? wrongEvents / eventLabels.length : 0,
  };
}
