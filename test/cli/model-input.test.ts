// Issue 12, items 2 and 4: the model file carries the input's units and scale and a
// fingerprint of its training recordings (model file v2), v1 files still load, and
// evaluate/replay use them: counts converted or a wrong unit refused, .npy rate from the
// spec, a warning when the scored recordings were training data.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, copyFileSync, rmSync, readdirSync } from 'node:fs';
import { runCli } from './run-cli';
import { loadModel } from '../../src/classifiers/load-model';
import { encodeModel } from '../../src/classifiers/model-encode';
import { readModelExtensions } from '../../src/classifiers/model-extensions';
import { readModelFile } from '../../src/cli/common-options';
import { createEspruinoSandbox } from '../../src/testing/sandbox';

const ROOT = path.resolve(__dirname, '../..');
const HAR = path.join(ROOT, 'data/emlearn-har/cgestures');

const run = (...argv: string[]) => runCli(argv);

function writeRecording(file: string, seconds: number, moving: boolean, scale: number) {
  const rows = ['acc_x,acc_y,acc_z,ms'];
  for (let i = 0; i < seconds * 100; i++) {
    const w = moving ? 4 * Math.sin(i / 5) : 0.05 * Math.sin(i * 1.7);
    rows.push([w / 2, w / 3, 9.80665 + w].map((x) => (x * scale).toFixed(5)).concat(String(i * 10)).join(','));
  }
  writeFileSync(file, rows.join('\n') + '\n');
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'eg-model-input-'));
  mkdirSync(path.join(tmp, 'har'));
  mkdirSync(path.join(tmp, 'test'));
  // Two recordings per label to train on, one per label held out.
  const files = readdirSync(HAR).filter((f) => f.endsWith('.npy'));
  ['snake', 'updown', 'wave', 'idle'].forEach((label) => {
    const mine = files.filter((f) => f.endsWith('_' + label + '.npy'));
    mine.slice(1, 3).forEach((f) => copyFileSync(path.join(HAR, f), path.join(tmp, 'har', f)));
    copyFileSync(path.join(HAR, mine[0]), path.join(tmp, 'test', mine[0]));
  });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('model file v2: input units and training fingerprint', () => {
  // The default models as shipped before the motion gate (version 1; the shipped ones are now version 3).
  const V1 = path.join(ROOT, 'test/fixtures/v1-models');
  it('v1 models (the earlier shipped defaults) still load, without units', () => {
    for (const f of ['puckjs-cgestures.egm', 'banglejs2-cgestures.egm']) {
      const file = path.join(V1, f);
      const bytes = new Uint8Array(readFileSync(file));
      expect(bytes[4]).toBe(1);
      const m = readModelFile(file);
      expect(m.spec.units).toBeUndefined();
      expect(m.training).toBeNull();
    }
  });

  it('encodes units and fingerprints after the spec; the device decoder reads the units, the host all of it', () => {
    const v1 = new Uint8Array(readFileSync(path.join(V1, 'puckjs-cgestures.egm')));
    const m = loadModel(v1);
    expect(encodeModel(m.spec, m.classifier).bytes).toEqual(v1); // no extension: still byte-identical v1
    const spec = Object.assign({}, m.spec, { units: { accel: 'm/s2' as const, gyro: 'unknown' as const, countsPerG: 16384 } });
    const v2 = encodeModel(spec, m.classifier, { training: ['0123456789abcdef', 'fedcba9876543210'] }).bytes;
    expect(v2[4]).toBe(2);
    expect(readModelExtensions(v2)).toEqual({ units: spec.units, training: ['0123456789abcdef', 'fedcba9876543210'] });
    const back = loadModel(v2);
    expect(back.spec.units).toEqual({ accel: 'm/s2', gyro: 'unknown' }); // what a pipeline checks its source against; counts per g is host metadata
    expect(back.spec.labels).toEqual(m.spec.labels);
    // The puckjs board bundle loads the v2 file (the pixljs one too: same decoder).
    const sb = createEspruinoSandbox({ board: 'PUCKJS' });
    const lib = sb.loadBundle('puckjs');
    const U8 = sb.run('Uint8Array');
    const copy = new U8(v2.length);
    copy.set(v2);
    var onDevice = lib.loadModel(copy.buffer).spec;
    expect(onDevice.labels).toEqual(m.spec.labels);
    expect(JSON.parse(JSON.stringify(onDevice.units))).toEqual({ accel: 'm/s2', gyro: 'unknown' });
  });

  it('raw counts: stored at training; evaluate converts them the same way and takes the .npy rate from the spec', async () => {
    const model = path.join(tmp, 'har.egm');
    const t = await run('train', path.join(tmp, 'har'), '--rate', '100', '--counts-per-g', '16384', '--model-rate', '25', '--features', 'stats', '--trees', '10', '--out', model, '--json');
    expect(t.code, t.err).toBe(0);
    expect(JSON.parse(t.out).spec.units).toEqual({ accel: 'm/s2', gyro: 'unknown', countsPerG: 16384 });
    expect((await run('inspect', model)).out).toContain('  input: acceleration in m/s2 (raw counts at 16384 per g, converted), rotation unit unknown; trained on 8 recordings (fingerprinted)');
    const given = await run('evaluate', '--model', model, '--rate', '100', '--counts-per-g', '16384', path.join(tmp, 'test'), '--json');
    expect(given.code, given.err).toBe(0);
    const forgot = await run('evaluate', '--model', model, path.join(tmp, 'test'), '--json');
    expect(forgot.code, forgot.err).toBe(0);
    const f = JSON.parse(forgot.out), g = JSON.parse(given.out);
    expect(f.window.accuracy).toBeCloseTo(g.window.accuracy, 6); // not 0.5 in silence
    expect(f.warnings.join('\n')).toMatch(/^4 recordings \(.*_snake\.npy, .*, \.\.\.\): raw counts converted to m\/s\^2 at 16384 counts per g, as the model's training recordings were$/m);
    const replay = await run('replay', '--model', model, path.join(tmp, 'test', readdirSync(path.join(tmp, 'test'))[0]));
    expect(replay.code, replay.err).toBe(0); // no --rate needed
  });

  it('a recording in another unit than the model is refused with what to do', async () => {
    mkdirSync(path.join(tmp, 'ms2'));
    writeRecording(path.join(tmp, 'ms2', 'a_wave.csv'), 4, true, 1);
    writeRecording(path.join(tmp, 'ms2', 'b_idle.csv'), 4, false, 1);
    const model = path.join(tmp, 'ms2.egm');
    expect((await run('train', path.join(tmp, 'ms2'), '--trees', '3', '--out', model)).code).toBe(0);
    const g = path.join(tmp, 'in-g_wave.csv');
    writeRecording(g, 3, true, 1 / 9.80665);
    const r = await run('replay', '--model', model, g);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/in-g_wave\.csv: acceleration looks like g \(median \|a\| 1\.\d+\) but the model was trained on m\/s2: convert it to m\/s\^2 \(x 9\.80665\)/);
    const counts = path.join(tmp, 'counts_wave.csv');
    writeRecording(counts, 3, true, 16384 / 9.80665);
    const c = await run('evaluate', '--model', model, counts);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/acceleration looks like counts .* give --counts-per-g N/);
  });

  it('evaluate says when it scores the training recordings, and the report shows it', async () => {
    const model = path.join(tmp, 'ms2.egm');
    const report = path.join(tmp, 'r.html');
    const r = await run('evaluate', '--model', model, '--report', report, path.join(tmp, 'ms2'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/warning: all 2 recordings scored here were in the model's training set .*a_wave\.csv.*: these scores are not held-out/);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/<p class="training-data"[^>]*>Evaluated on training data: all 2 evaluated recordings were in the model's training set \(a_wave\.csv, [^)]*\)\. These scores are not held-out/);
    const held = await run('evaluate', '--model', model, path.join(tmp, 'in-g_wave.csv').replace('in-g', 'counts'), '--counts-per-g', String(16384 / 9.80665), '--json');
    expect(held.code, held.err).toBe(0);
    expect(JSON.parse(held.out).trainingData).toEqual({ recordings: [], known: true });
  });
});
