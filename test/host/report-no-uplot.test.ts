// Without the optional uplot package (a user who never installed it) the report is written
// with its static plots and a note on how to get zoom, not an error.
import { it, expect, vi } from 'vitest';

vi.mock('../../src/node/optional-deps', async (original) => {
  var real: any = await original();
  return Object.assign({}, real, { resolvePeerFile: (name: string) => { throw real.missingPeerError([name]); } });
});

var { loadUplot } = await import('../../src/host/report/uplot-inline');
var { renderHtmlReport } = await import('../../src/host/report/html-report');

it('loadUplot answers null for a missing package, and the report falls back to static plots', () => {
  expect(loadUplot()).toBeNull();
  var n = 200, timesMs = new Float64Array(n), values = new Float32Array(n);
  for (var i = 0; i < n; i++) timesMs[i] = i * 10;
  var html = renderHtmlReport({
    title: 'T', notes: [], labels: ['idle', 'wave'], tables: [],
    recordings: [{ recording: { source: 'a.csv', channels: ['acc_x'], rateHz: 100, timesMs, values, warnings: [] },
      replay: { source: 'a.csv', durationMs: 1990, predictionTimesMs: [], predictions: [], predictionScores: [], classScores: [], events: [], skippedWindows: 0, gatedWindows: 0, inferences: 0 }, truths: [] }],
  });
  expect(html).toMatch(/Zoom needs the optional package uplot \(npm install uplot\)/);
  expect(html).not.toMatch(/<script/);
  expect(html).toMatch(/class="recording-plot"/);
});
