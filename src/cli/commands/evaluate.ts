// `espruino-gestures evaluate`: scores a model on labelled continuous recordings, replayed
// through the device pipeline; prints the metrics and can write the HTML report.
import { writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { parse, num, usageError } from '../args';
import { RECORDING_OPTIONS, RECORDING_HELP, DEBOUNCE_OPTIONS, DEBOUNCE_HELP, modelRecordingOptions, debouncerChoice, readModelFile } from '../common-options';
import { checkInput, describeUnits, mergeFileNotes } from '../../host/workflow/input-units';
import { trainedOn, trainingDataWarning } from '../../host/workflow/fingerprint';
import { loadRecordingSet } from '../../host/workflow/recording-set';
import { evaluateRecordings } from '../../host/workflow/evaluate-recordings';
import { describeDebouncer } from '../../host/workflow/debouncer-choice';
import { describeSpec } from '../../host/workflow/demo';
import { evaluationTables, markdownTable } from '../../host/report/tables';
import { renderHtmlReport } from '../../host/report/html-report';
import { summaryEvents } from './demo';

export var evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary: 'score a model on labelled recordings replayed through the device pipeline',
  help: [
    'Usage: espruino-gestures evaluate --model FILE RECORDINGS... [options] [--json]',
    '',
    'RECORDINGS are .csv / .npy files or folders. Each is replayed through the device\'s windower,',
    'features, classifier and debouncer at the model\'s hop. Metrics:',
    '  window accuracy, macro F1, confusion matrix (a window\'s truth is the labelled span',
    '    covering at least half of it, else idle);',
    '  stream error ratio per single-gesture recording (predictions neither idle nor the',
    '    recording\'s gesture / all predictions; after debouncing: wrong events / events);',
    '  event precision, recall, F1, false events per minute, latency from gesture end.',
    '',
    'Options:',
    '  --model FILE          model file from `train` (required)',
    '  --report FILE         write the self-contained HTML report there',
  ].concat(RECORDING_HELP, DEBOUNCE_HELP, ['', 'Exit codes: 0 done, 1 failed, 2 bad usage or input.']).join('\n'),
  run: async function (args, io) {
    var p = parse(args, Object.assign({ model: { type: 'string' }, report: { type: 'string' } }, RECORDING_OPTIONS, DEBOUNCE_OPTIONS) as any);
    if (p.positionals.length === 0) throw usageError('evaluate needs at least one recording or folder');
    var m = readModelFile(p.values.model);
    var set = loadRecordingSet(p.positionals, modelRecordingOptions(p.values, m));
    var notes: string[] = [];
    set.recordings.forEach(function (r) { notes.push.apply(notes, checkInput(r, m.spec, p.values['counts-per-g'] !== undefined)); });
    set.warnings.push.apply(set.warnings, mergeFileNotes(notes));
    var seen = trainedOn(set.recordings.map(function (r) { return r.source; }), m.training);
    var trainingWarning = trainingDataWarning(seen, set.recordings.length);
    if (trainingWarning) set.warnings.push(trainingWarning);
    var deb = debouncerChoice(p.values);
    var ev = evaluateRecordings(m, set.recordings, set.events, deb, num(p.values, 'tolerance', 1000)!);
    var tables = evaluationTables(ev, m.spec.labels);
    if (p.values.report) {
      mkdirSync(path.dirname(path.resolve(p.values.report)), { recursive: true });
      writeFileSync(p.values.report, renderHtmlReport({
        title: 'espruino-gestures evaluation',
        warnings: trainingWarning ? [trainingWarning] : [],
        notes: ['Model: ' + p.values.model + ' (' + m.kind + ', ' + m.bytes + ' bytes); ' + describeSpec(m.spec) + '; ' + describeUnits(m.spec.units) + '.', 'Debouncer: ' + describeDebouncer(deb) + '.',
          m.training ? (seen.length ? seen.length : 'None') + ' of the ' + set.recordings.length + ' recordings scored were among the model\'s ' + m.training.length + ' training recordings.' : 'The model file records no training recordings (trained before model file v2): whether these recordings were training data is unknown.'],
        labels: m.spec.labels, confusion: ev.window, tables: tables,
        recordings: ev.recordings.map(function (r) { return { recording: r.recording, replay: r.replay, truths: r.truths }; }),
      }));
    }
    if (p.values.json) {
      io.out(JSON.stringify({
        window: { accuracy: ev.window.accuracy, macroF1: ev.window.macroF1, confusion: ev.window.confusion, perClass: ev.window.perClass, count: ev.window.count },
        events: summaryEvents(ev.events),
        recordings: ev.recordings.map(function (r) {
          return { recording: r.recording.source, predictions: r.replay.predictions.length, streamError: r.streamError, events: summaryEvents(r.events),
            detected: r.replay.events.map(function (e) { return { timeMs: e.timeMs, gesture: e.gesture, score: e.score }; }) };
        }),
        warnings: set.warnings, trainingData: { recordings: seen, known: !!m.training }, report: p.values.report || null,
      }, null, 2));
      return EXIT_OK;
    }
    set.warnings.forEach(function (w) { io.err('warning: ' + w); });
    tables.forEach(function (t) { io.out(t.title); io.out(markdownTable(t)); io.out(''); });
    io.out('Confusion (rows truth, columns predicted: ' + m.spec.labels.join(', ') + ')');
    ev.window.confusion.forEach(function (row, i) { io.out('  ' + m.spec.labels[i] + ': ' + row.join(' ')); });
    if (p.values.report) io.out('Report: ' + p.values.report);
    return EXIT_OK;
  },
};
