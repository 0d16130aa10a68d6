// `inspect` (and every command reading --model) on a model file the decoder refuses: the
// SDK message and code, exit 2, never a raw RangeError.
import { describe, it, expect, beforeAll } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { runCli } from './run-cli';
import { readModelFile } from '../../src/cli/common-options';
import { smallModelFiles, fixCrc, arrayLayout } from '../fuzz/small-models';

const run = (...argv: string[]) => runCli(argv);

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'eg-inspect-')); });

describe('inspect on a bad model file', () => {
  it('the 24-byte file of issue 10: exit 2 with the SDK message', async () => {
    const file = path.join(tmp, 'short.egm');
    writeFileSync(file, Buffer.from('45474d4601010000180000000000000000000000eb3042b8', 'hex'));
    const r = await run('inspect', file);
    expect(r.code).toBe(2);
    expect(r.err).toBe('espruino-gestures inspect: ' + file + ': model inconsistent: feature spec too short');
    expect(() => readModelFile(file)).toThrow(expect.objectContaining({ code: 'MODEL_INCONSISTENT' }));
  });

  it('a forest with a NaN leaf (checksum valid): exit 2 naming the leaf row', async () => {
    const bytes = smallModelFiles().forest.slice(), leaves = arrayLayout(bytes)[5];
    new DataView(bytes.buffer).setFloat32(leaves.dataAt + 4, NaN, true);
    fixCrc(bytes);
    const file = path.join(tmp, 'nan-leaf.egm');
    writeFileSync(file, bytes);
    const r = await run('inspect', file, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nan-leaf\.egm: model inconsistent: leaf row 0 is not a distribution/);
  });

  it('a truncated file: exit 2, MODEL_TRUNCATED', async () => {
    const file = path.join(tmp, 'cut.egm');
    writeFileSync(file, smallModelFiles().softmax.slice(0, 40));
    const r = await run('inspect', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cut\.egm: model truncated: header says \d+ bytes, got 40/);
    expect(() => readModelFile(file)).toThrow(expect.objectContaining({ code: 'MODEL_TRUNCATED' }));
  });
});
