// `train --features` with the spectral and cross blocks, --bands and --motion-gate: what
// goes into the model file, and the messages for choices that cannot work.
import { describe, it, expect, beforeAll } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { runCli } from './run-cli';
import { loadModel } from '../../src/classifiers/load-model';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'eg-train-features-'));
  // Two classes that differ only in frequency (same amplitude on acc_x): 1 Hz and 6 Hz; and rest.
  for (var k = 0; k < 2; k++) {
    recording(path.join(tmp, 'r' + k + '_slow.csv'), 1 + k * 0.1);
    recording(path.join(tmp, 'r' + k + '_fast.csv'), 6 + k * 0.2);
    recording(path.join(tmp, 'r' + k + '_idle.csv'), 0);
  }
});

function recording(file: string, hz: number) {
  var lines = ['acc_x,acc_y,acc_z,ms'];
  for (var i = 0; i < 400; i++) {
    var t = i / 100;
    lines.push((2 * Math.sin(2 * Math.PI * hz * t)).toFixed(4) + ',' + (0.3 * Math.cos(2 * Math.PI * hz * t)).toFixed(4) + ',9.8,' + i * 10);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

const train = (out: string, ...argv: string[]) => runCli(['train', tmp, '--model-rate', '25', '--downsample', 'mean', '--trees', '5', '--out', path.join(tmp, out)].concat(argv));

describe('train --features', () => {
  it('stats+spectral+cross --bands 3 --motion-gate 0.2: the model file carries all of it and tells the classes apart', async () => {
    const r = await train('sc.egm', '--features', 'stats+spectral+cross', '--stats', 'std', '--bands', '3', '--motion-gate', '0.2', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const bytes = new Uint8Array(readFileSync(path.join(tmp, 'sc.egm')));
    expect(bytes[4]).toBe(3);
    const spec = loadModel(bytes).spec;
    expect(spec.features).toBe('stats+spectral+cross');
    expect(spec.spectralBands).toBe(3);
    expect(spec.motionGate).toBe(0.2);
    expect(loadModel(bytes).classifier.labels).toEqual(['idle', 'fast', 'slow']);
    expect(JSON.parse(r.out).score.accuracy).toBeGreaterThan(0.9);
  });

  it('spectral alone defaults to 4 bands', async () => {
    const r = await train('s.egm', '--features', 'spectral');
    expect(r.code).toBe(0);
    expect(loadModel(new Uint8Array(readFileSync(path.join(tmp, 's.egm')))).spec.spectralBands).toBe(4);
  });

  it.each([
    [['--features', 'spectral+stats'], /--features must be one of raw, stats, spectral, cross or several joined by '\+' in that order \(e\.g\. stats\+spectral, stats\+cross, stats\+spectral\+cross\), got "spectral\+stats"/],
    [['--features', 'spectral', '--bands', '0'], /--bands must be a whole number >= 1, got "0"/],
    [['--features', 'spectral', '--bands', '40'], /features 'spectral' needs spectralBands, a whole number 1\.\.16 for 25 points, got 40/],
    [['--features', 'stats', '--motion-gate=-1'], /motionGate must be a number >= 0 \(m\/s2; 0: off\), got -1/],
  ])('%j: exit 2 with the rule', async (argv, message) => {
    const r = await train('bad.egm', ...(argv as string[]));
    expect(r.err).toMatch(message as RegExp);
    expect(r.code).toBe(2);
  });
});
