// A labelled set of feature vectors, plus where each came from (for grouped splits).
import type { FeatureSpec } from '../../core/types';

export interface Dataset {
  /** Feature vectors, computed by the device's pipeline code. */
  X: Float32Array[];
  /** Class index per vector (into labels). */
  y: number[];
  /** Recording (or event) each vector came from: folds never split a group. */
  groups: string[];
  labels: string[];
  spec: FeatureSpec;
  /**
   * With spec.motionGate: per vector, whether the device's gate stops that window (the
   * device says idle without classifying it; evaluation does the same).
   */
  gated?: boolean[];
  /** Windows that could not be built (event too close to a recording's edge, ...). */
  warnings: string[];
}

export function classCounts(ds: { y: number[]; labels: string[] }): { [label: string]: number } {
  var counts: { [label: string]: number } = {};
  ds.labels.forEach(function (l) { counts[l] = 0; });
  ds.y.forEach(function (c) { counts[ds.labels[c]]++; });
  return counts;
}

/** The rows at `indices` as a new dataset (shares the vectors). */
export function subset(ds: Dataset, indices: number[]): Dataset {
  return {
    X: indices.map(function (i) { return ds.X[i]; }),
    y: indices.map(function (i) { return ds.y[i]; }),
    groups: indices.map(function (i) { return ds.groups[i]; }),
    labels: ds.labels, spec: ds.spec, warnings: ds.warnings,
    gated: ds.gated ? indices.map(function (i) { return ds.gated![i]; }) : undefined,
  };
}
