// m2cgen-style JavaScript for a forest (shared by the forest benches; not a bench itself).
// m2cgen's output for a RandomForestClassifier: one nested if/else per tree assigning a
// class-probability array literal, thresholds as decimal literals, then
// mulVectorNumber(addVectors(...), 1/nTrees). Reproduced here for our forest's arrays.

/** Generated source of `function score(input)` plus m2cgen's two helpers. */
export function generateM2cgen(forest) {
  var nc = forest.nClasses;
  var out = ['function score(input) {'];
  function lit(v) { var s = String(v); return /[.e]/.test(s) ? s : s + '.0'; }
  function leafRow(ref) {
    var row = -ref - 1, vals = [];
    for (var c = 0; c < nc; c++) vals.push(lit(forest.leaves[row * nc + c]));
    return '[' + vals.join(', ') + ']';
  }
  function emit(ref, v, indent) {
    var pad = '    '.repeat(indent);
    if (ref < 0) { out.push(pad + v + ' = ' + leafRow(ref) + ';'); return; }
    out.push(pad + 'if ((input[' + forest.feature[ref] + ']) <= (' + lit(forest.threshold[ref]) + ')) {');
    emit(forest.left[ref], v, indent + 1);
    out.push(pad + '} else {');
    emit(forest.right[ref], v, indent + 1);
    out.push(pad + '}');
  }
  var sum = 'var0';
  for (var t = 0; t < forest.roots.length; t++) {
    out.push('    var var' + t + ';');
    emit(forest.roots[t], 'var' + t, 1);
    if (t > 0) sum = 'addVectors(' + sum + ', var' + t + ')';
  }
  out.push('    return mulVectorNumber(' + sum + ', ' + lit(1 / forest.roots.length) + ');', '}');
  out.push(HELPERS);
  return out.join('\n');
}

export var HELPERS = [
  'function addVectors(v1, v2) {',
  '    var result = new Array(v1.length);',
  '    for (var i = 0; i < v1.length; i++) {',
  '        result[i] = v1[i] + v2[i];',
  '    }',
  '    return result;',
  '}',
  'function mulVectorNumber(v1, num) {',
  '    var result = new Array(v1.length);',
  '    for (var i = 0; i < v1.length; i++) {',
  '        result[i] = v1[i] * num;',
  '    }',
  '    return result;',
  '}'
].join('\n');

/** The platform notes' measured configuration: complete depth-d trees, features drawn from the first nUsed. */
export function completeForest(runtime, createRng, labels, nTrees, depth, nUsed, X, nf, seed) {
  var nc = labels.length, rng = createRng(seed), feature = [], threshold = [], left = [], right = [], roots = [];
  var rows = X.length / nf;
  function grow(d) {
    if (d === depth) return -rng.int(nc) - 1;
    var me = feature.length, f = rng.int(nUsed);
    feature.push(f);
    threshold.push(X[rng.int(rows) * nf + f]);
    left.push(0);
    right.push(0);
    left[me] = grow(d + 1);
    right[me] = grow(d + 1);
    return me;
  }
  for (var t = 0; t < nTrees; t++) roots.push(grow(0));
  var leaves = new Float32Array(nc * nc);
  for (var c = 0; c < nc; c++) leaves[c * nc + c] = 1;
  return runtime.createForest(labels, {
    feature: new Uint16Array(feature), threshold: new Float32Array(threshold), left: new Int16Array(left),
    right: new Int16Array(right), roots: new Int16Array(roots), leaves: leaves
  });
}
