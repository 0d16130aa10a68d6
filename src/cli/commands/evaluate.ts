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
import { readGridResults } from '../../host/workflow/grid-results';
import { summaryEvents } from './demo';
import type { Evaluation } from '../../host/workflow/evaluate-recordings';
import type { ReportTable } from '../../host/report/html-report';

/** The per-recording verdicts (recordings labelled as a whole) as JSON, with label names. */
function verdictsJson(ev: Evaluation, labels: string[]) {
  var s = ev.verdicts;
  if (!s) return null;
  return { rule: 'majority vote over the recording\'s windows (ties: larger summed score, then label order)', scored: s.scored, correct: s.correct, accuracy: s.scored ? s.accuracy : null, macroF1: s.scored ? s.metrics.macroF1 : null, confusion: s.metrics.confusion, unscored: s.unscored };
}

/** One line on the verdicts, and the per-recording table (also the report's). */
function verdictTable(ev: Evaluation, labels: string[]): { line: string; table: ReportTable } | null {
  var s = ev.verdicts;
  if (!s) return null;
  var line = 'Per recording (majority vote over its windows): ' + s.correct + ' of ' + s.scored + ' correct' + (s.scored ? ', accuracy ' + s.accuracy.toFixed(3) + ', macro F1 ' + s.metrics.macroF1.toFixed(3) : '') +
    (s.unscored.length ? '; ' + s.unscored.length + ' recording' + (s.unscored.length > 1 ? 's' : '') + ' gave no window (shorter than the model\'s window): ' + s.unscored.slice(0, 3).join(', ') + (s.unscored.length > 3 ? ', ...' : '') : '');
  var rows = ev.recordings.filter(function (r) { return r.verdict; }).map(function (r) {
    var v = r.verdict!;
    return [path.basename(v.recording), labels[v.truth], v.label < 0 ? 'n/a' : labels[v.label], v.label < 0 ? '0 windows' : v.votes + ' of ' + v.windows, v.label < 0 ? 'n/a' : v.label === v.truth ? 'yes' : 'no'];
  });
  return { line: line, table: { title: line, header: ['recording', 'truth', 'verdict', 'windows for it', 'correct'], rows: rows } };
}

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
    '  event precision, recall, F1, false events per minute, latency from gesture end;',
    '  for recordings labelled as a whole (one activity per file): a verdict per recording, the',
    '    majority vote over its windows (ties: larger summed score, then label order).',
    '',
    'Options:',
    '  --model FILE          model file from `train` (required)',
    '  --report FILE         write the self-contained HTML report there (zoomable when uplot is installed)',
    '  --grid FILE           grid candidates to plot in the report (default: MODEL.grid.json from train --grid, when there)',
  ].concat(RECORDING_HELP, DEBOUNCE_HELP, ['', 'Exit codes: 0 done, 1 failed, 2 bad usage or input.']).join('\n'),
  run: async function (args, io) {
    var p = parse(args, Object.assign({ model: { type: 'string' }, report: { type: 'string' }, grid: { type: 'string' } }, RECORDING_OPTIONS, DEBOUNCE_OPTIONS) as any);
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
    var verdicts = verdictTable(ev, m.spec.labels);
    if (p.values.report) {
      var grid = readGridResults(p.values.model, p.values.grid);
      if (grid.warning) set.warnings.push(grid.warning);
      mkdirSync(path.dirname(path.resolve(p.values.report)), { recursive: true });
      writeFileSync(p.values.report, renderHtmlReport({
        title: 'espruino-gestures evaluation',
        trainingData: { seen: seen, total: set.recordings.length, known: !!m.training },
        grid: grid.grid,
        idleLabel: m.spec.idleLabel,
        notes: ['Model: ' + p.values.model + ' (' + m.kind + ', ' + m.bytes + ' bytes); ' + describeSpec(m.spec) + '; ' + describeUnits(m.spec.units) + '.', 'Debouncer: ' + describeDebouncer(deb) + '.',
          m.training ? (seen.length ? seen.length : 'None') + ' of the ' + set.recordings.length + ' recordings scored were among the model\'s ' + m.training.length + ' training recordings.' : ''].filter(Boolean),
        labels: m.spec.labels, confusion: ev.window, tables: verdicts ? tables.concat([verdicts.table]) : tables,
        recordings: ev.recordings.map(function (r) { return { recording: r.recording, replay: r.replay, truths: r.truths }; }),
      }));
    }
    if (p.values.json) {
      io.out(JSON.stringify({
        window: { accuracy: ev.window.accuracy, macroF1: ev.window.macroF1, confusion: ev.window.confusion, perClass: ev.window.perClass, count: ev.window.count },
        events: summaryEvents(ev.events),
        recordings: ev.recordings.map(function (r) {
          var v = r.verdict;
          return { recording: r.recording.source, predictions: r.replay.predictions.length, streamError: r.streamError, events: summaryEvents(r.events),
            verdict: v ? { truth: m.spec.labels[v.truth], label: v.label < 0 ? null : m.spec.labels[v.label], votes: v.votes, windows: v.windows, correct: v.label < 0 ? null : v.label === v.truth } : null,
            detected: r.replay.events.map(function (e) { return { timeMs: e.timeMs, gesture: e.gesture, score: e.score }; }) };
        }),
        verdicts: verdictsJson(ev, m.spec.labels),
        warnings: set.warnings, trainingData: { recordings: seen, known: !!m.training }, report: p.values.report || null,
      }, null, 2));
      return EXIT_OK;
    }
    set.warnings.forEach(function (w) { io.err('warning: ' + w); });
    tables.forEach(function (t) { io.out(t.title); io.out(markdownTable(t)); io.out(''); });
    if (verdicts) { io.out(verdicts.line); io.out(markdownTable(verdicts.table)); io.out(''); }
    io.out('Confusion (rows truth, columns predicted: ' + m.spec.labels.join(', ') + ')');
    ev.window.confusion.forEach(function (row, i) { io.out('  ' + m.spec.labels[i] + ': ' + row.join(' ')); });
    if (p.values.report) io.out('Report: ' + p.values.report);
    return EXIT_OK;
  },
};
