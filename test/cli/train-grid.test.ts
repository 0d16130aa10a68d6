// `train --grid` with the pipeline and debouncer dimensions, scored by events over seeds on
// the shipped cgestures recordings (whole-recording labels from the file names).
import { describe, it, expect, beforeAll } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { mkdtempSync, mkdirSync, readdirSync, copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { runCli } from './run-cli';
import { parseSeeds, parseDebouncers } from '../../src/cli/grid-options';

const HAR = path.resolve(__dirname, '../../data/emlearn-har/cgestures');
let tmp: string, dir: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'eg-train-grid-'));
  dir = path.join(tmp, 'few');
  mkdirSync(dir);
  readdirSync(HAR).filter((f) => /T1927(44|48|52)_snake|T1928(23|27|31)_updown|T1937(04|08|12)_idle/.test(f)).forEach((f) => copyFileSync(path.join(HAR, f), path.join(dir, f)));
});
const COMMON = ['--rate', '100', '--counts-per-g', '16384', '--model-rate', '25', '--downsample', 'mean', '--train-hop', '100'];

describe('train --grid over pipelines, debouncers and seeds', () => {
  it('crosses features, stats lists, hops and debouncers, reports each candidate\'s spread and writes the winner', async () => {
    const out = path.join(tmp, 'grid.egm');
    const r = await runCli(['train', dir, ...COMMON, '--grid', '--grid-models', 'dt,rf', '--grid-trees', '5', '--grid-depth', '6',
      '--grid-features', 'raw,stats', '--grid-stats', 'mean+std,mean+std+min+max+mad', '--grid-hops', '100,200',
      '--grid-debouncers', 'original,consecutive:2:0.5,majority:5', '--seeds', '1-3', '--out', out, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    // raw x one stats list (raw ignores the lists: one candidate) + stats x 2 lists = 3 pipelines, x 2 hops x 2 models x 3 debouncers.
    expect(j.eventGrid.candidates).toBe(3 * 2 * 2 * 3);
    const best = j.eventGrid.ranked[0];
    expect(best.seeds).toBe(3);
    expect(best.perSeed.map((s: any) => s.seed)).toEqual([1, 2, 3]);
    expect(best.eventF1.min).toBeLessThanOrEqual(best.eventF1.mean);
    expect(best.perSeed[0].truths).toBe(6); // the 6 gesture recordings; idle ones have none
    expect(j.spec.features).toBe(best.features);
    expect(j.spec.hopMs).toBe(best.hopMs);
    expect(existsSync(out)).toBe(true);
    const text = await runCli(['train', dir, ...COMMON, '--features', 'stats', '--grid', '--grid-models', 'dt', '--grid-hops', '100,200',
      '--grid-debouncers', 'consecutive:2,consecutive:3', '--seeds', '1,2', '--out', path.join(tmp, 'g2.egm')]);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/Grid search: 4 candidates, 4 within the constraints; event F1 leave-one-recording-out over 9 recordings, over 2 seeds; ties: held-out Brier score, then size/);
    expect(text.out).toMatch(/Chosen: stats \(mean\+std\+min\+max\+mad\), window 1000, hop (100|200).*run it with --debouncer consecutive --count [23]/);
  });

  it('takes the spectral and cross feature blocks as --grid-features entries (with --bands)', async () => {
    const r = await runCli(['train', dir, ...COMMON, '--grid', '--grid-models', 'dt', '--grid-features', 'stats,stats+spectral,stats+spectral+cross',
      '--bands', '3', '--grid-hops', '200', '--grid-debouncers', 'consecutive:2', '--seeds', '1', '--out', path.join(tmp, 'blocks.egm'), '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.eventGrid.candidates).toBe(3);
    expect(j.eventGrid.ranked.map((c: any) => c.features).sort()).toEqual(['stats', 'stats+spectral', 'stats+spectral+cross']);
    expect(j.spec.features).toBe(j.eventGrid.ranked[0].features);
    if (j.spec.features !== 'stats') expect(j.spec.spectralBands).toBe(3);
  });

  it('takes motion gates as a dimension: the chosen gate goes into the model\'s spec', async () => {
    const r = await runCli(['train', dir, ...COMMON, '--features', 'stats', '--grid', '--grid-models', 'dt', '--grid-motion-gates', '0,0.3',
      '--grid-hops', '200', '--grid-debouncers', 'consecutive:2', '--seeds', '1', '--out', path.join(tmp, 'gates.egm'), '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.eventGrid.candidates).toBe(2);
    expect(j.eventGrid.ranked.map((c: any) => c.motionGate).sort()).toEqual([0, 0.3]);
    expect(j.eventGrid.ranked.find((c: any) => c.motionGate === 0.3).candidate).toMatch(/motion gate 0\.3/);
    expect(j.spec.motionGate || 0).toBe(j.eventGrid.ranked[0].motionGate);
  });

  it('refuses a feature kind the spec does not know, naming it (exit 2)', async () => {
    const r = await runCli(['train', dir, ...COMMON, '--grid', '--grid-features', 'raw,wavelet', '--out', path.join(tmp, 'bad.egm')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/wavelet/);
  });

  it('reads seed ranges and debouncer entries, refusing malformed ones', () => {
    expect(parseSeeds('1-5')).toEqual([1, 2, 3, 4, 5]);
    expect(parseSeeds('3,1-2,3')).toEqual([3, 1, 2]);
    expect(() => parseSeeds('5-1')).toThrow(/runs backwards/);
    expect(() => parseSeeds('a')).toThrow(/whole numbers and ranges/);
    expect(parseDebouncers('original,consecutive:3:0.6,majority:9,consecutive:4:0.5:800')).toEqual([
      { kind: 'original' }, { kind: 'consecutive', count: 3, minScore: 0.6 }, { kind: 'majority', count: 9 }, { kind: 'consecutive', count: 4, minScore: 0.5, refractoryMs: 800 },
    ]);
    expect(() => parseDebouncers('vote:3')).toThrow(/original, consecutive or majority/);
    expect(() => parseDebouncers('consecutive:0')).toThrow(/whole number >= 1/);
    expect(() => parseDebouncers('consecutive:3:1.5')).toThrow(/\[0, 1\)/);
    expect(() => parseDebouncers('majority:3:0.5')).toThrow(/too many fields/);
  });
});

describe('train --table --grid --validate', () => {
  const SEED = path.resolve(__dirname, '../../../shared/data/seed/data');
  const TABLE = path.join(SEED, 'transformed/20210529_v2_data_all_20hz.csv');
  const LABELS = path.resolve(__dirname, '../fixtures/seed-validation-labels.csv');

  it('trains every candidate on the table and scores it by events on the labelled validation recordings', async () => {
    const r = await runCli(['train', '--table', TABLE, '--labels', 'idle,x,y,circle', '--grid', '--grid-models', 'dt', '--grid-leaf', '1,3', '--grid-hops', '20,50',
      '--grid-debouncers', 'consecutive:2,consecutive:3', '--seeds', '1-2', '--validate', path.join(SEED, 'validation'), '--validate-labels', LABELS,
      '--out', path.join(tmp, 'seed.egm'), '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.eventGrid.method).toBe('trained on the table, scored on each of 3 validation recordings');
    expect(j.eventGrid.candidates).toBe(2 * 2 * 2);
    expect(j.eventGrid.ranked[0].perSeed.map((s: any) => s.truths)).toEqual([16, 16]);
    expect(j.spec.hopMs).toBe(j.eventGrid.ranked[0].hopMs);
    expect(j.eventGrid.tieBreak).toBe('brier');
    expect(j.eventGrid.ranked[0].brier.mean).toBeGreaterThan(0);
    const bad = await runCli(['train', '--table', TABLE, '--labels', 'idle,x,y,circle', '--grid', '--grid-tie', 'coin', '--validate', path.join(SEED, 'validation'), '--validate-labels', LABELS, '--out', path.join(tmp, 'y.egm')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--grid-tie must be one of brier, size, accuracy/);
  });

  it('needs labels for every validation recording', async () => {
    const none = await runCli(['train', '--table', TABLE, '--labels', 'idle,x,y,circle', '--grid', '--validate', path.join(SEED, 'validation'), '--out', path.join(tmp, 'x.egm')]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--validate needs --validate-labels/);
    const other = path.join(tmp, 'other-labels.csv');
    writeFileSync(other, 'file,start_ms,end_ms,label\nsomething_else.csv,0,100,x\n');
    const wrong = await runCli(['train', '--table', TABLE, '--labels', 'idle,x,y,circle', '--grid', '--validate', path.join(SEED, 'validation'), '--validate-labels', other, '--out', path.join(tmp, 'x.egm')]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/has no labels for .*move_circle_20210522_1\.csv/);
  });
});
