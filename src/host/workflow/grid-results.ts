// The grid search's candidates, written by `train --grid` beside the model file
// (<model>.grid.json) so that `evaluate --report` can plot size against score. The file
// names the model file it belongs to by fingerprint: after a retrain it is not shown.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import type { GridCandidate, GridResult } from './grid-search';
import type { GridPoint } from '../report/grid-plot';
import { describeParams } from './grid-search';
import type { EventGridResult } from './event-grid';
import { describeCandidate } from './event-grid';
import { fileFingerprint } from './fingerprint';

export var GRID_FORMAT = 'espruino-gestures grid candidates';

export interface GridResultsFile { format: string; version: 1; model: string; metric: string; candidates: GridPoint[] }

export function gridResultsFile(modelFile: string): string {
  return modelFile + '.grid.json';
}

export function gridPoints(result: GridResult): GridPoint[] {
  return result.candidates.map(function (c: GridCandidate) {
    return {
      label: describeParams(c.params) + ', ' + c.channels.join('+') + ' @ ' + c.rateHz + ' Hz, ' + c.variant,
      bytes: c.cost.bytes, score: c.accuracy, rejected: c.rejected, chosen: c === result.best,
    };
  });
}

/** The event grid's candidates: mean event F1 over seeds, with its min and max. */
export function eventGridPoints(result: EventGridResult): GridPoint[] {
  return result.candidates.map(function (c) {
    return { label: describeCandidate(c), bytes: c.bytes, score: c.score.mean, low: c.score.min, high: c.score.max, rejected: c.rejected, chosen: c === result.best };
  });
}

/** Writes the candidates beside `modelFile` (already written); returns the file's name. */
export function writeGridResults(modelFile: string, metric: string, points: GridPoint[]): string {
  var file = gridResultsFile(modelFile);
  var body: GridResultsFile = { format: GRID_FORMAT, version: 1, model: fileFingerprint(modelFile), metric: metric, candidates: points };
  writeFileSync(file, JSON.stringify(body, null, 1) + '\n');
  return file;
}

/**
 * The candidates for `modelFile`: from `file` when given, else from beside the model when
 * there. `warning` says why none are shown (another model's file, unreadable).
 */
export function readGridResults(modelFile: string, file?: string): { grid: { metric: string; points: GridPoint[]; source: string } | null; warning: string | null } {
  var f = file || gridResultsFile(modelFile);
  if (!existsSync(f)) return { grid: null, warning: file ? f + ': no such grid results file' : null };
  var body: GridResultsFile;
  try {
    body = JSON.parse(readFileSync(f, 'utf8'));
  } catch (e: any) {
    return { grid: null, warning: f + ': not grid results (' + e.message + '); the report has no grid plot' };
  }
  if (!body || body.format !== GRID_FORMAT || !Array.isArray(body.candidates)) return { grid: null, warning: f + ': not a grid results file from `train --grid`; the report has no grid plot' };
  if (body.model !== fileFingerprint(modelFile)) {
    return { grid: null, warning: f + ': these grid results belong to another model file than ' + modelFile + ' (retrained since?); the report has no grid plot' };
  }
  return { grid: { metric: body.metric, points: body.candidates, source: f }, warning: null };
}
