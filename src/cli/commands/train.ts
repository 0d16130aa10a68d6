// `espruino-gestures train`: builds the training set with the device's own windowing and
// features, trains (or grid-searches) a model, scores it, and writes the model file.
import { writeFileSync } from 'node:fs';
import type { CliCommand } from '../command';
import { EXIT_OK, EXIT_FAILURE } from '../command';
import { parse, num, list, numList, oneOf, usageError } from '../args';
import { describeWindowCounts, wholeRecordingVerdicts } from '../../host/workflow/test-folder';
import { summarizeVerdicts } from '../../host/eval/recording-verdict';
import { RECORDING_OPTIONS, RECORDING_HELP } from '../common-options';
import { checkKind, modelParams, tableSource, recordingSource } from '../train-sources';
import { trainModel, MODEL_KINDS } from '../../host/workflow/train-model';
import { gridSearch, describeParams } from '../../host/workflow/grid-search';
import { modelCost } from '../../host/workflow/model-cost';
import { gridPoints, eventGridPoints, writeGridResults } from '../../host/workflow/grid-results';
import { describeSpec } from '../../host/workflow/demo';
import { describeUnits } from '../../host/workflow/input-units';
import { SEED_VARIANT_RULES } from '../../host/dataset/seed-variants';
import { VARIANTS } from '../../host/dataset/variants';
import { encodeModel } from '../../classifiers/model-encode';
import { expandModels } from '../../host/workflow/grid-search';
import type { GridData } from '../../host/workflow/grid-search';
import { eventGridSearch, expandPipelines, describeCandidate, EventGridResult } from '../../host/workflow/event-grid';
import { parseSeeds, parseDebouncers, statsLists } from '../grid-options';
import { specOptions } from '../spec-options';
import { debouncerChoice, DEBOUNCE_OPTIONS } from '../common-options';
import { DEFAULT_STATS } from '../../host/dataset/spec';
import { TIE_BREAKS, DEFAULT_TIE_BREAK } from '../../host/workflow/selection-rule';
import { eventGridSummary, printEventGrid } from '../event-grid-table';
import { classCounts } from '../../host/dataset/dataset';

var OPTIONS: any = Object.assign({
  out: { type: 'string' }, table: { type: 'string' }, 'seed-variant': { type: 'string' }, 'extra-idle': { type: 'boolean' },
  channels: { type: 'string' }, 'model-rate': { type: 'string' }, window: { type: 'string' }, hop: { type: 'string' }, 'train-hop': { type: 'string' },
  features: { type: 'string' }, stats: { type: 'string' }, bands: { type: 'string' }, 'motion-gate': { type: 'string' }, downsample: { type: 'string' },
  variant: { type: 'string' }, shift: { type: 'string' }, 'idle-hop': { type: 'string' },
  model: { type: 'string' }, trees: { type: 'string' }, depth: { type: 'string' }, 'min-leaf': { type: 'string' }, smote: { type: 'boolean' }, seed: { type: 'string' },
  grid: { type: 'boolean' }, 'grid-models': { type: 'string' }, 'grid-trees': { type: 'string' }, 'grid-depth': { type: 'string' }, 'grid-leaf': { type: 'string' },
  'grid-rates': { type: 'string' }, 'grid-channels': { type: 'string' }, 'grid-variants': { type: 'string' },
  test: { type: 'string', multiple: true }, 'test-labels': { type: 'string' },
  'grid-features': { type: 'string' }, 'grid-stats': { type: 'string' }, 'grid-windows': { type: 'string' }, 'grid-hops': { type: 'string' },
  'grid-motion-gates': { type: 'string' }, 'grid-debouncers': { type: 'string' }, 'grid-tie': { type: 'string' }, seeds: { type: 'string' }, validate: { type: 'string' }, 'validate-labels': { type: 'string' },
  tolerance: { type: 'string' },
  'gyro-unit': { type: 'string' }, 'max-bytes': { type: 'string' }, 'max-nodes': { type: 'string' }, 'test-fraction': { type: 'string' },
}, RECORDING_OPTIONS);

export var trainCommand: CliCommand = {
  name: 'train',
  summary: 'train a model on labelled recordings (or the seed\'s window table) and write the model file',
  help: [
    'Usage: espruino-gestures train RECORDINGS... [options] [--json]',
    '       espruino-gestures train --table WINDOWS.csv [--seed-variant V] [options]',
    '',
    'Windows and features are computed by the device\'s own pipeline code. The model is scored',
    'leave-one-recording-out (or on a stratified hold-out for --table), then trained on all data.',
    '',
    'Data:'].concat(RECORDING_HELP, [
    '  --table FILE          the original\'s tabular windows (<channel>_<ms> columns, shift, label)',
    '  --labels a,b,...      with --table: class names in index order (numeric labels stay "0", "1", ... otherwise)',
    '  --seed-variant V      rows by shift: ' + Object.keys(SEED_VARIANT_RULES).join(', ') + ' (default base)',
    '  --extra-idle          also keep the table\'s extra no-movement rows (shift -99)',
    '  --test DIR            score on these recordings (files or folders; repeatable) instead of',
    '                        leave-one-recording-out; the model is trained on RECORDINGS only',
    '  --test-labels FILE    labels of the --test recordings (default: a labels file among them,',
    '                        or the label in each file name)',
    '',
    '  --gyro-unit U         deg/s (default, the SDK sources\' unit), rad/s or counts: stored in the model',
    '',
    'Pipeline (goes into the model\'s feature spec):',
    '  --channels a,b        channels in order (default: all of the recordings)',
    '  --model-rate HZ       rate after downsampling (default: the source rate)',
    '  --downsample pick|mean  keep every k-th sample (default) or average k',
    '  --window MS|whole     window length (default 1000); whole: as long as the shortest recording',
    '                        (whole-series data: one activity per file)   --hop MS  device hop (default 50)',
    '  --features F          raw points (default), stats (per-channel statistics), spectral (FFT band',
    '                        amplitudes), cross (magnitudes, channel correlations), or blocks joined',
    '                        by + in that order: stats+spectral, stats+spectral+cross, ...',
    '  --stats a,b           statistics for stats: mean,std,min,max,rms,mad,zc (default mean,std,min,max,mad)',
    '  --bands N             spectral bands per channel (default 4; at most half the FFT length)',
    '  --motion-gate A       windows moving less than A m/s2 (RMS of the acceleration vector) are idle',
    '                        without classification (default: off)',
    '  --train-hop MS        training windows of whole-labelled recordings every MS (default: --hop)',
    '  --variant V           windows from labelled spans: ' + VARIANTS.join(', ') + ' (default centered)',
    '  --shift MIN:MAX:STEP  centered-aug shift range in ms (default -150:150:50)',
    '  --idle-hop MS         idle windows from unlabelled stretches every MS (default 250)',
    '',
    'Model:',
    '  --model K             ' + MODEL_KINDS.join(', ') + ' (random forest, decision tree, extra trees, nearest centroid, naive Bayes); default rf',
    '  --trees N  --depth N (0 = unlimited)  --min-leaf N  --seed N  --smote (oversample minority classes)',
    '  --test-fraction F     hold-out share for --table (default 0.25)',
    '',
    'Grid search (--grid): every combination of',
    '  --grid-models rf,et,dt  --grid-trees 5,10,20  --grid-depth 4,6,8  --grid-leaf 1,3',
    '  --grid-rates 20,50  --grid-channels "acc_x+acc_y+acc_z,acc_x+acc_y"  --grid-variants centered,end',
    '  --grid-features raw,stats  --grid-stats "mean+std,mean+std+min+max"  --grid-windows 1000,1500  --grid-hops 20,50',
    '  --grid-motion-gates 0,0.3  motion gates (m/s2, 0 = off) for labelled recordings; with a gate, windows it stops in a recording labelled as a whole are idle',
    '  --grid-debouncers LIST  e.g. "original,consecutive:3:0.5,consecutive:4:0.6:1000,majority:9" (kind:count:min score:refractory ms)',
    '  --seeds 1-20          PRNG seeds each candidate is trained with; its score is the mean over them (default: --seed)',
    '  --validate FILES --validate-labels FILE  with --table: score on these labelled recordings',
    '  --debouncer K --count N --min-score P --refractory MS  the one debouncer when --grid-debouncers is not given',
    '  --tolerance MS        event matching slack around a labelled span (default 1000)',
    '  Candidates are scored by event F1 on held-out recordings (leave-one-recording-out, or the',
    '  --validate recordings) when labels allow, else by window accuracy. The winner: the highest mean',
    '  over seeds, then (event grid) the lower Brier score of the same held-out windows, then the',
    '  smaller model file, then the lower inference cost per second, then the better worst seed, then',
    '  a fixed order of the candidates\' descriptions: never the list order.',
    '  --grid-tie brier|size|accuracy  equal mean event F1: the lower held-out Brier score first',
    '                        (default), the smaller model first, or the higher window accuracy first',
    '  --max-bytes N         reject models whose file exceeds N bytes',
    '  --max-nodes N         reject forests visiting more than N nodes per prediction (mean)',
    '  The candidates go to OUT.grid.json beside the model file; evaluate --report plots them.',
    '',
    '  --out FILE            model file to write (default model.egm)',
    '',
    'Exit codes: 0 trained, 1 no candidate met the constraints, 2 bad usage or input.',
  ]).join('\n'),
  run: async function (args, io) {
    var p = parse(args, OPTIONS);
    var v = p.values;
    var out = v.out || 'model.egm';
    var params = modelParams(v);
    if (v.table && v.test) throw usageError('--test takes recordings; with --table the score is a hold-out (--test-fraction)');
    if (v.table && v.window === 'whole') throw usageError('--window whole sizes the window from recordings; a --table has its own window');
    var source = v.table ? tableSource(v) : recordingSource(p);
    source.warnings.forEach(function (w) { io.err('warning: ' + w); });

    var chosen = { params: params, channels: source.defaultChannels, rate: source.defaultRate, variant: source.defaultVariant };
    var grid: any = null;
    var eventGrid: EventGridResult | null = null;
    var finalPrepared: GridData | null = null;
    var seeds = v.seeds !== undefined ? parseSeeds(v.seeds) : [params.seed === undefined ? 1 : params.seed];
    var modelSpace = {
      kinds: (list(v, 'grid-models') || [params.kind]).map(function (k) { return checkKind(k); }),
      trees: numList(v, 'grid-trees') || [params.trees || 10],
      maxDepth: numList(v, 'grid-depth') || [params.maxDepth === undefined ? 8 : params.maxDepth],
      minSamplesLeaf: numList(v, 'grid-leaf') || [params.minSamplesLeaf || 1],
    };
    if (v.grid && source.eventGrid) {
      var eg = source.eventGrid;
      var spec0 = specOptions(v);
      var pipelines = expandPipelines({
        features: (list(v, 'grid-features') || [spec0.features || source.defaultFeatures]) as any,
        stats: statsLists(v) || [spec0.stats || DEFAULT_STATS],
        windowMs: numList(v, 'grid-windows') || [spec0.windowMs || source.defaultWindowMs],
        hopMs: numList(v, 'grid-hops') || [spec0.hopMs || 50],
        variants: list(v, 'grid-variants') || [source.defaultVariant],
        channels: list(v, 'grid-channels') ? list(v, 'grid-channels')!.map(function (c) { return c.split('+'); }) : [source.defaultChannels],
        rateHz: numList(v, 'grid-rates') || [source.defaultRate],
        motionGates: numList(v, 'grid-motion-gates') || undefined,
      });
      var debouncers = v['grid-debouncers'] !== undefined ? parseDebouncers(v['grid-debouncers']) : [debouncerChoice(v)];
      var models = expandModels(modelSpace).map(function (m) { return params.smote ? Object.assign(m, { smote: true }) : m; });
      eventGrid = eventGridSearch(pipelines, models, debouncers, eg.prepare, {
        seeds: seeds, events: eg.events, toleranceMs: num(v, 'tolerance'), maxBytes: num(v, 'max-bytes'), maxNodes: num(v, 'max-nodes'),
        tieBreak: oneOf(v, 'grid-tie', TIE_BREAKS, DEFAULT_TIE_BREAK),
        progress: { isTTY: io.isTTY, write: function (t) { process.stderr.write(t); } },
      });
      if (!eventGrid.best) {
        io.err('No candidate met the constraints (' + eventGrid.candidates.length + ' tried): ' + eventGrid.candidates.slice(0, 5).map(function (c) { return describeCandidate(c) + ': ' + c.rejected; }).join('; '));
        return EXIT_FAILURE;
      }
      var b = eventGrid.best;
      chosen = { params: Object.assign({}, b.params, { seed: params.seed }), channels: b.pipeline.channels, rate: b.pipeline.rateHz, variant: b.pipeline.variant };
      finalPrepared = eg.prepareFinal(b.pipeline);
    } else if (v.grid) {
      if (seeds.length > 1) io.err('warning: --seeds averages event scores; with window scores only (no labelled recordings to replay) seed ' + seeds[0] + ' is used');
      var result = gridSearch(Object.assign({}, modelSpace, {
        channels: list(v, 'grid-channels') ? list(v, 'grid-channels')!.map(function (c) { return c.split('+'); }) : [source.defaultChannels],
        rateHz: numList(v, 'grid-rates') || [source.defaultRate],
        variants: list(v, 'grid-variants') || [source.defaultVariant],
      }), { maxBytes: num(v, 'max-bytes'), maxNodes: num(v, 'max-nodes') }, source.prepare, source.score,
      { seed: seeds[0], progress: { isTTY: io.isTTY, write: function (t) { process.stderr.write(t); } } });
      grid = result;
      if (!result.best) {
        io.err('No candidate met the constraints (' + result.candidates.length + ' tried): ' + result.candidates.slice(0, 5).map(function (c) { return describeParams(c.params) + ': ' + c.rejected; }).join('; '));
        return EXIT_FAILURE;
      }
      chosen = { params: Object.assign({}, result.best.params, { smote: params.smote }), channels: result.best.channels, rate: result.best.rateHz, variant: result.best.variant };
    }
    var prepared = finalPrepared || source.prepare(chosen.channels, chosen.rate, chosen.variant);
    var dataWarnings: string[] = (prepared.data as any).warnings || [];
    dataWarnings.forEach(function (w) { io.err('warning: ' + w); });
    var test = source.testScore ? source.testScore(prepared, chosen.params) : null;
    var score = test || source.score(prepared, chosen.params);
    if (test) test.warnings.forEach(function (w) { io.err('warning: --test: ' + w); });
    var counts = source.windowCounts ? source.windowCounts(prepared) : null;
    // Leave-one-recording-out over whole-labelled recordings: a verdict per left-out recording.
    var cv: any = score;
    var looVerdicts = !test && cv.groups ? wholeRecordingVerdicts(cv.groups, cv.truth, cv.predicted, prepared.spec.labels.length) : [];
    var loo = looVerdicts.length ? summarizeVerdicts(looVerdicts, prepared.spec.labels) : null;
    var model = trainModel(prepared.data, chosen.params);
    var cost = modelCost(prepared.spec, model, prepared.data.X);
    var units = source.units(chosen.channels);
    if (units) prepared.spec.units = units;
    var bytes = encodeModel(prepared.spec, model, { training: source.training }).bytes;
    writeFileSync(out, bytes);
    // Beside the model, for `evaluate --report`'s size-against-score plot.
    var gridFile = grid ? writeGridResults(out, source.scoreMethod + ' accuracy', gridPoints(grid))
      : eventGrid ? writeGridResults(out, 'event F1 (mean over seeds, ' + source.eventGrid!.method + ')', eventGridPoints(eventGrid)) : null;
    cost.bytes = bytes.byteLength; // the file as written, with its units and training fingerprint (8 bytes a recording)
    var summary = {
      model: describeParams(chosen.params), spec: prepared.spec, variant: chosen.variant, windows: prepared.data.X.length,
      classCounts: classCounts(prepared.data), warnings: source.warnings.concat(dataWarnings),
      score: {
        method: source.scoreMethod, accuracy: score.accuracy, macroF1: score.macroF1,
        verdicts: loo ? { rule: 'majority vote over the left-out recording\'s windows', scored: loo.scored, correct: loo.correct, accuracy: loo.accuracy, macroF1: loo.metrics.macroF1 } : null,
      },
      windowsPerRecording: counts,
      test: test ? {
        windows: test.windows, windowsPerRecording: test.counts,
        verdicts: test.verdicts ? { rule: 'majority vote over the recording\'s windows', scored: test.verdicts.scored, correct: test.verdicts.correct, accuracy: test.verdicts.scored ? test.verdicts.accuracy : null, unscored: test.verdicts.unscored } : null,
        recordings: test.perRecording.map(function (r) { return { recording: r.recording, truth: prepared.spec.labels[r.truth], label: prepared.spec.labels[r.label], votes: r.votes, windows: r.windows }; }),
      } : null,
      bytes: cost.bytes, perInference: cost.perInference, costUnit: cost.unit, out: out,
      grid: grid ? grid.candidates.map(function (c: any) {
        return { model: describeParams(c.params), channels: c.channels, rateHz: c.rateHz, variant: c.variant, accuracy: c.accuracy, macroF1: c.macroF1, bytes: c.cost.bytes, perInference: c.cost.perInference, rejected: c.rejected };
      }) : null,
      gridFile: gridFile,
      eventGrid: eventGrid ? eventGridSummary(eventGrid, source.eventGrid!.method) : null,
    };
    if (v.json) { io.out(JSON.stringify(summary, null, 2)); return EXIT_OK; }
    if (eventGrid) printEventGrid(io, eventGrid, source.eventGrid!.method);
    if (grid) {
      io.out('Grid search: ' + grid.candidates.length + ' candidates, ' + grid.candidates.filter(function (c: any) { return !c.rejected; }).length + ' within the constraints');
      grid.candidates.slice().sort(function (a: any, b: any) { return b.accuracy - a.accuracy; }).slice(0, 10).forEach(function (c: any) {
        io.out('  ' + c.accuracy.toFixed(3) + '  ' + describeParams(c.params) + ', ' + c.channels.join('+') + ' @ ' + c.rateHz + ' Hz, ' + c.variant + ', ' + c.cost.bytes + ' B, ' + c.cost.perInference.toFixed(1) + ' ' + c.cost.unit + (c.rejected ? '  (rejected: ' + c.rejected + ')' : ''));
      });
    }
    io.out('Trained ' + summary.model + ' on ' + summary.windows + ' windows (' + chosen.variant + '; ' +
      Object.keys(summary.classCounts).map(function (l) { return l + ' ' + summary.classCounts[l]; }).join(', ') + ')');
    io.out('Pipeline: ' + describeSpec(prepared.spec));
    if (units) io.out('Input: ' + describeUnits(units) + (units.accel === 'unknown' ? ' (could not tell the acceleration unit from the data)' : ''));
    if (counts) io.out('Windows: ' + describeWindowCounts(counts));
    io.out(source.scoreMethod + ' accuracy ' + score.accuracy.toFixed(3) + ', macro F1 ' + score.macroF1.toFixed(3) + (test ? ' over ' + test.windows + ' windows (' + describeWindowCounts(test.counts) + ')' : ''));
    if (loo) io.out('Per recording, ' + source.scoreMethod + ' (majority vote over its windows): ' + loo.correct + ' of ' + loo.scored + ' correct, accuracy ' + loo.accuracy.toFixed(3));
    if (test && test.verdicts) io.out('Per test recording (majority vote over its windows): ' + test.verdicts.correct + ' of ' + test.verdicts.scored + ' correct' + (test.verdicts.scored ? ', accuracy ' + test.verdicts.accuracy.toFixed(3) : ''));
    if (gridFile) io.out('Grid candidates: ' + gridFile + ' (plotted by evaluate --report)');
    io.out('Model file ' + out + ': ' + cost.bytes + ' bytes, ' + cost.perInference.toFixed(1) + ' ' + cost.unit + ' per inference (mean over the training windows)');
    return EXIT_OK;
  },
};
