import { describe, it, expect, beforeAll } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { mkdtempSync, existsSync, readFileSync, writeFileSync, copyFileSync, readdirSync, mkdirSync } from 'node:fs';
import { runCli } from './run-cli';

const ROOT = path.resolve(__dirname, '../..');
const HAR = path.join(ROOT, 'data/emlearn-har/cgestures');
const SEED = path.resolve(ROOT, '../shared/data/seed/data');
const LABELS = path.join(ROOT, 'test/fixtures/seed-validation-labels.csv');

const run = (...argv: string[]) => runCli(argv);

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'eg-cli-')); });

describe('toolkit CLI', () => {
  it('every toolkit command answers --help with exit 0', async () => {
    for (const c of ['train', 'evaluate', 'replay', 'export', 'inspect', 'demo']) {
      const r = await run(c, '--help');
      expect(r.code, c).toBe(0);
      expect(r.out).toMatch(new RegExp('Usage: espruino-gestures ' + c));
    }
  });

  it('demo trains on the shipped data, beats the 1-NN baseline and writes model and report', async () => {
    const out = path.join(tmp, 'demo');
    const r = await run('demo', '--out', out, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.recordings).toBe(24);
    expect(j.leaveOneRecordingOut.accuracy).toBeGreaterThan(0.89);
    expect(j.heldOut.length).toBe(4);
    expect(j.events.recall).toBe(1);
    const html = readFileSync(j.reportFile, 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).toMatch(/Confusion matrix/);
    expect(existsSync(j.modelFile)).toBe(true);
    const inspect = await run('inspect', j.modelFile, '--json');
    expect(inspect.code).toBe(0);
    expect(JSON.parse(inspect.out)).toMatchObject({ type: 'model', kind: 'forest', bytes: j.model.bytes, labels: ['idle', 'snake', 'updown', 'wave'] });
  });

  it('train -> export -> replay -> evaluate on the seed data, through the device pipeline', async () => {
    const model = path.join(tmp, 'seed.egm');
    const t = await run('train', '--table', path.join(SEED, 'transformed/20210529_v2_data_all_20hz.csv'), '--labels', 'idle,x,y,circle', '--seed-variant', 'centered-aug',
      '--hop', '20', '--out', model, '--json');
    expect(t.code, t.err).toBe(0);
    const tj = JSON.parse(t.out);
    expect(tj.score.accuracy).toBeGreaterThan(0.95);
    expect(tj.spec).toMatchObject({ rateHz: 20, sourceRateHz: 100, points: 21, hopMs: 20 });

    const e = await run('export', '--model', model, '--format', 'js', '--name', 'seed.egm');
    expect(e.code).toBe(0);
    expect(e.out).toMatch(/^\/\/ .*\nrequire\("Storage"\)\.write\("seed\.egm", atob\("[A-Za-z0-9+/=]+"\)\);$/);
    expect(e.err).toMatch(new RegExp('forest model: ' + tj.bytes + ' bytes; 10 trees'));

    const rp = await run('replay', '--model', model, path.join(SEED, 'validation/move_x_20210522_1.csv'), '--debouncer', 'consecutive', '--count', '4', '--json');
    expect(rp.code).toBe(0);
    const events = JSON.parse(rp.out).events;
    expect(events.length).toBe(5);
    expect(events.every((ev: any) => ev.gesture === 'x')).toBe(true);

    const report = path.join(tmp, 'seed-report.html');
    const ev = await run('evaluate', '--model', model, '--labels', LABELS, '--debouncer', 'consecutive', '--count', '4', '--report', report, '--json',
      path.join(SEED, 'validation'));
    expect(ev.code, ev.err).toBe(0);
    const ej = JSON.parse(ev.out);
    expect(ej.events).toMatchObject({ truths: 16, truePositives: 16, wrongGestureEvents: 0, falseEvents: 0 });
    expect(ej.recordings.map((r: any) => r.streamError.gesture).sort()).toEqual(['circle', 'x', 'y']);
    expect(readFileSync(report, 'utf8')).toMatch(/move_circle_20210522_1\.csv/);
  });

  it('trains on recordings with labels in file names and a grid search under a byte budget', async () => {
    const dir = path.join(tmp, 'few');
    mkdirSync(dir);
    readdirSync(HAR).filter((f) => /T1927(44|48|59)_snake|T1928(23|27|31)_updown|T1937(04|08|12)_idle/.test(f)).forEach((f) => copyFileSync(path.join(HAR, f), path.join(dir, f)));
    const model = path.join(tmp, 'few.egm');
    const r = await run('train', dir, '--rate', '100', '--counts-per-g', '16384', '--features', 'stats', '--model-rate', '25', '--downsample', 'mean', '--hop', '250',
      '--grid', '--grid-models', 'rf,dt', '--grid-trees', '3,20', '--grid-depth', '3,8', '--max-bytes', '1300', '--out', model, '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.score.method).toBe('leave-one-recording-out');
    expect(j.bytes).toBeLessThanOrEqual(1300);
    // Labelled recordings: candidates are scored by event F1, leave-one-recording-out.
    expect(j.eventGrid.method).toBe('leave-one-recording-out over 9 recordings');
    expect(j.eventGrid.candidates).toBe(2 * 2 + 2); // rf: 2 trees x 2 depths; dt: 2 depths
    expect(j.eventGrid.rejected.length).toBeGreaterThan(0);
    const none = await run('train', dir, '--rate', '100', '--features', 'stats', '--grid', '--max-bytes', '10', '--out', model);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/No candidate met the constraints/);
  });

  it('fails with exit 2 and the file and line on malformed input', async () => {
    const bad = path.join(tmp, 'bad_wave.csv');
    writeFileSync(bad, 'acc_x,acc_y,acc_z,ms\n1,2,3,0\n1,2,3,10\n1,2,3,5\n');
    const r = await run('inspect', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad_wave\.csv:4: time goes backwards \(5 after 10\)/);
    const repaired = await run('inspect', bad, '--repair', '--json');
    expect(repaired.code).toBe(0);
    expect(JSON.parse(repaired.out).warnings[0]).toMatch(/bad_wave\.csv:4: dropped/);
    const corrupt = path.join(tmp, 'corrupt.egm');
    writeFileSync(corrupt, 'EGMF not really a model');
    const m = await run('export', '--model', corrupt, '--format', 'base64');
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/corrupt\.egm: /);
    expect((await run('train', '--bogus')).code).toBe(2);
    expect((await run('train', HAR, '--rate', '100', '--model', 'svm')).err).toMatch(/unknown model "svm"/);
    expect((await run('evaluate', '--model', corrupt)).code).toBe(2);
    const npy = await run('inspect', path.join(HAR, '2025-06-15T192744_snake.npy'));
    expect(npy.code).toBe(2);
    expect(npy.err).toMatch(/\.npy files carry no time: give the sample rate \(--rate\)/);
    expect((await run('train', '--table', path.join(tmp, 'missing.csv'))).err).toMatch(/missing\.csv: cannot read/);
  });

  it('trains from labelled spans in continuous recordings (idle windows from the rest)', async () => {
    const model = path.join(tmp, 'spans.egm');
    const r = await run('train', path.join(SEED, 'validation'), '--labels', LABELS, '--model-rate', '20', '--variant', 'centered-aug',
      '--shift=-100:100:50', '--idle-hop', '500', '--out', model, '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.spec.labels).toEqual(['idle', 'circle', 'x', 'y']);
    expect(j.spec.idleLabel).toBe(0);
    expect(j.score.method).toBe('leave-one-recording-out');
    // every labelled gesture x shifts -100, -50, 0, 50, 100; idle from the stretches between
    expect(j.classCounts).toMatchObject({ circle: 6 * 5, x: 5 * 5, y: 5 * 5 });
    expect(j.classCounts.idle).toBeGreaterThan(20);
  });

  it('inspects recordings and labels files', async () => {
    const rec = await run('inspect', path.join(HAR, '2025-06-15T192752_snake.npy'), '--rate', '100', '--counts-per-g', '16384', '--json');
    expect(rec.code).toBe(0);
    const j = JSON.parse(rec.out);
    expect(j).toMatchObject({ type: 'recording', channels: ['acc_x', 'acc_y', 'acc_z'], rateHz: 100, samples: 250 });
    expect(j.warnings[0]).toMatch(/truncated: header declares 400 rows, file holds 250/);
    const labels = await run('inspect', LABELS, '--labels-file', '--json');
    expect(JSON.parse(labels.out)).toMatchObject({ type: 'labels', events: 16, recordings: 3, byLabel: { circle: 6, x: 5, y: 5 } });
  });
});
