// A model on 'stats+spectral+cross' features with a motion gate, trained on the shipped
// cgestures data, in the real interpreter (ESP32-sized build, E.FFT and E.convolve native):
// its GesturePipeline computes the same feature vectors (within float32 rounding), the same
// predictions, and gates the same windows as the host's pipeline on the same samples.
import { expect, it } from 'vitest';
import path from 'node:path';
import { EspruinoWorld, storageModules } from '../../src/testing/espruino-real';
import { encodeModel } from '../../src/classifiers/model-encode';
import { loadModel } from '../../src/classifiers/load-model';
import { GesturePipeline } from '../../src/pipeline/pipeline';
import { loadRecordingSet } from '../../src/host/workflow/recording-set';
import { prepareTraining } from '../../src/host/workflow/prepare';
import { trainModel } from '../../src/host/workflow/train-model';
import { describeReal, bundle, ROOT } from './helpers';

/** Host pipeline over rows: every window's features (gated ones as null) and prediction (-1 when gated). */
function hostRun(bytes: Uint8Array, rows: number[][]) {
  var model = loadModel(bytes), feats: (number[] | null)[] = [], preds: number[] = [];
  var inner = model.classifier;
  var p = new GesturePipeline({
    source: { channels: ['acc_x', 'acc_y', 'acc_z'], rateHz: 100 },
    model: { spec: model.spec, classifier: { labels: inner.labels, predict: (f, s) => { var l = inner.predict(f, s); feats.push(Array.from(f)); preds.push(l); return l; } } },
    onEvent: () => {},
  });
  rows.forEach((r, i) => p.push(i * 10, r));
  return { feats, preds, gated: p.counters.gated, windows: p.counters.windows };
}

describeReal('a stats+spectral+cross model with a motion gate in the real interpreter', () => {
  it('computes the host\'s features and predictions and gates the same windows', async () => {
    var set = loadRecordingSet([path.join(ROOT, 'data/emlearn-har/cgestures')], { rateHz: 100, countsPerG: 16384 });
    var prep = prepareTraining(set, {
      channels: ['acc_x', 'acc_y', 'acc_z'], rateHz: 25, downsample: 'mean', windowMs: 1000, hopMs: 200, trainHopMs: 200,
      features: 'stats+spectral+cross', stats: ['mean', 'std', 'max'], spectralBands: 4, motionGate: 0.6,
    });
    var bytes = encodeModel(prep.spec, trainModel(prep.data, { kind: 'rf', trees: 8, maxDepth: 6, seed: 1 })).bytes;
    expect(loadModel(bytes).spec.features).toBe('stats+spectral+cross');
    // An idle recording then a wave recording, back to back: rest and motion.
    var pick = (label: string) => set.recordings.find((r) => (set.events.find((e) => e.file === r.source) || {} as any).label === label)!;
    var rows: number[][] = [];
    [pick('idle'), pick('wave')].forEach((rec) => {
      for (var i = 0; i < rec.timesMs.length; i++) rows.push(Array.from(rec.values.subarray(i * 3, i * 3 + 3)).map((v) => Math.round(v * 1e4) / 1e4));
    });
    var host = hostRun(bytes, rows);
    expect(host.gated).toBeGreaterThan(3);
    expect(host.preds.length).toBeGreaterThan(3);

    var world = new EspruinoWorld({ build: 16383, timeoutS: 120 });
    try {
      await world.writeStorage({ 'eg.js': bundle('esp32', true), 'sp.model': bytes, 'rows.json': JSON.stringify(rows) });
      var r = await world.run(storageModules({ 'espruino-gestures': 'eg.js' }) + [
        'var eg = require("espruino-gestures"), m = eg.loadModel("sp.model"), rows = JSON.parse(require("Storage").read("rows.json"));',
        'var inner = m.classifier, feats = [], preds = [];',
        'var p = new eg.GesturePipeline({ source: { channels: ["acc_x", "acc_y", "acc_z"], rateHz: 100 },',
        '  model: { spec: m.spec, classifier: { labels: inner.labels, predict: function (f, s) { var l = inner.predict(f, s); feats.push([].slice.call(f)); preds.push(l); return l; } } },',
        '  onEvent: function () {} });',
        'for (var i = 0; i < rows.length; i++) p.push(i * 10, rows[i]);',
        'report("RUN", { preds: preds, gated: p.counters.gated, windows: p.counters.windows, hasFFT: typeof E.FFT });',
        'for (var k = 0; k < feats.length; k++) report("F", feats[k]);',
      ].join('\n'), { build: 16383 });
      expect(r.uncaught, r.stdout).toEqual([]);
      var run = r.records('RUN')[0];
      expect(run.hasFFT).toBe('function');
      expect(run.windows).toBe(host.windows);
      expect(run.gated).toBe(host.gated);
      expect(run.preds).toEqual(host.preds);
      var dev = r.records('F');
      expect(dev.length).toBe(host.feats.length);
      var worst = 0;
      dev.forEach((f: number[], k: number) => f.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - host.feats[k]![j]) / (1 + Math.abs(v))); }));
      expect(worst).toBeLessThan(2e-5);
    } finally {
      world.cleanup();
    }
  }, 240000);
});
