// Structure of a forest model without data: trees, split nodes, depth and the worst-case
// number of nodes one prediction can visit (the sum of the trees' depths).
import type { Classifier } from '../../core/types';

export interface ForestStructure { trees: number; nodes: number; maxDepth: number; worstCaseNodes: number }

export function forestStructure(model: Classifier): ForestStructure | null {
  var m: any = model;
  if (!m.roots || !m.left || !m.right) return null;
  var worst = 0, maxDepth = 0;
  for (var t = 0; t < m.roots.length; t++) {
    var d = depth(m, m.roots[t]);
    worst += d;
    if (d > maxDepth) maxDepth = d;
  }
  return { trees: m.roots.length, nodes: m.feature.length, maxDepth: maxDepth, worstCaseNodes: worst };
}

/** Split nodes on the longest path from `node` (a leaf reference, < 0, has none). */
function depth(m: any, node: number): number {
  if (node < 0) return 0;
  return 1 + Math.max(depth(m, m.left[node]), depth(m, m.right[node]));
}
