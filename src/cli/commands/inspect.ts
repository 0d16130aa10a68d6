// `espruino-gestures inspect FILE`: what a model file, recording or labels file holds.
import * as path from 'node:path';
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { parse, num, usageError } from '../args';
import { describeUnits } from '../../host/workflow/input-units';
import { RECORDING_OPTIONS, RECORDING_HELP, recordingOptions, readModelFile } from '../common-options';
import { readRecording, readLabelsFile } from '../../host/workflow/recording-set';
import { describeSpec } from '../../host/workflow/demo';
import { forestStructure } from '../../host/workflow/forest-structure';

export var inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'show what a model file, a recording or a labels file holds',
  help: [
    'Usage: espruino-gestures inspect FILE [options] [--json]',
    '',
    'FILE is a model file (.egm), a recording (.csv, .npy) or a labels file (--labels-file).',
    'Models: kind, bytes, feature spec, labels, trees and nodes. Recordings: channels, rate,',
    'samples, duration, value ranges and any repaired or tolerated problems.',
    '',
    'Options:',
    '  --labels-file         treat FILE as a labels file (plain CSV or Label Studio export)',
  ].concat(RECORDING_HELP, ['', 'Exit codes: 0 done, 1 failed, 2 bad usage or input (with file and line).']).join('\n'),
  run: async function (args, io) {
    var p = parse(args, Object.assign({ 'labels-file': { type: 'boolean' } }, RECORDING_OPTIONS) as any);
    if (p.positionals.length !== 1) throw usageError('inspect takes exactly one FILE');
    var file = p.positionals[0];
    var info: any;
    if (p.values['labels-file']) {
      var events = readLabelsFile(file, num(p.values, 'label-time-scale'));
      var byLabel: { [l: string]: number } = {};
      var files: { [f: string]: boolean } = {};
      events.forEach(function (e) { byLabel[e.label] = (byLabel[e.label] || 0) + 1; files[e.file] = true; });
      info = { type: 'labels', file: file, events: events.length, recordings: Object.keys(files).length, byLabel: byLabel };
    } else if (/\.(csv|npy)$/i.test(file)) {
      var rec = readRecording(file, recordingOptions(p.values));
      var k = rec.channels.length;
      var ranges = rec.channels.map(function (c, i) {
        var lo = Infinity, hi = -Infinity;
        for (var s = 0; s < rec.timesMs.length; s++) { var v = rec.values[s * k + i]; if (v < lo) lo = v; if (v > hi) hi = v; }
        return { channel: c, min: lo, max: hi };
      });
      var n = rec.timesMs.length;
      info = { type: 'recording', file: file, channels: rec.channels, rateHz: rec.rateHz, samples: n, durationMs: n ? rec.timesMs[n - 1] - rec.timesMs[0] : 0, ranges: ranges, warnings: rec.warnings };
    } else {
      var m = readModelFile(file);
      info = { type: 'model', file: file, kind: m.kind, bytes: m.bytes, spec: m.spec, labels: m.classifier.labels, structure: forestStructure(m.classifier), trainingRecordings: m.training ? m.training.length : null };
    }
    if (p.values.json) { io.out(JSON.stringify(info, null, 2)); return EXIT_OK; }
    io.out(path.basename(file) + ': ' + info.type);
    if (info.type === 'model') {
      io.out('  kind: ' + info.kind + ', ' + info.bytes + ' bytes');
      io.out('  spec: ' + describeSpec(info.spec));
      io.out('  input: ' + describeUnits(info.spec.units) + (info.trainingRecordings !== null ? '; trained on ' + info.trainingRecordings + ' recordings (fingerprinted)' : ''));
      if (info.structure) io.out('  trees: ' + info.structure.trees + ', split nodes: ' + info.structure.nodes + ', max depth: ' + info.structure.maxDepth + ', worst-case nodes per prediction: ' + info.structure.worstCaseNodes);
    } else if (info.type === 'recording') {
      io.out('  ' + info.channels.join(', ') + ' at ' + info.rateHz + ' Hz, ' + info.samples + ' samples, ' + (info.durationMs / 1000).toFixed(2) + ' s');
      info.ranges.forEach(function (r: any) { io.out('  ' + r.channel + ': ' + r.min.toFixed(3) + ' .. ' + r.max.toFixed(3)); });
      info.warnings.forEach(function (w: string) { io.out('  warning: ' + w); });
    } else {
      io.out('  ' + info.events + ' events in ' + info.recordings + ' recordings: ' + Object.keys(info.byLabel).map(function (l) { return l + ' ' + info.byLabel[l]; }).join(', '));
    }
    return EXIT_OK;
  },
};

