// A scikit-learn forest, exported with the shipped tools/sklearn/export_forest.py, runs in the
// SDK's forest runtime with scikit-learn's decisions and probabilities.
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { float32AtOrBelow, importSklearnForest } from '../../src/host/import/sklearn-forest';
import { featureNames } from '../../src/host/dataset/feature-names';
import { makeSpec } from '../../src/host/dataset/spec';
import { readWindowTable, SEED_LABELS } from '../../src/host/readers/window-table';
import { createRng } from '../../src/host/train/rng';
import { encodeModel } from '../../src/classifiers/model-encode';
import { loadModel } from '../../src/classifiers/load-model';
import { describeWithService } from '../server/helpers';
import { main } from '../../src/cli/index';

const ROOT = path.resolve(__dirname, '../..');
const EXPORTER = path.join(ROOT, 'tools/sklearn/export_forest.py');
const TABLE = path.resolve(ROOT, '../shared/data/seed/data/transformed/20210529_v2_data_all_20hz.csv');
const PY = process.env.SKLEARN_PYTHON || '/usr/bin/python3';

var f32 = new Float32Array(1);
const toF32 = (v: number) => { f32[0] = v; return f32[0]; };

describe('float32AtOrBelow', () => {
  it('gives the largest float32 not above a double, so x <= t and x <= t32 agree for every float32 x', () => {
    var rng = createRng(11);
    for (var i = 0; i < 20000; i++) {
      var t = (rng.next() - 0.5) * Math.pow(10, Math.floor(rng.next() * 12) - 6);
      var t32 = float32AtOrBelow(t);
      expect(toF32(t32)).toBe(t32);
      expect(t32 <= t).toBe(true);
      // The next float32 up is above t.
      var up = new Float32Array([t32]), bits = new Int32Array(up.buffer);
      if (t32 > 0) bits[0]++; else if (t32 < 0) bits[0]--; else bits[0] = 1;
      expect(up[0] > t).toBe(true);
    }
    expect(toF32(0.1) > 0.1).toBe(true);
    expect(float32AtOrBelow(0.1)).toBe(0.09999999403953552);
    expect(float32AtOrBelow(-0.1) <= -0.1).toBe(true);
    expect(float32AtOrBelow(1e39)).toBe(3.4028234663852886e38);
  });

  it('keeps scikit-learn\'s decision for a float32 just above a threshold that rounds up', () => {
    // t = 0.1 (double) rounds to the float32 0.100000001..., which is above t: rounding to
    // nearest would send x = that float32 left; scikit-learn sends it right.
    var x = toF32(0.1);
    expect(x > 0.1).toBe(true);
    var spec = makeSpec({ channels: ['a'], sourceRateHz: 10, windowMs: 1000, hopMs: 100, features: 'stats', stats: ['mean'], labels: ['low', 'high'], idle: null });
    var json = { format: 'sklearn-tree-ensemble', version: 1, estimator: 'DecisionTreeClassifier', classes: ['low', 'high'], n_features: 1, feature_names: ['a_mean'],
      trees: [{ children_left: [1, -1, -1], children_right: [2, -1, -1], feature: [0, -2, -2], threshold: [0.1, -2, -2], value: [[3, 3], [3, 0], [0, 3]] }] };
    var forest = importSklearnForest(json, spec, 'tiny.json').forest;
    expect(forest.labels[forest.predict(new Float32Array([x]))]).toBe('high');
    expect(forest.labels[forest.predict(new Float32Array([float32AtOrBelow(0.1)]))]).toBe('low');
  });

  it('refuses exports it cannot run, naming the problem', () => {
    var spec = makeSpec({ channels: ['a'], sourceRateHz: 10, windowMs: 1000, hopMs: 100, features: 'stats', stats: ['mean', 'std'], labels: ['low', 'high'], idle: null });
    var tree = { children_left: [1, -1, -1], children_right: [2, -1, -1], feature: [0, -2, -2], threshold: [0.5, -2, -2], value: [[3, 3], [3, 0], [0, 3]] };
    var base = { format: 'sklearn-tree-ensemble', version: 1, estimator: 'RandomForestClassifier', classes: ['low', 'high'], n_features: 2, feature_names: ['a_mean', 'a_std'], trees: [tree] };
    expect(() => importSklearnForest(Object.assign({}, base, { n_features: 3 }), spec, 'f.json')).toThrow(/f\.json: the model has 3 features, the spec 2/);
    expect(() => importSklearnForest(Object.assign({}, base, { feature_names: ['a_mean', 'b_std'] }), spec, 'f.json')).toThrow(/features not in the spec \(or twice\): b_std/);
    expect(() => importSklearnForest(Object.assign({}, base, { classes: ['low', 'other'] }), spec, 'f.json')).toThrow(/class "other" is not one of the spec's labels/);
    expect(() => importSklearnForest(Object.assign({}, base, { trees: [Object.assign({}, tree, { children_left: [1, 0, -1], children_right: [2, 2, -1], feature: [0, 0, -2], threshold: [0.5, 0.3, -2] })] }), spec, 'f.json')).toThrow(/node 0 is reached twice/);
    expect(() => importSklearnForest(Object.assign({}, base, { trees: [Object.assign({}, tree, { value: [[3, 3], [NaN, 0], [0, 3]] })] }), spec, 'f.json')).toThrow(/class weight NaN/);
    expect(() => importSklearnForest({ format: 'x' } as any, spec, 'f.json')).toThrow(/not an export of tools\/sklearn\/export_forest\.py/);
  });
});

function sklearnService() {
  var probe = spawnSync(PY, ['-c', 'import sklearn, numpy; print(sklearn.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) return { name: 'scikit-learn', reason: PY + ' cannot import sklearn (apt-get install python3-sklearn; .ci/services.sh installs it)' };
  if (!existsSync(TABLE)) return { name: 'scikit-learn', reason: 'the seed table is not in ../shared/data/seed' };
  return { name: 'scikit-learn', value: probe.stdout.trim() };
}

describeWithService('a forest trained by scikit-learn', sklearnService(), () => {
  it('predicts every seed window as scikit-learn does, through the model file, with features matched by name', async () => {
    var table = readWindowTable(TABLE, SEED_LABELS);
    var spec = makeSpec({ channels: table.channels, sourceRateHz: 100, rateHz: 20, windowMs: 1000, hopMs: 20, labels: table.labelNames });
    var names = featureNames(spec);
    var nf = names.length, n = table.rows.length;
    expect(nf).toBe(table.rows[0].length);
    var dir = mkdtempSync(path.join(os.tmpdir(), 'sklearn-import-'));
    var X = new Float32Array(n * nf);
    table.rows.forEach(function (r, i) { X.set(r, i * nf); });
    writeFileSync(path.join(dir, 'X.f32'), Buffer.from(X.buffer));
    writeFileSync(path.join(dir, 'y.txt'), table.labels.map(function (l) { return table.labelNames[l]; }).join('\n'));
    writeFileSync(path.join(dir, 'names.txt'), names.join('\n'));
    // scikit-learn sees the columns in another order (and string classes): the importer must
    // put them back by name.
    var script = [
      'import sys, numpy as np',
      'sys.path.insert(0, ' + JSON.stringify(path.dirname(EXPORTER)) + ')',
      'from export_forest import export_forest',
      'from sklearn.ensemble import RandomForestClassifier, ExtraTreesClassifier',
      'from sklearn.tree import DecisionTreeClassifier',
      'd = ' + JSON.stringify(dir),
      'names = open(d + "/names.txt").read().split("\\n")',
      'X = np.fromfile(d + "/X.f32", dtype=np.float32).reshape(' + n + ', ' + nf + ')',
      'y = np.array(open(d + "/y.txt").read().split("\\n"))',
      'perm = np.random.RandomState(3).permutation(' + nf + ')',
      'Xp = X[:, perm]',
      'for name, m in [("rf", RandomForestClassifier(n_estimators=10, max_depth=8, random_state=1)), ("et", ExtraTreesClassifier(n_estimators=5, random_state=2)), ("dt", DecisionTreeClassifier(random_state=0))]:',
      '    m.fit(Xp, y)',
      '    export_forest(m, d + "/" + name + ".json", feature_names=[names[j] for j in perm])',
      '    np.asarray(m.predict_proba(Xp), dtype=np.float64).tofile(d + "/" + name + ".proba")',
      '    open(d + "/" + name + ".classes", "w").write("\\n".join(m.classes_))',
    ].join('\n');
    var py = spawnSync(PY, ['-c', script], { encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    for (var name of ['rf', 'et', 'dt']) {
      var json = JSON.parse(readFileSync(path.join(dir, name + '.json'), 'utf8'));
      var imported = importSklearnForest(json, spec, name + '.json');
      // Through the model file, as the device gets it.
      var model = loadModel(encodeModel(spec, imported.forest).bytes).classifier;
      var classes = readFileSync(path.join(dir, name + '.classes'), 'utf8').split('\n');
      var proba = new Float64Array(new Uint8Array(readFileSync(path.join(dir, name + '.proba'))).buffer);
      var scores = new Float32Array(spec.labels.length), agree = 0, close = 0, maxDiff = 0;
      for (var i = 0; i < n; i++) {
        var best = model.predict(table.rows[i], scores);
        var top = 0, second = -1, k;
        for (k = 0; k < classes.length; k++) {
          var p = proba[i * classes.length + k], ours = scores[spec.labels.indexOf(classes[k])];
          maxDiff = Math.max(maxDiff, Math.abs(p - ours));
          if (p > proba[i * classes.length + top]) top = k;
        }
        for (k = 0; k < classes.length; k++) if (k !== top && (second < 0 || proba[i * classes.length + k] > proba[i * classes.length + second])) second = k;
        var margin = proba[i * classes.length + top] - proba[i * classes.length + second];
        if (spec.labels[best] === classes[top]) agree++;
        else if (margin < 1e-6) close++;
      }
      expect(agree + close, name + ': windows predicted like scikit-learn').toBe(n);
      expect(maxDiff, name + ': largest probability difference').toBeLessThan(1e-6);
    }
    // The CLI writes the same model file.
    var out: string[] = [], err: string[] = [];
    var code = await main(['import-sklearn', path.join(dir, 'rf.json'), '--rate', '100', '--model-rate', '20', '--channels', table.channels.join(','), '--hop', '20',
      '--out', path.join(dir, 'rf.egm'), '--json'], { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false });
    expect(code, err.join('\n')).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ trees: 10, estimator: 'RandomForestClassifier' });
    var fromCli = loadModel(new Uint8Array(readFileSync(path.join(dir, 'rf.egm'))));
    expect(fromCli.spec.labels).toEqual(['circle', 'idle', 'x', 'y']);
    expect(fromCli.kind).toBe('forest');
  });
});
