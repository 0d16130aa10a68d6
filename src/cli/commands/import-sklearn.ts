// `espruino-gestures import-sklearn`: a forest trained in scikit-learn (exported with
// tools/sklearn/export_forest.py) to the SDK's model file, with the feature spec the device
// needs to compute the same features.
import { readFileSync, writeFileSync } from 'node:fs';
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { parse, num, list, usageError } from '../args';
import { specOptions } from '../spec-options';
import { makeSpec } from '../../host/dataset/spec';
import { importSklearnForest } from '../../host/import/sklearn-forest';
import { encodeModel } from '../../classifiers/model-encode';
import { describeSpec } from '../../host/workflow/demo';
import { inputError } from '../../host/input-error';

var OPTIONS: any = {
  out: { type: 'string' }, rate: { type: 'string' }, channels: { type: 'string' }, 'model-rate': { type: 'string' },
  window: { type: 'string' }, hop: { type: 'string' }, features: { type: 'string' }, stats: { type: 'string' }, bands: { type: 'string' }, 'motion-gate': { type: 'string' },
  downsample: { type: 'string' }, labels: { type: 'string' }, idle: { type: 'string' },
};

export var importSklearnCommand: CliCommand = {
  name: 'import-sklearn',
  summary: 'turn a scikit-learn forest (tools/sklearn/export_forest.py JSON) into a model file',
  help: [
    'Usage: espruino-gestures import-sklearn FOREST.json --rate HZ --channels a,b,... [options] [--json]',
    '',
    'FOREST.json comes from the package\'s tools/sklearn/export_forest.py (RandomForestClassifier,',
    'ExtraTreesClassifier, DecisionTreeClassifier). The options describe how the device computes the',
    'features the forest was trained on; with feature names in the export they are matched by name.',
    '',
    '  --rate HZ             rate of the samples the device feeds the windower (the source rate)',
    '  --channels a,b        channels in order',
    '  --model-rate HZ       rate after downsampling (default: --rate)',
    '  --window MS           window length (default 1000)      --hop MS  device hop (default 50)',
    '  --features F          raw points (names <channel>_<ms>), stats (<channel>_<stat>), spectral (<channel>_band<k>),',
    '                        cross, or blocks joined by + in that order; --bands N, --motion-gate A as for train',
    '  --stats a,b           statistics for stats (default mean,std,min,max,mad)',
    '  --downsample pick|mean',
    '  --labels a,b          label order of the model (default: the export\'s classes)',
    '  --idle NAME           the no-gesture label (default "idle" when present)',
    '  --out FILE            model file to write (default model.egm)',
    '',
    'Thresholds round down to float32, so the device makes scikit-learn\'s decisions on float32 inputs.',
    'Exit codes: 0 written, 2 bad usage or input.',
  ].join('\n'),
  run: async function (args, io) {
    var p = parse(args, OPTIONS);
    var v = p.values;
    if (p.positionals.length !== 1) throw usageError('import-sklearn needs one FOREST.json');
    var file = p.positionals[0];
    var rate = num(v, 'rate');
    var channels = list(v, 'channels');
    if (!rate) throw usageError('--rate HZ is needed: the rate of the samples the device feeds the windower');
    if (!channels) throw usageError('--channels a,b,... is needed: the channels the features are computed from, in order');
    var json: any;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e: any) {
      throw inputError(file, null, e.code === 'ENOENT' || e.code === 'EISDIR' ? 'cannot read: ' + e.message : 'not JSON: ' + e.message);
    }
    var labels = list(v, 'labels') || (Array.isArray(json && json.classes) ? json.classes.map(String) : []);
    var spec = makeSpec(Object.assign({ channels: channels, sourceRateHz: rate, rateHz: num(v, 'model-rate'), labels: labels, idle: v.idle }, specOptions(v)));
    var imported = importSklearnForest(json, spec, file);
    imported.warnings.forEach(function (w) { io.err('warning: ' + w); });
    var encoded = encodeModel(spec, imported.forest);
    var out = v.out || 'model.egm';
    writeFileSync(out, encoded.bytes);
    var summary = { out: out, bytes: encoded.bytes.length, trees: imported.forest.roots.length, nodes: imported.forest.feature.length, estimator: json.estimator, spec: spec, warnings: imported.warnings };
    if (v.json) { io.out(JSON.stringify(summary, null, 2)); return EXIT_OK; }
    io.out('Imported ' + json.estimator + ': ' + summary.trees + ' trees, ' + summary.nodes + ' split nodes');
    io.out('Pipeline: ' + describeSpec(spec));
    io.out('Model file ' + out + ': ' + summary.bytes + ' bytes');
    return EXIT_OK;
  },
};
