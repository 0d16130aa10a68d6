// The HTML report's parts (issue 12, item 11): colour keys and the confidence trace, event
// labels that never overlap on a long recording, uPlot inlined with its notice (and the
// static fallback without it), the grid candidates' plot from what `train --grid` writes,
// the training-data notice, and the gesture palette shared with the dashboard.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vm from 'node:vm';
import fc from 'fast-check';
import { renderHtmlReport, ReportInput } from '../../src/host/report/html-report';
import { labelColors, loadPalette, paletteFile } from '../../src/host/report/palette';
import { placeLabels } from '../../src/host/report/label-layout';
import { estimateTextWidth, EVENT_FONT_PX } from '../../src/host/report/svg-plot';
import { loadUplot } from '../../src/host/report/uplot-inline';
import { sizeFront, GridPoint } from '../../src/host/report/grid-plot';
import { readGridResults, writeGridResults, gridResultsFile } from '../../src/host/workflow/grid-results';
import { findDashboardDir } from '../../src/node/package-files';
import { defaultDemoData } from '../../src/host/workflow/demo';
import type { ReplayResult } from '../../src/host/eval/replay';
import type { Recording } from '../../src/host/recording';
import { runCli } from '../cli/run-cli';

var LABELS = ['idle', 'wave', 'circle', 'x'];

/** `seconds` of 6-axis data at 50 Hz with an event every `everyMs` (cycling gestures) and per-class scores. */
function fakeRun(seconds: number, everyMs: number): { recording: Recording; replay: ReplayResult } {
  var n = seconds * 50, k = 6;
  var timesMs = new Float64Array(n), values = new Float32Array(n * k);
  for (var i = 0; i < n; i++) {
    timesMs[i] = i * 20;
    for (var c = 0; c < k; c++) values[i * k + c] = Math.sin(i / (10 + c)) * (c < 3 ? 1 : 100);
  }
  var replay: ReplayResult = { source: 'fake.csv', durationMs: (n - 1) * 20, predictionTimesMs: [], predictions: [], predictionScores: [], classScores: [], events: [], skippedWindows: 0, gatedWindows: 0, inferences: 0 };
  for (var t = 1000; t < n * 20; t += 100) {
    var label = Math.floor(t / 3000) % LABELS.length;
    replay.predictionTimesMs.push(t); replay.predictions.push(label); replay.predictionScores.push(0.8);
    LABELS.forEach((_, c) => replay.classScores.push(c === label ? 0.8 : 0.2 / 3));
  }
  for (var e = 500, j = 0; e < n * 20; e += everyMs, j++) {
    var g = 1 + (j % 3);
    replay.events.push({ timeMs: e, label: g, gesture: LABELS[g], score: 0.9 } as any);
  }
  var recording: Recording = { source: '/data/fake.csv', channels: ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'], rateHz: 50, timesMs, values, warnings: [] };
  return { recording, replay };
}

function report(extra: Partial<ReportInput>, seconds = 60, everyMs = 2000): string {
  var r = fakeRun(seconds, everyMs);
  return renderHtmlReport(Object.assign({
    title: 'T', notes: [], labels: LABELS, idleLabel: 0, tables: [],
    recordings: [{ recording: r.recording, replay: r.replay, truths: [{ startMs: 3000, endMs: 6000, label: 'circle' }] }],
  }, extra));
}

/** The event label boxes of a static plot, from the SVG's own coordinates and the width estimate. */
function labelBoxes(svg: string) {
  var re = /<text class="event-label" x="([\d.]+)" y="([\d.]+)" font-size="(\d+)"[^>]*>([^<]*)<\/text>/g, m, out = [];
  while ((m = re.exec(svg))) {
    var size = Number(m[3]);
    out.push({ x: Number(m[1]), y: Number(m[2]) - size, w: estimateTextWidth(m[4], size), h: size + 2 });
  }
  return out;
}

describe('report: keys, confidence trace, training-data notice', () => {
  it('keys every channel line by colour (acc and gyro) and draws one confidence line per class', () => {
    var html = report({ uplot: null });
    for (var ch of ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z']) {
      var line = new RegExp('<polyline class="channel" data-channel="' + ch + '"[^>]* stroke="(#[0-9a-f]{6})"').exec(html);
      expect(line, ch).not.toBeNull();
      // the key entry next to it has the line's colour
      expect(html).toMatch(new RegExp('stroke="' + line![1] + '" stroke-width="2.5"/><text [^>]*data-key="' + ch + '"'));
    }
    expect((html.match(/class="channel-key"/g) || []).length).toBe(2); // one key per sensor panel
    var colors = labelColors(LABELS, 0);
    LABELS.forEach((l, i) => {
      expect(html).toMatch(new RegExp('<polyline class="class-score" data-label="' + l + '" fill="none" stroke-width="1.2" stroke="' + colors[i] + '"'));
      expect(html).toMatch(new RegExp('data-key="score: ' + l + '"'));
    });
  });

  it('says when the evaluated recordings were training data, when they were not, and when it cannot tell', () => {
    var seen = report({ trainingData: { seen: ['/d/a_wave.csv', '/d/b_wave.csv'], total: 3, known: true }, uplot: null });
    expect(seen).toMatch(/<p class="training-data" role="alert">Evaluated on training data: 2 of 3 evaluated recordings were in the model's training set \(a_wave\.csv, b_wave\.csv\)\. These scores are not held-out/);
    var all = report({ trainingData: { seen: ['/d/a_wave.csv'], total: 1, known: true }, uplot: null });
    expect(all).toMatch(/Evaluated on training data: the evaluated recording was in the model's training set \(a_wave\.csv\)/);
    var held = report({ trainingData: { seen: [], total: 3, known: true }, uplot: null });
    expect(held).not.toMatch(/class="training-data"/);
    expect(held).toMatch(/None of the 3 evaluated recordings was among the model's training recordings/);
    var unknown = report({ trainingData: { seen: [], total: 3, known: false }, uplot: null });
    expect(unknown).toMatch(/records no training recordings .* whether the evaluated recordings were training data is unknown/);
  });
});

describe('report: event labels on a long recording', () => {
  it('places labels so that no two boxes overlap, hides the ones without room, and keeps every tick', () => {
    for (var [seconds, every] of [[600, 900], [90, 700], [60, 3000]]) {
      var html = report({ uplot: null }, seconds, every);
      var ticks = (html.match(/class="event-tick"/g) || []).length;
      var boxes = labelBoxes(html);
      expect(ticks).toBe(Math.ceil((seconds * 1000 - 500) / every));
      for (var i = 0; i < boxes.length; i++) {
        expect(boxes[i].x + boxes[i].w).toBeLessThanOrEqual(990.1); // x is rounded to 0.1 px
        for (var j = i + 1; j < boxes.length; j++) {
          var a = boxes[i], b = boxes[j];
          var overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, JSON.stringify([a, b])).toBe(false);
        }
      }
      if (seconds === 600) {
        // 666 events in 940 px: ticks only, and the report says why
        expect(boxes.length).toBe(0);
        expect(html).toMatch(new RegExp('<p class="note hidden-labels">' + ticks + ' of ' + ticks + ' event labels have no room at this scale'));
      } else if (seconds === 60) {
        expect(boxes.length).toBe(ticks); // sparse: every label shown
        expect(html).not.toMatch(/class="note hidden-labels"/);
        expect(html).toMatch(/data-hidden-labels="0"/);
      } else {
        expect(boxes.length).toBeGreaterThan(ticks / 2);
        expect(boxes.length).toBeLessThan(ticks);
      }
    }
  });

  it('placeLabels never puts two touching labels in one lane, and moves a label at the edge inside', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 5, max: 80 })), { maxLength: 80 }), fc.integer({ min: 1, max: 4 }), (items, lanes) => {
      items.sort((a, b) => a[0] - b[0]);
      var xs = items.map((i) => i[0]), ws = items.map((i) => i[1]);
      var left: number[] = [];
      var placed = placeLabels(xs, ws, lanes, 3, 1500, 0, left);
      var last: number[] = [];
      placed.forEach((l, i) => {
        if (l < 0) return;
        expect(l).toBeLessThan(lanes);
        expect(left[i] + ws[i]).toBeLessThanOrEqual(1500);
        expect(left[i]).toBeLessThanOrEqual(xs[i]);
        if (last[l] !== undefined) expect(left[last[l]] + ws[last[l]] + 3).toBeLessThanOrEqual(left[i]);
        last[l] = i;
      });
    }));
    // below the minimum share nothing is shown
    expect(placeLabels([0, 1, 2, 3], [50, 50, 50, 50], 1, 3, 1000, 0.5)).toEqual([-1, -1, -1, -1]);
    expect(placeLabels([0, 100, 101], [50, 50, 50], 1, 3, 1000, 0.5)).toEqual([0, 0, -1]);
  });

  it('gives the label width estimate room for real text (11 px system font: at most ~0.6 em a character)', () => {
    expect(estimateTextWidth('updown', EVENT_FONT_PX)).toBeGreaterThanOrEqual(6 * 11 * 0.6);
  });
});

describe('report: zoom with uPlot inlined', () => {
  it('inlines the installed uPlot with its MIT notice and the zoom data; fetches nothing', () => {
    var u = loadUplot();
    expect(u).not.toBeNull();
    var html = report({});
    expect(html).toContain('uPlot ' + u!.version + ' (https://github.com/leeoniya/uPlot)');
    expect(html).toMatch(/Copyright \(c\) \d{4} Leon Sorokin/);
    expect(html).toMatch(/Permission is hereby granted, free of charge/);
    expect(html).toContain(u!.js.slice(0, 200));
    expect(html).toMatch(/<script type="application\/json" id="zoom-data-0">/);
    expect(html).toMatch(/<div class="zoom-view" data-src="zoom-data-0"><\/div>/);
    expect(html).not.toMatch(/<script[^>]* src=|<link |src="http/);
    // nothing inside a script can close it early
    var scripts = html.split(/<script[^>]*>/).slice(1).map((s) => s.slice(0, s.indexOf('</script>')));
    expect(scripts.length).toBe(3);
    scripts.forEach((s) => expect(s).not.toMatch(/<\/script/i));
    var data = JSON.parse(scripts[0]);
    expect(data.groups.map((g: any) => g.channels)).toEqual([['acc_x', 'acc_y', 'acc_z'], ['gyro_x', 'gyro_y', 'gyro_z']]);
    expect(data.scores.length).toBe(LABELS.length);
    expect(data.t.length).toBe(60 * 50);
  });

  it('falls back to the static plots, and says how to get zoom, when uPlot is not installed', () => {
    var html = report({ uplot: null });
    expect(html).not.toMatch(/<script/);
    expect(html).toMatch(/<p class="note zoom-missing">Zoom needs the optional package uplot \(npm install uplot\)/);
    expect(html).toMatch(/<svg [^>]*class="recording-plot"/);
  });
});

describe('report: the grid candidates, size against score', () => {
  var tmp: string;
  beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'report-grid-')); });
  afterAll(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  var points: GridPoint[] = [
    { label: 'dt d3', bytes: 400, score: 0.80 },
    { label: 'rf 3 trees d3', bytes: 900, score: 0.86 },
    { label: 'rf 3 trees d8', bytes: 1400, score: 0.84 },
    { label: 'rf 20 trees d8', bytes: 9000, score: 0.93, rejected: 'model file 9000 B > --max-bytes 1500' },
    { label: 'rf 20 trees d3', bytes: 1300, score: 0.90, chosen: true },
  ];

  it('plots every candidate, rings the chosen one, leaves rejected ones hollow and joins the size front', () => {
    var html = report({ grid: { metric: 'leave-one-recording-out accuracy', points, source: 'm.egm.grid.json' }, uplot: null });
    expect(html).toMatch(/<h2>Grid search: size against leave-one-recording-out accuracy<\/h2>/);
    expect((html.match(/<circle class="candidate/g) || []).length).toBe(5);
    expect(html).toMatch(/<circle class="candidate chosen"[^>]*><title>rf 20 trees d3: 1300 B, leave-one-recording-out accuracy 0\.900, chosen<\/title>/);
    expect(html).toMatch(/<circle class="candidate rejected"[^>]* fill="none"[^>]*><title>rf 20 trees d8: 9000 B, [^<]*rejected: model file 9000 B &gt; --max-bytes 1500/);
    expect(sizeFront(points).map((p) => p.label)).toEqual(['dt d3', 'rf 3 trees d3', 'rf 20 trees d3']);
    expect(html).toMatch(/<polyline class="size-front"/);
    expect(html).toMatch(/5 candidates from m\.egm\.grid\.json, 1 rejected by the constraints/);
  });

  it('reads the candidates beside the model only while they belong to that model file', () => {
    var model = path.join(tmp, 'm.egm');
    fs.writeFileSync(model, 'model bytes v1');
    writeGridResults(model, 'accuracy', points);
    expect(readGridResults(model)).toEqual({ grid: { metric: 'accuracy', points, source: gridResultsFile(model) }, warning: null });
    fs.writeFileSync(model, 'model bytes v2'); // retrained without --grid
    var stale = readGridResults(model);
    expect(stale.grid).toBeNull();
    expect(stale.warning).toMatch(/m\.egm\.grid\.json: these grid results belong to another model file than .*m\.egm \(retrained since\?\); the report has no grid plot/);
    expect(readGridResults(path.join(tmp, 'none.egm'))).toEqual({ grid: null, warning: null });
    expect(readGridResults(model, path.join(tmp, 'nope.json')).warning).toMatch(/nope\.json: no such grid results file/);
    fs.writeFileSync(path.join(tmp, 'bad.json'), '{"format":"other"}');
    expect(readGridResults(model, path.join(tmp, 'bad.json')).warning).toMatch(/bad\.json: not a grid results file from `train --grid`/);
  });

  it('train --grid writes them, evaluate --report plots them', async () => {
    var dir = path.join(tmp, 'few');
    fs.mkdirSync(dir);
    var HAR = defaultDemoData();
    fs.readdirSync(HAR).filter((f) => /T1927(44|48)_snake|T1928(23|27)_updown|T1937(04|08)_idle/.test(f)).forEach((f) => fs.copyFileSync(path.join(HAR, f), path.join(dir, f)));
    var model = path.join(tmp, 'few.egm');
    var t = await runCli(['train', dir, '--rate', '100', '--counts-per-g', '16384', '--features', 'stats', '--model-rate', '25', '--downsample', 'mean', '--hop', '250',
      '--grid', '--grid-models', 'rf,dt', '--grid-trees', '3', '--grid-depth', '3,6', '--out', model]);
    expect(t.code, t.err).toBe(0);
    expect(t.out).toContain('Grid candidates: ' + model + '.grid.json (plotted by evaluate --report)');
    var saved = JSON.parse(fs.readFileSync(model + '.grid.json', 'utf8'));
    expect(saved.candidates.length).toBe(4);
    expect(saved.candidates.filter((c: any) => c.chosen).length).toBe(1);
    var out = path.join(tmp, 'r.html');
    var e = await runCli(['evaluate', '--model', model, '--rate', '100', '--counts-per-g', '16384', '--report', out, dir]);
    expect(e.code, e.err).toBe(0);
    var html = fs.readFileSync(out, 'utf8');
    expect((html.match(/<circle class="candidate/g) || []).length).toBe(4);
    expect(html).toMatch(/<circle class="candidate chosen"/);
    expect(html).toMatch(/Evaluated on training data: all 6 evaluated recordings/);
  }, 120_000);
});

describe('gesture palette shared with the dashboard', () => {
  it('is the one list in dashboard/palette.js, loaded by the dashboard before its app and read by the report', () => {
    var file = paletteFile();
    expect(file).toBe(path.join(findDashboardDir(), 'palette.js'));
    var inBrowser: any = {};
    vm.runInNewContext(fs.readFileSync(file, 'utf8'), inBrowser); // as a classic <script>: a global
    expect(loadPalette()).toEqual({ gestures: inBrowser.GESTURE_PALETTE.gestures, idle: inBrowser.GESTURE_PALETTE.idle });
    var index = fs.readFileSync(path.join(findDashboardDir(), 'index.html'), 'utf8');
    var p = index.indexOf('<script src="/dashboard/palette.js"></script>'), a = index.indexOf('<script src="/dashboard/app.js"></script>');
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(a);
    var app = fs.readFileSync(path.join(findDashboardDir(), 'app.js'), 'utf8');
    expect(app).toMatch(/var PALETTE = GESTURE_PALETTE\.gestures;/);
    expect(app).not.toMatch(/\[\s*'#[0-9a-f]{6}'\s*,/i); // no second colour list
  });

  it('colours gestures in alphabetical order, as the dashboard assigns them, idle grey', () => {
    var p = loadPalette();
    expect(labelColors(['idle', 'wave', 'circle', 'x'], 0)).toEqual([p.idle, p.gestures[1], p.gestures[0], p.gestures[2]]);
    expect(labelColors(['wave', 'circle'], -1)).toEqual([p.gestures[1], p.gestures[0]]);
    var html = report({ uplot: null });
    expect(html).toMatch(new RegExp('<span data-label="circle" style="background:' + p.gestures[0]));
  });
});
