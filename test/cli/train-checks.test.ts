// Training choices that used to give silently wrong models: the --table class names, an
// unlimited depth, a class with no windows, and a hop the recordings' rate cannot take.
import { describe, it, expect, beforeAll } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { runCli } from './run-cli';

// Each train writes its model into the temp folder, never the working directory.
const run = (...argv: string[]) => runCli(argv.concat(argv[0] === 'train' ? ['--out', path.join(tmp, 'model-' + (n++) + '.egm')] : []));

let tmp: string;
let n = 0;
beforeAll(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'eg-train-checks-')); });

/** A 5-class window table: class c has acc_x near c at both points, 12 rows each. */
function fiveClassTable(file: string) {
  var lines = ['acc_x_0,acc_x_50,shift,label'];
  for (var c = 0; c < 5; c++) for (var i = 0; i < 12; i++) lines.push((c + i / 100) + ',' + (c - i / 100) + ',0,' + c);
  writeFileSync(file, lines.join('\n') + '\n');
}

/** A recording of `seconds` at `rateHz` in the seed's CSV layout, acc_x ramping with `level`. */
function recording(file: string, rateHz: number, seconds: number, level: number) {
  var lines = ['acc_x,acc_y,acc_z,ms'];
  for (var i = 0; i < rateHz * seconds; i++) lines.push((level + Math.sin(i / 3)).toFixed(3) + ',0,9.8,' + Math.round(i * 1000 / rateHz));
  writeFileSync(file, lines.join('\n') + '\n');
}

describe('train --table', () => {
  it('keeps all 5 classes of a 5-class table with their own names, and --labels names them', async () => {
    const file = path.join(tmp, 'five.csv');
    fiveClassTable(file);
    const plain = await run('train', '--table', file, '--rate', '20', '--model-rate', '20', '--hop', '50', '--json');
    expect(plain.code, plain.err).toBe(0);
    const j = JSON.parse(plain.out);
    expect(j.spec.labels).toEqual(['0', '1', '2', '3', '4']);
    expect(j.spec.idleLabel).toBe(-1);
    expect(plain.err).toMatch(/numeric labels 0-4 kept as class names .* name them with --labels/);
    const named = await run('train', '--table', file, '--rate', '20', '--model-rate', '20', '--hop', '50', '--labels', 'idle,a,b,c,d', '--json');
    expect(named.code, named.err).toBe(0);
    expect(JSON.parse(named.out).spec.labels).toEqual(['idle', 'a', 'b', 'c', 'd']);
    expect(JSON.parse(named.out).spec.idleLabel).toBe(0);
    // centered-aug keeps classes 1 and 2 only at shifts -20..-15 ms, which this table lacks.
    const empty = await run('train', '--table', file, '--rate', '20', '--model-rate', '20', '--hop', '50', '--labels', 'idle,a,b,c,d', '--seed-variant', 'centered-aug');
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/classes "a", "b" ended up with no training windows: seed variant "centered-aug" of .*five\.csv keeps no rows of it/);
  });
});

describe('train on recordings', () => {
  it('--depth 0 trains unlimited trees, not single leaves', async () => {
    const dir = path.join(tmp, 'depth');
    mkdirSync(dir);
    for (var k = 0; k < 2; k++) { recording(path.join(dir, 'r' + k + '_low.csv'), 100, 3, 0); recording(path.join(dir, 'r' + k + '_high.csv'), 100, 3, 5); }
    const r = await run('train', dir, '--channels', 'acc_x', '--features', 'stats', '--stats', 'mean', '--depth', '0', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.score.accuracy).toBeGreaterThan(0.9);
  });

  it('says which class got no training windows instead of training a label it can never predict', async () => {
    const dir = path.join(tmp, 'short');
    mkdirSync(dir);
    recording(path.join(dir, 'a_low.csv'), 100, 3, 0);
    recording(path.join(dir, 'b_high.csv'), 100, 3, 5);
    recording(path.join(dir, 'c_blip.csv'), 100, 0.5, 9);
    const r = await run('train', dir, '--channels', 'acc_x', '--features', 'stats', '--stats', 'mean');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/class "blip" ended up with no training windows: its recordings or labelled spans are shorter than one window \(1000 ms; --window whole sizes the window from the shortest recording\)/);
  });

  it('names --hop when the default hop is not a whole number of samples at 10 Hz', async () => {
    const dir = path.join(tmp, 'ten');
    mkdirSync(dir);
    recording(path.join(dir, 'a_low.csv'), 10, 4, 0);
    recording(path.join(dir, 'b_high.csv'), 10, 4, 5);
    const r = await run('train', dir, '--channels', 'acc_x', '--features', 'stats', '--stats', 'mean');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the default hop \(50 ms\) is not a whole number of samples at 10 Hz \(one sample every 100 ms\): pass --hop 100/);
    const ok = await run('train', dir, '--channels', 'acc_x', '--features', 'stats', '--stats', 'mean', '--hop', '100', '--json');
    expect(ok.code, ok.err).toBe(0);
  });
});
