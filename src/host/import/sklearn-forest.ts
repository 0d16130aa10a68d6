// scikit-learn tree ensembles (exported by tools/sklearn/export_forest.py) to the SDK's
// forest, so a forest trained in Python runs on the device unchanged.
//
// Exact decisions: scikit-learn compares a float32 feature against a float64 threshold; the
// device compares float32 with float32. For every float32 x, `x <= t` equals
// `x <= t32` where t32 is the largest float32 not above t, so thresholds round down (not
// to nearest, which would flip x values just above t). Leaves are class weights; they
// become distributions (as predict_proba normalises them), averaged over trees as there.
import { createForest, Forest } from '../../classifiers/forest';
import { ForestBuilder } from '../train/tree-builder';
import type { FeatureSpec } from '../../core/types';
import { specFeatureCount } from '../../core/spec';
import { featureNames } from '../dataset/feature-names';
import { inputError } from '../input-error';

export interface SklearnTree {
  children_left: number[];
  children_right: number[];
  feature: number[];
  threshold: number[];
  value: number[][];
}

export interface SklearnForestJson {
  format: string;
  version: number;
  estimator: string;
  classes: string[];
  n_features: number;
  feature_names: string[] | null;
  trees: SklearnTree[];
}

export interface SklearnImport {
  forest: Forest;
  /** For each scikit-learn feature index, the index of the same feature in the spec's order. */
  featureMap: number[];
  warnings: string[];
}

var f32 = new Float32Array(1), i32 = new Int32Array(f32.buffer);

/** The largest float32 that is <= t. */
export function float32AtOrBelow(t: number): number {
  f32[0] = t;
  if (f32[0] <= t) return f32[0];
  // Rounded up: step one float32 down (toward -Infinity).
  if (f32[0] > 0) i32[0] -= 1;
  else if (f32[0] === 0) i32[0] = 0x80000001 | 0;
  else i32[0] += 1;
  return f32[0];
}

/**
 * Converts the export to a Forest for `spec`. Labels are the spec's; the export's classes
 * must be the same names (in any order: scores are reordered to the spec's labels).
 */
export function importSklearnForest(json: SklearnForestJson, spec: FeatureSpec, source: string): SklearnImport {
  var bad = function (message: string) { return inputError(source, null, message); };
  if (!json || json.format !== 'sklearn-tree-ensemble') throw bad('not an export of tools/sklearn/export_forest.py (no "format": "sklearn-tree-ensemble")');
  if (json.version !== 1) throw bad('export format version ' + json.version + ' is not supported (this SDK reads version 1)');
  if (!Array.isArray(json.trees) || json.trees.length === 0) throw bad('no trees');
  if (!Array.isArray(json.classes) || json.classes.length < 1) throw bad('no classes');
  var warnings: string[] = [];
  var nFeatures = specFeatureCount(spec);
  if (json.n_features !== nFeatures) {
    throw bad('the model has ' + json.n_features + ' features, the spec ' + nFeatures + ' (' + spec.channels.length + ' channels x ' +
      (spec.features === 'raw' ? spec.points + ' points' : spec.features === 'stats' ? (spec.stats || []).length + ' statistics' : spec.features) + ')');
  }
  var featureMap = mapFeatures(json, spec, bad, warnings);
  var classToLabel = json.classes.map(function (c) {
    var i = spec.labels.indexOf(String(c));
    if (i < 0) throw bad('class "' + c + '" is not one of the spec\'s labels (' + spec.labels.join(', ') + ')');
    return i;
  });
  var nc = spec.labels.length;
  var b = new ForestBuilder(nc);
  json.trees.forEach(function (tree, t) { addTree(b, tree, t, featureMap, classToLabel, json.classes.length, bad); });
  return { forest: createForest(spec.labels.slice(), b.arrays()), featureMap: featureMap, warnings: warnings };
}

function mapFeatures(json: SklearnForestJson, spec: FeatureSpec, bad: (m: string) => Error, warnings: string[]): number[] {
  var ours = featureNames(spec), map: number[] = [], i;
  if (!json.feature_names) {
    warnings.push('the export has no feature names: its features are taken to be in the SDK\'s order (' + ours.slice(0, 3).join(', ') + ', ...)');
    for (i = 0; i < ours.length; i++) map.push(i);
    return map;
  }
  var missing: string[] = [];
  for (i = 0; i < json.feature_names.length; i++) {
    var at = ours.indexOf(json.feature_names[i]);
    if (at < 0 || map.indexOf(at) >= 0) missing.push(json.feature_names[i]);
    map.push(at);
  }
  if (missing.length) {
    throw bad('features not in the spec (or twice): ' + missing.slice(0, 5).join(', ') + (missing.length > 5 ? ', ...' : '') +
      '; the spec computes ' + ours.slice(0, 4).join(', ') + ', ... (' + ours.length + ' features)');
  }
  return map;
}

function addTree(b: ForestBuilder, tree: SklearnTree, t: number, featureMap: number[], classToLabel: number[], nClassesIn: number, bad: (m: string) => Error) {
  var n = tree && tree.children_left ? tree.children_left.length : 0;
  var where = 'tree ' + t;
  if (!n) throw bad(where + ' has no nodes');
  ['children_right', 'feature', 'threshold', 'value'].forEach(function (k) {
    if (!Array.isArray((tree as any)[k]) || (tree as any)[k].length !== n) throw bad(where + ': "' + k + '" does not have ' + n + ' entries');
  });
  var counts = new Float64Array(b.nClasses), visited = new Uint8Array(n);
  // Our own preorder walk: children always get larger ids than their parent.
  function walk(node: number): number {
    if (!(node >= 0 && node < n) || node % 1 !== 0) throw bad(where + ': child ' + node + ' is not a node');
    if (visited[node]++) throw bad(where + ': node ' + node + ' is reached twice');
    var l = tree.children_left[node], r = tree.children_right[node];
    if (l === -1 && r === -1) {
      var row = tree.value[node];
      if (!Array.isArray(row) || row.length !== nClassesIn) throw bad(where + ': node ' + node + ' has ' + (row ? row.length : 0) + ' class weights, expected ' + nClassesIn);
      counts.fill(0);
      var sum = 0;
      for (var c = 0; c < nClassesIn; c++) {
        if (!(row[c] >= 0) || !isFinite(row[c])) throw bad(where + ': node ' + node + ' has class weight ' + row[c]);
        counts[classToLabel[c]] += row[c];
        sum += row[c];
      }
      if (!(sum > 0)) throw bad(where + ': leaf ' + node + ' has no weight');
      return b.leaf(counts);
    }
    var f = tree.feature[node], th = tree.threshold[node];
    if (!(f >= 0 && f < featureMap.length) || f % 1 !== 0) throw bad(where + ': node ' + node + ' splits on feature ' + f + ' (the model has ' + featureMap.length + ')');
    if (typeof th !== 'number' || th !== th) throw bad(where + ': node ' + node + ' has threshold ' + th);
    var id = b.node(featureMap[f], float32AtOrBelow(th));
    b.left[id] = walk(l);
    b.right[id] = walk(r);
    return id;
  }
  b.roots.push(walk(0));
}
