// `espruino-gestures demo`: trains on the shipped sample data and evaluates on held-out
// recordings through the device's own pipeline; prints the metrics, writes model and report.
import * as path from 'node:path';
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { parse } from '../args';
import { runDemo, describeSpec } from '../../host/workflow/demo';
import { evaluationTables, markdownTable, fixed } from '../../host/report/tables';
import { displayPath } from '../../host/report/html-report';

export var demoCommand: CliCommand = {
  name: 'demo',
  summary: 'train on the shipped sample gestures, evaluate on held-out recordings, write a report',
  help: [
    'Usage: espruino-gestures demo [--data DIR] [--out DIR] [--json]',
    '',
    'Trains the default pipeline (25 Hz statistics of a 1 s accelerometer window, 30-tree random',
    'forest) on data/emlearn-har/cgestures (idle, snake, updown, wave; MIT, see its ORIGIN.md),',
    'reports leave-one-recording-out accuracy against the data\'s 1-NN baseline (0.89), then holds',
    'out one recording per label, replays them through the device pipeline and writes:',
    '  <out>/demo-model.egm     the model file (load it on the device from Storage)',
    '  <out>/demo-report.html   metrics, confusion matrix, signals with predictions and events',
    '',
    'Options:',
    '  --data DIR   recordings folder (.npy at 100 Hz, int16 counts, label in the file name)',
    '  --out DIR    output folder (default artifacts/demo)',
    '  --json       print the results as JSON',
    '',
    'Exit codes: 0 done, 1 failed, 2 bad usage or input.',
  ].join('\n'),
  run: async function (args, io) {
    var p = parse(args, { data: { type: 'string' }, out: { type: 'string' } });
    var outDir = p.values.out || path.join('artifacts', 'demo');
    var r = runDemo({ dataDir: p.values.data, outDir: outDir, progress: { isTTY: io.isTTY, write: function (t) { process.stderr.write(t); } } });
    if (p.values.json) {
      io.out(JSON.stringify({
        dataDir: r.dataDir, recordings: r.recordings, warnings: r.warnings, spec: r.spec, model: { bytes: r.cost.bytes, perInference: r.cost.perInference, unit: r.cost.unit },
        leaveOneRecordingOut: r.loro, heldOut: r.heldOut,
        window: { accuracy: r.evaluation.window.accuracy, macroF1: r.evaluation.window.macroF1, confusion: r.evaluation.window.confusion },
        events: summaryEvents(r.evaluation.events), modelFile: r.modelFile, reportFile: r.reportFile,
      }, null, 2));
      return EXIT_OK;
    }
    r.warnings.forEach(function (w) { io.err('warning: ' + w); });
    io.out('Data: ' + r.recordings + ' recordings in ' + displayPath(r.dataDir));
    io.out('Pipeline: ' + describeSpec(r.spec));
    io.out('Model: random forest, ' + r.cost.bytes + ' bytes, ' + r.cost.perInference.toFixed(1) + ' nodes per prediction');
    io.out('');
    io.out('Leave-one-recording-out window accuracy: ' + fixed(r.loro.accuracy, 3) + ' (macro F1 ' + fixed(r.loro.macroF1, 3) + ', ' + r.loro.windows + ' windows, ' + r.loro.folds + ' folds); 1-NN baseline: ' + r.loro.baseline);
    io.out('');
    io.out('Held-out recordings, replayed through the device pipeline: ' + r.heldOut.map(function (f) { return path.basename(f); }).join(', '));
    evaluationTables(r.evaluation, r.spec.labels).forEach(function (t) { io.out(''); io.out(t.title); io.out(markdownTable(t)); });
    io.out('');
    io.out('Model file: ' + r.modelFile);
    io.out('Report:     ' + r.reportFile);
    return EXIT_OK;
  },
};

export function summaryEvents(e: any) {
  return {
    truths: e.truths, detections: e.detections, truePositives: e.truePositives, precision: e.precision, recall: e.recall, f1: e.f1,
    falseEvents: e.falseEvents, wrongGestureEvents: e.wrongGestureEvents, repeatEvents: e.repeatEvents, falseEventsPerMinute: e.falseEventsPerMinute,
    meanLatencyMs: isFinite(e.meanLatencyMs) ? e.meanLatencyMs : null, medianLatencyMs: isFinite(e.medianLatencyMs) ? e.medianLatencyMs : null,
  };
}
