// The forest kind of the model file: arrays feature, threshold, left, right, roots, leaves.
import type { ModelArray, ModelKind } from './model-decode';
import { inconsistent } from './model-decode';
import { expectArrays, expectDistributions } from './model-arrays';
import { createForest, Forest, ForestArrays } from './forest';

/** Order of the forest's arrays in a model file. */
export var FOREST_ARRAY_ORDER = ['feature', 'threshold', 'left', 'right', 'roots', 'leaves'];

/**
 * Validates a forest so predict() cannot read out of range or loop: features < nFeatures,
 * finite thresholds and leaf values, children after their parent and in range, leaf rows of nClasses.
 */
export function checkForest(f: ForestArrays, nFeatures: number, nClasses: number, leafWidth: number) {
  var nNodes = f.feature.length, i;
  if (leafWidth !== nClasses) throw inconsistent('leaf distributions have ' + leafWidth + ' values, but there are ' + nClasses + ' labels');
  if (f.leaves.length % nClasses) throw inconsistent('leaf array length ' + f.leaves.length + ' is not a multiple of ' + nClasses);
  if (f.threshold.length !== nNodes || f.left.length !== nNodes || f.right.length !== nNodes) throw inconsistent('node arrays differ in length');
  if (!f.roots.length) throw inconsistent('forest has no trees');
  var nLeaves = f.leaves.length / nClasses;
  function child(c: number, parent: number, what: string) {
    if (c >= 0 ? c <= parent || c >= nNodes : -c - 1 >= nLeaves) {
      throw inconsistent(what + ' index ' + c + ' out of range (' + nNodes + ' nodes, ' + nLeaves + ' leaves)');
    }
  }
  for (i = 0; i < nNodes; i++) {
    if (f.feature[i] < 0 || f.feature[i] >= nFeatures) throw inconsistent('node ' + i + ' reads feature ' + f.feature[i] + ' of ' + nFeatures);
    // NaN or infinite (written out: a helper function costs Espruino variables while loaded).
    if (f.threshold[i] - f.threshold[i] !== 0) throw inconsistent('node ' + i + ' has a non-finite threshold');
    child(f.left[i], i, 'child');
    child(f.right[i], i, 'child');
  }
  for (i = 0; i < f.roots.length; i++) child(f.roots[i], -1, 'root');
}

export var forestKind: ModelKind = {
  name: 'forest',
  build: function (arrays: ModelArray[], labels: string[], nFeatures: number): Forest {
    var a = expectArrays('forest', arrays, 'ifiiif');
    var f: ForestArrays = { feature: a[0], threshold: a[1], left: a[2], right: a[3], roots: a[4], leaves: a[5] };
    checkForest(f, nFeatures, labels.length, arrays[5].width);
    // A class score sums every leaf row weighted by its hits: one NaN would spoil them all,
    // so every row must be a distribution (finite, 0..1, summing to 1).
    expectDistributions('leaf', f.leaves, labels.length);
    return createForest(labels, f);
  }
};
