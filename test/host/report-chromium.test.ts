// The report of a 10-minute recording in a real headless Chromium: event labels never overlap
// (measured with the browser's own text boxes), the zoomable uPlot view works from the single
// file (a drag zooms every chart, labels appear as they get room) and the screenshots go to
// artifacts/report/ (overview and zoomed).
import fs from 'node:fs';
import path from 'node:path';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describeWithService, findChromium } from '../server/helpers';
import { longEvaluation } from './long-recording';
import { renderHtmlReport } from '../../src/host/report/html-report';
import { evaluationTables } from '../../src/host/report/tables';
import { readGridResults } from '../../src/host/workflow/grid-results';
import { defaultDemoData } from '../../src/host/workflow/demo';
import { runCli } from '../cli/run-cli';

var browserPath = await findChromium();
var ARTIFACTS = path.resolve(__dirname, '../../artifacts/report');

interface Box { x: number; y: number; width: number; height: number }
function overlapping(boxes: Box[]): [Box, Box] | null {
  for (var i = 0; i < boxes.length; i++) {
    for (var j = i + 1; j < boxes.length; j++) {
      var a = boxes[i], b = boxes[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) return [a, b];
    }
  }
  return null;
}

describeWithService('HTML report of a 10-minute recording (Chromium)', browserPath, (executablePath) => {
  var browser: Browser;
  var page: Page;
  var errors: string[] = [];
  var events = 0;
  var short: any;
  var specLabels: string[] = [];

  beforeAll(async () => {
    var long = longEvaluation(10);
    var ev = long.evaluation;
    short = longEvaluation(1.5).evaluation.recordings[0]; // a stretch where labels partly fit
    events = ev.recordings[0].replay.events.length;
    specLabels = long.spec.labels;
    // A real grid search's candidates (train --grid on the shipped recordings) for the size plot.
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    var model = path.join(ARTIFACTS, 'grid-model.egm');
    var t = await runCli(['train', defaultDemoData(), '--rate', '100', '--counts-per-g', '16384', '--features', 'stats', '--model-rate', '25', '--downsample', 'mean', '--hop', '250',
      '--grid', '--grid-models', 'rf,et,dt', '--grid-trees', '3,10', '--grid-depth', '3,6', '--max-bytes', '1200', '--out', model]);
    expect(t.code, t.err).toBe(0);
    var grid = readGridResults(model).grid;
    var html = renderHtmlReport({
      grid,
      title: 'espruino-gestures evaluation: 10 minutes of cgestures', notes: ['The shipped cgestures recordings, concatenated.'],
      trainingData: { seen: [long.recording.source], total: 1, known: true },
      labels: long.spec.labels, idleLabel: long.spec.idleLabel, confusion: ev.window, tables: evaluationTables(ev, long.spec.labels),
      recordings: ev.recordings.concat([short]).map((r) => ({ recording: r.recording, replay: r.replay, truths: r.truths })),
    });
    fs.writeFileSync(path.join(ARTIFACTS, 'report-10min.html'), html);
    browser = await chromium.launch({ executablePath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto('file://' + path.join(ARTIFACTS, 'report-10min.html'));
    await page.waitForSelector('.zoom-view[data-ready="1"]', { timeout: 30000 }).catch((e) => { throw new Error(e.message + '\npage errors: ' + errors.join('; ')); });
  }, 120000);

  afterAll(async () => { await browser?.close(); });

  it('draws the static overview without overlapping event labels, ticks for the rest', async () => {
    expect(events).toBeGreaterThan(200); // dense enough that labels would overprint
    var plots = page.locator('svg.recording-plot');
    expect(await plots.count()).toBe(2);
    var shown: number[] = [];
    for (var p = 0; p < 2; p++) {
      var boxes: Box[] = await plots.nth(p).locator('text.event-label').evaluateAll((els) => els.map((e) => {
        var b = (e as SVGGraphicsElement).getBBox();
        return { x: b.x, y: b.y, width: b.width, height: b.height };
      }));
      expect(overlapping(boxes)).toBeNull();
      // every label inside the plot's width
      boxes.forEach((b) => expect(b.x + b.width).toBeLessThanOrEqual(1000));
      shown.push(boxes.length);
    }
    // 10 minutes: far too dense for labels, ticks only; 90 s: labels where they fit.
    expect(shown[0]).toBe(0);
    expect(shown[1]).toBeGreaterThan(10);
    expect(await plots.nth(0).locator('line.event-tick').count()).toBe(events);
    expect(await page.locator('.hidden-labels').first().textContent()).toMatch(new RegExp(events + ' of ' + events + ' event labels have no room'));
    expect(await page.textContent('.training-data')).toMatch(/Evaluated on training data/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-10min-overview.png'), fullPage: true });
    await plots.nth(1).screenshot({ path: path.join(ARTIFACTS, 'report-90s-static.png') });
    // The grid plot: one circle per candidate, drawn inside the plot.
    var grid = page.locator('svg.grid-plot');
    expect(await grid.locator('circle.candidate').count()).toBe(10); // rf, et: 2 trees x 2 depths; dt: 2 depths
    expect(await grid.locator('circle.chosen').count()).toBe(1);
    expect(await grid.locator('circle.rejected').count()).toBeGreaterThan(0); // over --max-bytes 1200: hollow
    await grid.screenshot({ path: path.join(ARTIFACTS, 'report-grid.png') });
    expect(errors).toEqual([]);
  });

  it('zooms every chart together with a drag, showing the labels of the zoomed stretch without overlap', async () => {
    var view = page.locator('.zoom-view').first();
    var full = Number(await view.getAttribute('data-x-max')) - Number(await view.getAttribute('data-x-min'));
    expect(full).toBeGreaterThan(590);
    var shownAll = Number(await view.getAttribute('data-labels-shown'));
    // Drag across 4% of the first chart (~25 s of the 10 minutes).
    var over = view.locator('.u-over').first();
    await over.scrollIntoViewIfNeeded();
    var b = (await over.boundingBox())!;
    await page.mouse.move(b.x + b.width * 0.30, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * 0.32, b.y + b.height / 2, { steps: 4 });
    await page.mouse.move(b.x + b.width * 0.34, b.y + b.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => {
      var v = document.querySelector('.zoom-view')!;
      return Number(v.getAttribute('data-x-max')) - Number(v.getAttribute('data-x-min')) < 60;
    }, undefined, { timeout: 10000 });
    var min = Number(await view.getAttribute('data-x-min')), max = Number(await view.getAttribute('data-x-max'));
    expect(max - min).toBeGreaterThan(10);
    // Every chart of the recording (accelerometer, confidence) follows the zoom.
    var ranges = (await view.getAttribute('data-chart-ranges'))!.split(' ');
    expect(ranges.length).toBe(2);
    expect(new Set(ranges).size).toBe(1);
    expect(ranges[0]).toBe(min.toFixed(3) + '..' + max.toFixed(3));
    var inView = Number(await view.getAttribute('data-events-in-view'));
    var shown = Number(await view.getAttribute('data-labels-shown'));
    expect(inView).toBeGreaterThan(0);
    expect(shownAll).toBe(0); // the whole 10 minutes: ticks only
    expect(shown).toBeGreaterThan(inView / 2); // zoomed in: the labels have room
    var boxes: Box[] = await view.locator('.zoom-event-label').evaluateAll((els) => els.filter((e) => (e as HTMLElement).style.visibility === 'visible').map((e) => {
      var r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }));
    expect(boxes.length).toBe(shown);
    expect(overlapping(boxes)).toBeNull();
    await view.scrollIntoViewIfNeeded();
    await view.screenshot({ path: path.join(ARTIFACTS, 'report-10min-zoomed.png') });
    expect(fs.statSync(path.join(ARTIFACTS, 'report-10min-zoomed.png')).size).toBeGreaterThan(10000);
    expect(errors).toEqual([]);
  });

  // Shorter than a window: no predictions, no events; the zoom view must still come up.
  function tiny() {
    var n = 50, timesMs = new Float64Array(n), values = new Float32Array(n * 3);
    for (var i = 0; i < n; i++) { timesMs[i] = i * 10; values[i * 3 + 2] = 9.8; }
    return {
      recording: { source: 'tiny.csv', channels: ['acc_x', 'acc_y', 'acc_z'], rateHz: 100, timesMs, values, warnings: [] },
      replay: { source: 'tiny.csv', durationMs: 490, predictionTimesMs: [], predictions: [], predictionScores: [], classScores: [], events: [], skippedWindows: 0 },
      truths: [],
    };
  }

  it('works the same from the built package (dist/node), also for a recording shorter than a window', async () => {
    var built = path.resolve(__dirname, '../../dist/node/host.js');
    if (!fs.existsSync(built)) throw new Error('No build at ' + built + ': run `npm run build` first');
    var host = await import(built);
    var html = host.renderHtmlReport({ title: 'built', notes: [], labels: specLabels, idleLabel: specLabels.indexOf('idle'), tables: [],
      recordings: [{ recording: short.recording, replay: short.replay, truths: short.truths }, tiny()] });
    var file = path.join(ARTIFACTS, 'report-built.html');
    fs.writeFileSync(file, html);
    var p = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    var errs: string[] = [];
    p.on('pageerror', (e) => errs.push(e.message));
    await p.goto('file://' + file);
    await p.waitForFunction(() => document.querySelectorAll('.zoom-view[data-ready="1"]').length === 2, undefined, { timeout: 30000 }).catch((e) => { throw new Error(e.message + '\npage errors: ' + errs.join('; ')); });
    expect(Number(await p.locator('.zoom-view').first().getAttribute('data-labels-shown'))).toBeGreaterThan(0);
    expect(await p.locator('.zoom-view').nth(1).locator('.zoom-note').textContent()).toBe('no events in view');
    expect(errs).toEqual([]);
    await p.close();
  });
});
