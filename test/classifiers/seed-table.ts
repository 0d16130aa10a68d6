// Test helper: the seed's tabularised 20 Hz windows (../shared/data/seed), parsed minimally.
import fs from 'node:fs';
import path from 'node:path';
import type { FeatureSpec } from '../../src/core/types';

export var SEED_20HZ = path.resolve(__dirname, '../../../shared/data/seed/data/transformed/20210529_v2_data_all_20hz.csv');

export interface SeedTable {
  X: Float32Array;
  y: Int32Array;
  shift: Int32Array;
  nFeatures: number;
  nClasses: number;
  columns: string[];
}

var cache: SeedTable | null = null;

/** 126 feature columns (time-major acc/gyro at 0..1000 ms), then shift, label. */
export function loadSeed20Hz(): SeedTable {
  if (cache) return cache;
  var lines = fs.readFileSync(SEED_20HZ, 'utf8').trim().split(/\r?\n/);
  var header = lines[0].split(',');
  var nFeatures = header.length - 2;
  if (header[nFeatures] !== 'shift' || header[nFeatures + 1] !== 'label') throw new Error('unexpected seed header');
  var n = lines.length - 1, X = new Float32Array(n * nFeatures), y = new Int32Array(n), shift = new Int32Array(n);
  for (var i = 0; i < n; i++) {
    var cells = lines[i + 1].split(',');
    for (var f = 0; f < nFeatures; f++) X[i * nFeatures + f] = Number(cells[f]);
    shift[i] = Number(cells[nFeatures]);
    y[i] = Number(cells[nFeatures + 1]);
  }
  cache = { X: X, y: y, shift: shift, nFeatures: nFeatures, nClasses: 4, columns: header.slice(0, nFeatures) };
  return cache;
}

/** The seed's feature spec: 1 s windows of 6 channels at 20 Hz, picked from 100 Hz. */
export function seedSpec(): FeatureSpec {
  return {
    channels: ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'],
    sourceRateHz: 100, rateHz: 20, windowMs: 1000, points: 21, hopMs: 100,
    downsample: 'pick', features: 'raw', labels: ['none', 'x', 'y', 'circle'], idleLabel: 0
  };
}
