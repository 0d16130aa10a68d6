// Issue 12, item 5: each CLI rough edge, with the message a user now gets.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { main } from '../../src/cli/index';
import { runCli } from './run-cli';
import { etaText, createProgress } from '../../src/host/progress';
import { evaluationTables } from '../../src/host/report/tables';
import { displayPath } from '../../src/host/report/html-report';

const run = runCli;

/** A 100 Hz CSV recording: a still board (1 g on z, in m/s^2 unless `scale`), plus a wiggle when `moving`. */
function writeRecording(file: string, channels: string[], seconds: number, moving: boolean, scale = 1) {
  const rows = [channels.concat('ms').join(',')];
  for (let i = 0; i < seconds * 100; i++) {
    const w = moving ? 4 * Math.sin(i / 5) : 0.05 * Math.sin(i * 1.7);
    const v = channels.map((c) => (c === 'acc_z' ? 9.80665 + w : c.startsWith('acc') ? w / 2 : w * 10) * scale);
    rows.push(v.map((x) => x.toFixed(4)).concat(String(i * 10)).join(','));
  }
  writeFileSync(file, rows.join('\n') + '\n');
}

let tmp: string, model: string;
const SIX = ['acc_x', 'acc_y', 'acc_z', 'gyro_x'];
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'eg-cli-msg-'));
  mkdirSync(path.join(tmp, 'rec'));
  writeRecording(path.join(tmp, 'rec', 'a_wave.csv'), SIX, 4, true);
  writeRecording(path.join(tmp, 'rec', 'b_idle.csv'), SIX, 4, false);
  model = path.join(tmp, 'm.egm');
  const t = await run(['train', path.join(tmp, 'rec'), '--trees', '3', '--depth', '3', '--out', model]);
  expect(t.code, t.err).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a labels file among the recordings (issue 12 item 1)', () => {
  it('train data/*.csv --labels data/labels.csv and train data/ skip it with a note', async () => {
    const data = path.join(tmp, 'data');
    mkdirSync(data);
    writeRecording(path.join(data, 'session-1.csv'), SIX, 4, true);
    writeRecording(path.join(data, 'session-2.csv'), SIX, 4, true);
    writeFileSync(path.join(data, 'labels.csv'), 'file,start_ms,end_ms,label\nsession-1.csv,1000,2000,wave\nsession-2.csv,1500,2500,wave\n');
    const labels = path.join(data, 'labels.csv');
    const globbed = ['session-1.csv', 'labels.csv', 'session-2.csv'].map((f) => path.join(data, f)); // what the shell makes of data/*.csv
    const a = await run(['train', ...globbed, '--labels', labels, '--trees', '2', '--out', path.join(tmp, 'g.egm')]);
    expect(a.code, a.err).toBe(0);
    expect(a.err).toContain('warning: ' + labels + ': skipped as a recording (it is the --labels file)');
    const b = await run(['train', data, '--labels', labels, '--trees', '2', '--out', path.join(tmp, 'g.egm'), '--json']);
    expect(b.code, b.err).toBe(0);
    expect(JSON.parse(b.out).warnings).toContain(labels + ': skipped as a recording (it is the --labels file)');
    // Without --labels the header gives it away, and the only labels file there is used.
    const c = await run(['train', data, '--trees', '2', '--out', path.join(tmp, 'g.egm')]);
    expect(c.code, c.err).toBe(0);
    expect(c.err).toContain('warning: ' + labels + ': used as the labels file (found among the recordings; --labels FILE to choose another)');
    writeFileSync(path.join(data, 'more-labels.csv'), 'file,start_ms,end_ms,label\nsession-1.csv,1000,2000,wave\n');
    const d = await run(['train', data, '--trees', '2', '--out', path.join(tmp, 'g.egm')]);
    expect(d.code).toBe(2);
    expect(d.err).toMatch(/session-1\.csv: no label in the file name .*give a labels file \(--labels\): .*labels\.csv and .*more-labels\.csv look like labels files$/);
  });
});

describe('CLI messages (issue 12 item 5)', () => {
  it('a misspelt flag gets "did you mean", exit 2', async () => {
    const r = await run(['train', 'x.csv', '--tress', '5']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('espruino-gestures train: unknown option --tress (did you mean --trees?); see --help');
    const s = await run(['serve', '--prot', '1']);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/unknown option --prot \(did you mean --port\?\)/);
  });

  it('a folder where a file is expected says so, not EISDIR', async () => {
    const r = await run(['replay', '--model', model, path.join(tmp, 'rec')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/rec: is a folder; give one recording file \(\.csv or \.npy\)$/);
    const m = await run(['evaluate', '--model', tmp, path.join(tmp, 'rec')]);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/is a folder; --model needs the model file/);
    const l = await run(['evaluate', '--model', model, '--labels', path.join(tmp, 'rec'), path.join(tmp, 'rec')]);
    expect(l.code).toBe(2);
    expect(l.err).toMatch(/is a folder; --labels needs the labels file/);
    expect(r.err + m.err + l.err).not.toMatch(/EISDIR/);
  });

  it('a labels CSV with start,end columns names the header it needs; --file-key exists for Label Studio', async () => {
    const labels = path.join(tmp, 'spans.csv');
    writeFileSync(labels, 'file,start,end,label\na_wave.csv,100,900,wave\n');
    const r = await run(['evaluate', '--model', model, '--labels', labels, path.join(tmp, 'rec', 'a_wave.csv')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/spans\.csv:1: columns file,start,end,label: a labels CSV needs the header file,start_ms,end_ms,label/);
    expect(r.err).not.toMatch(/--file-key/);
    // A Label Studio CSV export whose file column is not path-like: --file-key picks it.
    const ls = path.join(tmp, 'ls.csv');
    writeFileSync(ls, 'recording,id,label\n' + path.join(tmp, 'rec', 'a_wave.csv').replace(/\\/g, '/').split('/').pop() + ',1,"[{""start"":0,""end"":3900,""timeserieslabels"":[""wave""]}]"\n');
    const bad = await run(['evaluate', '--model', model, '--labels', ls, path.join(tmp, 'rec', 'a_wave.csv')]);
    expect(bad.err).toMatch(/--file-key/);
    const good = await run(['evaluate', '--model', model, '--labels', ls, '--file-key', 'recording', path.join(tmp, 'rec', 'a_wave.csv'), '--json']);
    expect(good.code, good.err).toBe(0);
    expect(JSON.parse(good.out).events.truths).toBe(1);
  });

  it('a header-less CSV is refused even with --rate', async () => {
    const f = path.join(tmp, 'nohead_wave.csv');
    writeFileSync(f, '0.1,0.2,9.8,1\n0.1,0.2,9.8,1\n');
    const r = await run(['replay', '--model', model, '--rate', '100', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nohead_wave\.csv:1: no header: the first line is numbers; add a header naming the columns, e.g. acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z \(with --rate no time column is needed\)/);
  });

  it('a missing channel names the file and exits 2', async () => {
    const f = path.join(tmp, 'accel-only_wave.csv');
    writeRecording(f, ['acc_x', 'acc_y', 'acc_z'], 2, true);
    const r = await run(['replay', '--model', model, f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('accel-only_wave.csv: no channel gyro_x: the model reads acc_x, acc_y, acc_z, gyro_x, the recording has acc_x, acc_y, acc_z');
  });

  it('with --json an error is JSON on stdout (and text on stderr)', async () => {
    const r = await run(['replay', '--model', path.join(tmp, 'nope.egm'), 'x.csv', '--json']);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ exitCode: 2, code: 'BAD_INPUT' });
    expect(j.error).toMatch(/nope\.egm: no such model file/);
    expect(r.err).toMatch(/no such model file/);
    const u = await run(['trian', '--json']);
    expect(JSON.parse(u.out)).toMatchObject({ error: 'unknown command "trian" (did you mean train?)', exitCode: 2 });
  });

  it('serve --json prints its address as JSON', async () => {
    const stop = new AbortController();
    const out: string[] = [];
    const serving = main(['serve', '--port', '0', '--data-dir', path.join(tmp, 'rx'), '--json'], { out: (l) => out.push(l), err: () => {}, isTTY: false, signal: stop.signal });
    while (!out.length) await new Promise((r) => setTimeout(r, 50));
    const j = JSON.parse(out[0]);
    expect(j.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(j.store).toBe('sqlite');
    expect((await fetch(j.url + '/api/v1/events')).status).toBe(200);
    stop.abort();
    expect(await serving).toBe(0);
  });

  it('--version and help <command>', async () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    expect((await run(['--version'])).out).toBe('espruino-gestures ' + pkg.version);
    const h = await run(['help', 'train']);
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/^Usage: espruino-gestures train RECORDINGS/);
  });

  it('export --model X with the default format (bin) reports and writes nothing', async () => {
    const r = await run(['export', '--model', model]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^forest model: \d+ bytes; 3 trees/);
    expect(r.out).toMatch(/m\.egm is already the binary for Storage/);
    const js = await run(['export', '--model', model, '--format', 'js']);
    expect(js.out).toMatch(/require\("Storage"\)\.write\("gestures\.model", atob\(/);
  });

  it('replay --help has no line about the labels', async () => {
    const r = await run(['replay', '--help']);
    expect(r.out).not.toMatch(/label in each file name|--labels|--file-key/);
    expect(r.out).toMatch(/--rate HZ/);
  });

  it('the grid search progress bar shows an ETA', () => {
    expect(etaText(10_000, 2, 10)).toBe('ETA 40s');
    expect(etaText(65_000, 1, 2)).toBe('ETA 1m05s');
    expect(etaText(1000, 0, 10)).toBe('');
    let t = 0;
    const written: string[] = [];
    const bar = createProgress(4, 'grid search', { isTTY: true, write: (s) => written.push(s) }, () => t);
    t = 3000;
    bar.tick('rf');
    expect(written[0]).toMatch(/grid search \[######------------------\] 1\/4 ETA 9s rf/);
  });

  it('the demo tables: latency n/a says why, events emitted vs scored, no-prediction recordings n/a, short headings', () => {
    const rec = (source: string, events: number, predictions: number) => ({
      recording: { source }, replay: { predictions: new Array(predictions).fill(0), events: new Array(events).fill({}) },
      streamError: { errorRatio: 0, wrongEvents: 0, events }, events: { detections: 1, truePositives: 1, missed: [], falseEvents: 0 },
    });
    const ev: any = {
      window: { accuracy: 1, macroF1: 1, count: 10, perClass: [] },
      events: { precision: 1, recall: 1, f1: 1, truths: 2, detections: 2, truePositives: 2, wrongGestureEvents: 0, repeatEvents: 3, falseEventsPerMinute: 0, meanLatencyMs: NaN, medianLatencyMs: NaN },
      recordings: [rec('/abs/a_snake.npy', 4, 30), rec('/abs/b_wave.npy', 1, 0)],
    };
    const t = evaluationTables(ev, ['idle', 'snake', 'wave']);
    const summary = new Map(t[0].rows.map((r) => [String(r[0]), r[1]]));
    expect(summary.get('events emitted by the debouncer')).toBe(5);
    expect(summary.get('events scored (emitted less 3 repeats inside whole-recording labels)')).toBe(2);
    expect(summary.get('mean latency from gesture end (ms)')).toBe('n/a (only whole-recording labels: no gesture end to measure from)');
    expect(t[2].rows[1][2]).toBe('n/a'); // no predictions: no ratio, not 0.0%
    expect(t[2].rows[0][2]).toBe('0.0%');
    expect(displayPath(path.join(process.cwd(), 'data', 'x.npy'))).toBe('data/x.npy');
    expect(displayPath('/somewhere/else/cgestures/x.npy')).toBe('cgestures/x.npy');
  });
});
