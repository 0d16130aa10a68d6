// Whole-series data through the CLI (issue 11): fixed-length activity clips, one class per
// file with a numeric class name, a train/ and a test/ folder, as whole-series archives ship
// them. The fixture is cut from the shipped cgestures recordings (make-fixture.mjs there).
import { describe, it, expect, beforeAll } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { runCli } from './run-cli';

const FIXTURE = path.resolve(__dirname, '../fixtures/whole-series');
const TRAIN = path.join(FIXTURE, 'train');
const TEST = path.join(FIXTURE, 'test');
const FAST = ['--features', 'stats', '--trees', '5', '--seed', '3'];

let tmp: string;
let n = 0;
const out = () => path.join(tmp, 'model-' + (n++) + '.egm');
beforeAll(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'eg-whole-series-')); });

/** A copy of the fixture's training clips, the ones named in `cut` shortened to `keep` rows. */
function copyWithShortClips(dir: string, cut: string[], keep: number) {
  mkdirSync(dir);
  readdirSync(TRAIN).forEach((f) => {
    var lines = readFileSync(path.join(TRAIN, f), 'utf8').trim().split('\n');
    writeFileSync(path.join(dir, f), (cut.indexOf(f) >= 0 ? lines.slice(0, keep + 1) : lines).join('\n') + '\n');
  });
}

describe('whole-series recordings', () => {
  it('takes numeric class names from file names (_1.csv), in numeric order, with a note', async () => {
    const r = await runCli(['train', TRAIN, ...FAST, '--out', out(), '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.spec.labels).toEqual(['0', '1', '2', '3']);
    expect(j.spec.idleLabel).toBe(-1);
    expect(j.warnings.join('\n')).toMatch(/class names from the file names are numbers \(0, 1, 2, 3\): each is a class; if they number takes instead/);
    // "10" sorts after "2", not between "1" and "2".
    const ten = path.join(tmp, 'ten');
    mkdirSync(ten);
    readdirSync(TRAIN).forEach((f) => copyFileSync(path.join(TRAIN, f), path.join(ten, f.replace(/_3\.csv$/, '_10.csv'))));
    const t = await runCli(['train', ten, ...FAST, '--out', out(), '--json']);
    expect(t.code, t.err).toBe(0);
    expect(JSON.parse(t.out).spec.labels).toEqual(['0', '1', '2', '10']);
  });

  it('--window whole covers each 2 s clip with one window, where --window 2000 is refused naming it', async () => {
    const long = await runCli(['train', TRAIN, ...FAST, '--window', '2000', '--out', out()]);
    expect(long.code).toBe(2);
    expect(long.err).toMatch(/ended up with no training windows: its recordings or labelled spans are shorter than one window \(2000 ms; --window whole sizes the window from the shortest recording\)/);
    const r = await runCli(['train', TRAIN, ...FAST, '--window', 'whole', '--out', out(), '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    // 200 samples at 100 Hz: 200 points spanning 1990 ms (both ends included).
    expect(j.spec.windowMs).toBe(1990);
    expect(j.spec.points).toBe(200);
    expect(j.windows).toBe(16);
    expect(j.windowsPerRecording).toEqual({ recordings: 16, min: 1, median: 1, max: 1, none: [] });
    // One window per clip: each left-out clip's verdict is its window's prediction.
    expect(j.score.verdicts.scored).toBe(16);
    expect(j.score.verdicts.accuracy).toBeCloseTo(j.score.accuracy, 12);
    const text = await runCli(['train', TRAIN, ...FAST, '--window', 'whole', '--out', out()]);
    expect(text.out).toMatch(/Windows: 1 window per recording from 16 recordings/);
    expect(text.out).toMatch(new RegExp('Per recording, leave-one-recording-out \\(majority vote over its windows\\): ' + j.score.verdicts.correct + ' of 16 correct'));
    // At a lower model rate the window still fits each clip once: 50 Hz 'mean' averages pairs
    // (100 points x 2 samples = 2000 ms), 'pick' keeps every other sample (100 points over 199).
    for (const [downsample, ms] of [['mean', 2000], ['pick', 1980]] as const) {
      const low = JSON.parse((await runCli(['train', TRAIN, ...FAST, '--window', 'whole', '--model-rate', '50', '--downsample', downsample, '--out', out(), '--json'])).out);
      expect([low.spec.windowMs, low.spec.points, low.windows]).toEqual([ms, 100, 16]);
    }
    // Several windows per clip: still one verdict per left-out clip.
    const four = JSON.parse((await runCli(['train', TRAIN, ...FAST, '--window', '1000', '--hop', '250', '--out', out(), '--json'])).out);
    expect(four.windows).toBe(16 * 4);
    expect(four.score.verdicts.scored).toBe(16);
    expect(text.err).not.toMatch(/differ in length/);
  });

  it('windows recordings of different lengths each on its own, sized from the shortest, and says so', async () => {
    const dir = path.join(tmp, 'varied');
    copyWithShortClips(dir, ['192744a_1.csv', '193704b_0.csv'], 150);
    const r = await runCli(['train', dir, ...FAST, '--window', 'whole', '--hop', '100', '--out', out(), '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.spec.windowMs).toBe(1490);
    // 150-sample clips give one window, 200-sample ones 1 + 50 / 10 = 6 (hop 100 ms = 10 samples).
    expect(j.windowsPerRecording).toEqual({ recordings: 16, min: 1, median: 6, max: 6, none: [] });
    expect(j.windows).toBe(2 * 1 + 14 * 6);
    expect(j.warnings.join('\n')).toMatch(/--window whole: the recordings differ in length \(1\.50 s to 2\.00 s\); the window is 1490 ms, sized from the shortest \(.*192744a_1\.csv\), so the longer ones give several windows each, one every 100 ms/);
    // A fixed window longer than some recordings: those give none, and the counts say which.
    const fixed = await runCli(['train', dir, ...FAST, '--window', '1700', '--hop', '100', '--out', out(), '--json']);
    expect(fixed.code, fixed.err).toBe(0);
    const f = JSON.parse(fixed.out);
    expect(f.windowsPerRecording.none.map((x: string) => path.basename(x)).sort()).toEqual(['192744a_1.csv', '193704b_0.csv']);
    expect(f.windowsPerRecording.min).toBe(3);
  });

  it('sizes the whole window and counts windows over labelled recordings only (a Label Studio export that skips one)', async () => {
    const dir = path.join(tmp, 'partly-labelled');
    mkdirSync(dir);
    const files = readdirSync(TRAIN);
    files.forEach((f) => copyFileSync(path.join(TRAIN, f), path.join(dir, f)));
    // An unlabelled 0.5 s clip: it must not shrink the window to 490 ms.
    writeFileSync(path.join(dir, 'extra.csv'), readFileSync(path.join(TRAIN, files[0]), 'utf8').trim().split('\n').slice(0, 51).join('\n') + '\n');
    const labels = path.join(tmp, 'ls-export.csv');
    writeFileSync(labels, '"annotation_id","annotator","created_at","id","lead_time","timeseriesUrl","trend_forecast","updated_at"\n' +
      files.map((f, i) => [i + 1, '"1"', '"2024-12-01T16:46:00Z"', 100 + i, 1.5, '"/data/upload/3/0a1b2c3d-' + f + '"', '"' + f.replace(/^.*_(\d+)\.csv$/, 'class$1') + '"', '"2024-12-01T16:46:06Z"'].join(',')).join('\n') + '\n');
    const r = await runCli(['train', dir, '--labels', labels, ...FAST, '--window', 'whole', '--out', out(), '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.spec.labels).toEqual(['class0', 'class1', 'class2', 'class3']);
    expect(j.spec.windowMs).toBe(1990);
    expect(j.windowsPerRecording).toEqual({ recordings: 16, min: 1, median: 1, max: 1, none: [] });
    expect(j.warnings.join('\n')).toMatch(/extra\.csv: no labels, skipped/);
  });

  it('--test scores on a separate folder, and evaluate then warns only about the training folder', async () => {
    const model = out();
    const r = await runCli(['train', TRAIN, '--test', TEST, ...FAST, '--window', 'whole', '--out', model, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.score.method).toBe('test recordings (8, --test)');
    expect(j.test.windows).toBe(8);
    expect(j.test.verdicts.scored).toBe(8);
    expect(j.test.recordings.map((x: any) => path.basename(x.recording)).sort()).toEqual(readdirSync(TEST).sort());
    // One window per clip: the window accuracy is the recording accuracy.
    expect(j.test.verdicts.accuracy).toBeCloseTo(j.score.accuracy, 12);
    expect(j.score.accuracy).toBeGreaterThanOrEqual(0.5); // 4 classes: chance is 0.25

    // The model's fingerprint holds the training clips only.
    const onTest = await runCli(['evaluate', '--model', model, TEST, '--json']);
    expect(onTest.code, onTest.err).toBe(0);
    const e = JSON.parse(onTest.out);
    expect(e.trainingData.recordings).toEqual([]);
    expect(e.warnings.join('\n')).not.toMatch(/training set/);
    // evaluate replays through the device pipeline: the same verdicts as train's test score.
    expect(e.verdicts.scored).toBe(8);
    expect(e.verdicts.correct).toBe(j.test.verdicts.correct);
    e.recordings.forEach((rec: any) => {
      const t = j.test.recordings.find((x: any) => x.recording === rec.recording);
      expect(rec.verdict.label).toBe(t.label);
      expect(rec.verdict.truth).toBe(t.truth);
    });
    const onTrain = await runCli(['evaluate', '--model', model, TRAIN, '--json']);
    expect(JSON.parse(onTrain.out).warnings.join('\n')).toMatch(/all 16 recordings scored here were in the model's training set/);
  });

  it('with --grid, the test folder never picks the model: candidates keep their leave-one-recording-out scores', async () => {
    const grid = ['--grid', '--grid-trees', '2,4', ...FAST, '--window', 'whole', '--json'];
    const loro = JSON.parse((await runCli(['train', TRAIN, ...grid, '--out', out()])).out);
    const held = JSON.parse((await runCli(['train', TRAIN, '--test', TEST, ...grid, '--out', out()])).out);
    expect(held.grid.map((c: any) => c.accuracy)).toEqual(loro.grid.map((c: any) => c.accuracy));
    expect(held.model).toBe(loro.model);
    expect(loro.score.method).toBe('leave-one-recording-out');
    expect(held.score.method).toBe('test recordings (8, --test)');
  });

  it('refuses a test folder with a class the model does not know, naming the file', async () => {
    const dir = path.join(tmp, 'stranger');
    mkdirSync(dir);
    copyFileSync(path.join(TEST, '192759a_1.csv'), path.join(dir, '192759a_7.csv'));
    const r = await runCli(['train', TRAIN, '--test', dir, ...FAST, '--out', out()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/192759a_7\.csv: label "7" of this --test recording is not among the training labels \(0, 1, 2, 3\)/);
    // Clips in g where the training clips are raw counts: refused as evaluate refuses them.
    const inG = path.join(tmp, 'in-g');
    mkdirSync(inG);
    readdirSync(TEST).forEach((f) => {
      var lines = readFileSync(path.join(TEST, f), 'utf8').trim().split('\n');
      writeFileSync(path.join(inG, f), [lines[0]].concat(lines.slice(1).map((l) => l.split(',').map((x, i) => i < 3 ? (Number(x) / 16384).toFixed(5) : x).join(','))).join('\n') + '\n');
    });
    const g = await runCli(['train', TRAIN, '--test', inG, ...FAST, '--out', out()]);
    expect(g.code).toBe(2);
    expect(g.err).toMatch(/192759a_1\.csv: acceleration looks like g \(median \|a\| 1\.0\d\) but the model was trained on counts/);
  });
});

describe('evaluate: a verdict per recording', () => {
  it('lists the recordings shorter than a whole-recording window as unscored', async () => {
    const model = out();
    expect((await runCli(['train', TRAIN, ...FAST, '--window', 'whole', '--out', model])).code).toBe(0);
    const dir = path.join(tmp, 'short-test');
    mkdirSync(dir);
    readdirSync(TEST).forEach((f) => {
      var lines = readFileSync(path.join(TEST, f), 'utf8').trim().split('\n');
      writeFileSync(path.join(dir, f), (f === '192831a_2.csv' ? lines.slice(0, 151) : lines).join('\n') + '\n');
    });
    const r = await runCli(['evaluate', '--model', model, dir, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.verdicts.scored).toBe(7);
    expect(j.verdicts.unscored.map((f: string) => path.basename(f))).toEqual(['192831a_2.csv']);
    expect(j.recordings.find((x: any) => x.recording.endsWith('192831a_2.csv')).verdict).toEqual({ truth: '2', label: null, votes: 0, windows: 0, correct: null });
    const text = await runCli(['evaluate', '--model', model, dir]);
    expect(text.out).toMatch(/of 7 correct, .*; 1 recording gave no window \(shorter than the model's window\): .*192831a_2\.csv/);
  });

  it('votes over each clip\'s windows and prints the verdicts beside the window metrics', async () => {
    const model = out();
    const t = await runCli(['train', TRAIN, ...FAST, '--window', '1000', '--hop', '250', '--out', model]);
    expect(t.code, t.err).toBe(0);
    const r = await runCli(['evaluate', '--model', model, TEST, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    // 200 samples, window 101 samples, hop 25: windows end at samples 101, 126, 151, 176 -> 4 each.
    j.recordings.forEach((rec: any) => {
      expect(rec.predictions).toBe(4);
      expect(rec.verdict.windows).toBe(4);
      expect(rec.verdict.votes).toBeGreaterThanOrEqual(2); // a majority (or a tie broken by score) of 4
      expect(rec.verdict.correct).toBe(rec.verdict.label === rec.verdict.truth);
    });
    expect(j.verdicts.correct).toBe(j.recordings.filter((x: any) => x.verdict.correct).length);
    expect(j.verdicts.rule).toMatch(/majority vote/);
    const report = path.join(tmp, 'verdicts.html');
    const text = await runCli(['evaluate', '--model', model, TEST, '--report', report]);
    expect(text.out).toMatch(new RegExp('Per recording \\(majority vote over its windows\\): ' + j.verdicts.correct + ' of 8 correct'));
    expect(text.out).toMatch(/\| 192759a_1\.csv \| 1 \| \d \| \d of 4 \| (yes|no) \|/);
    // The report carries the same table.
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('Per recording (majority vote over its windows): ' + j.verdicts.correct + ' of 8 correct');
    expect(html).toMatch(/<td>192759a_1\.csv<\/td><td>1<\/td><td>\d<\/td><td>\d of 4<\/td><td>(yes|no)<\/td>/);
  });
});
