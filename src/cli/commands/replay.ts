// `espruino-gestures replay`: runs one recording through the device pipeline with a model
// and prints the events (and optionally every prediction) as the device would emit them.
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { parse, usageError } from '../args';
import { RECORDING_OPTIONS, RECORDING_HELP, DEBOUNCE_OPTIONS, DEBOUNCE_HELP, modelRecordingOptions, debouncerChoice, readModelFile } from '../common-options';
import { checkInput } from '../../host/workflow/input-units';
import { readRecording } from '../../host/workflow/recording-set';
import { replayRecording } from '../../host/eval/replay';
import { makeDebouncer } from '../../host/workflow/debouncer-choice';

export var replayCommand: CliCommand = {
  name: 'replay',
  summary: 'replay a recording through the device pipeline and print its events',
  help: [
    'Usage: espruino-gestures replay --model FILE RECORDING [options] [--json]',
    '',
    'Feeds the recording sample by sample through the same windower, features, classifier and',
    'debouncer the device runs, at the model\'s hop, and prints each event: time (ms from the',
    'start), gesture, score. --predictions also prints every window\'s prediction.',
    '',
    'Options:',
    '  --model FILE          model file from `train` (required)',
    '  --predictions         print every prediction too',
  ].concat(RECORDING_HELP.filter(function (l) { return !/--labels|label-time|file-key|label-key|default: the label in each/.test(l); }), DEBOUNCE_HELP.filter(function (l) { return !/tolerance/.test(l); }),
    ['', 'Exit codes: 0 done, 1 failed, 2 bad usage or input.']).join('\n'),
  run: async function (args, io) {
    var p = parse(args, Object.assign({ model: { type: 'string' }, predictions: { type: 'boolean' } }, RECORDING_OPTIONS, DEBOUNCE_OPTIONS) as any);
    if (p.positionals.length !== 1) throw usageError('replay takes exactly one RECORDING');
    var m = readModelFile(p.values.model);
    var rec = readRecording(p.positionals[0], modelRecordingOptions(p.values, m));
    rec.warnings = rec.warnings.concat(checkInput(rec, m.spec, p.values['counts-per-g'] !== undefined));
    var result = replayRecording(rec, m, makeDebouncer(debouncerChoice(p.values), m.spec.idleLabel));
    var labels = m.spec.labels;
    if (p.values.json) {
      var out: any = { recording: rec.source, durationMs: result.durationMs, predictions: result.predictions.length, events: result.events, warnings: rec.warnings };
      if (p.values.predictions) out.predictionList = result.predictions.map(function (l, i) { return { timeMs: result.predictionTimesMs[i], gesture: labels[l], score: result.predictionScores[i] }; });
      io.out(JSON.stringify(out, null, 2));
      return EXIT_OK;
    }
    rec.warnings.forEach(function (w) { io.err('warning: ' + w); });
    if (p.values.predictions) {
      result.predictions.forEach(function (l, i) { io.out('prediction ' + Math.round(result.predictionTimesMs[i]) + ' ms ' + labels[l] + ' ' + result.predictionScores[i].toFixed(2)); });
    }
    result.events.forEach(function (e) { io.out('event ' + Math.round(e.timeMs) + ' ms ' + e.gesture + ' score ' + e.score.toFixed(2)); });
    var counts: { [l: string]: number } = {};
    result.predictions.forEach(function (l) { counts[labels[l]] = (counts[labels[l]] || 0) + 1; });
    io.out(result.events.length + ' events from ' + result.predictions.length + ' predictions over ' + (result.durationMs / 1000).toFixed(1) + ' s (' +
      Object.keys(counts).map(function (l) { return l + ' ' + counts[l]; }).join(', ') + ')');
    return EXIT_OK;
  },
};
