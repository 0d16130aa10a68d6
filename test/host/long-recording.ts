// A 10-minute continuous recording for the report's tests: the shipped cgestures recordings
// (emlearn, 100 Hz accelerometer, 4 s each) concatenated in a fixed shuffled order with their
// gestures as labelled spans, evaluated with a model trained on the same files through the
// device pipeline (so it IS training data: the report must say so).
import { loadRecordingSet } from '../../src/host/workflow/recording-set';
import { prepareTraining } from '../../src/host/workflow/prepare';
import { trainModel } from '../../src/host/workflow/train-model';
import { evaluateRecordings, Evaluation } from '../../src/host/workflow/evaluate-recordings';
import { HAR_DEFAULTS, defaultDemoData } from '../../src/host/workflow/demo';
import type { Recording } from '../../src/host/recording';
import type { LabeledEvent } from '../../src/host/labels/events';
import type { FeatureSpec } from '../../src/core/types';

export interface LongEvaluation { recording: Recording; labels: LabeledEvent[]; evaluation: Evaluation; spec: FeatureSpec }

export function longEvaluation(minutes = 10): LongEvaluation {
  var set = loadRecordingSet([defaultDemoData()], { rateHz: HAR_DEFAULTS.rateHz, countsPerG: HAR_DEFAULTS.countsPerG });
  var prepared = prepareTraining(set, Object.assign({}, HAR_DEFAULTS.prepare, { trainHopMs: 200 }));
  var classifier = trainModel(prepared.data, Object.assign({}, HAR_DEFAULTS.model, { trees: 10 }));
  var labelOf = (file: string) => set.events.find((e) => e.file === file)!.label;
  var k = set.recordings[0].channels.length, dt = 1000 / HAR_DEFAULTS.rateHz;
  var total = Math.round((minutes * 60000) / dt);
  var times = new Float64Array(total), values = new Float32Array(total * k);
  var source = 'long/cgestures-' + minutes + 'min.csv';
  var labels: LabeledEvent[] = [];
  var n = 0, r = 0, seed = 7;
  while (n < total) {
    seed = (seed * 1103515245 + 12345) % 2147483648; // a fixed order, varied from pass to pass
    var rec = set.recordings[seed % set.recordings.length];
    var len = Math.min(rec.timesMs.length, total - n);
    for (var i = 0; i < len; i++) {
      times[n + i] = (n + i) * dt;
      for (var c = 0; c < k; c++) values[(n + i) * k + c] = rec.values[i * k + c];
    }
    var label = labelOf(rec.source);
    if (label !== 'idle') labels.push({ file: source, startMs: n * dt, endMs: (n + len - 1) * dt, label });
    n += len; r++;
  }
  var recording: Recording = { source, channels: set.recordings[0].channels.slice(), rateHz: HAR_DEFAULTS.rateHz, timesMs: times, values, warnings: [] };
  var evaluation = evaluateRecordings({ spec: prepared.spec, classifier }, [recording], labels, HAR_DEFAULTS.debouncer, 1000);
  return { recording, labels, evaluation, spec: prepared.spec };
}
