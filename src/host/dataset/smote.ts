// SMOTE oversampling (Chawla et al. 2002): new minority-class vectors on the segment between
// a vector and one of its k nearest same-class neighbours, until every class has as many
// vectors as the largest. Apply to a training fold only, never before splitting.
import { seededRandom } from './random';

export interface SmoteOptions { k?: number; seed?: number }

export function smote(X: Float32Array[], y: number[], nClasses: number, options?: SmoteOptions): { X: Float32Array[]; y: number[] } {
  var k = (options && options.k) || 5;
  var rand = seededRandom((options && options.seed) || 1);
  var byClass: number[][] = [];
  for (var c = 0; c < nClasses; c++) byClass.push([]);
  y.forEach(function (label, i) { byClass[label].push(i); });
  var target = Math.max.apply(null, byClass.map(function (m) { return m.length; }));
  var outX = X.slice(), outY = y.slice();
  byClass.forEach(function (members, label) {
    if (members.length === 0 || members.length >= target) return;
    var neighbours = members.map(function (i) { return nearest(X, i, members, k); });
    for (var n = members.length; n < target; n++) {
      var pick = Math.floor(rand() * members.length);
      var near = neighbours[pick];
      var a = X[members[pick]];
      var b = near.length ? X[near[Math.floor(rand() * near.length)]] : a;
      var u = rand();
      var v = new Float32Array(a.length);
      for (var j = 0; j < a.length; j++) v[j] = a[j] + u * (b[j] - a[j]);
      outX.push(v);
      outY.push(label);
    }
  });
  return { X: outX, y: outY };
}

function nearest(X: Float32Array[], i: number, members: number[], k: number): number[] {
  var d = members.filter(function (m) { return m !== i; }).map(function (m) {
    var s = 0, a = X[i], b = X[m];
    for (var j = 0; j < a.length; j++) { var t = a[j] - b[j]; s += t * t; }
    return { m: m, s: s };
  });
  d.sort(function (p, q) { return p.s - q.s; });
  return d.slice(0, k).map(function (p) { return p.m; });
}
