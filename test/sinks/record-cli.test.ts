// `espruino-gestures record` as a user runs it: lines on standard input, files out.
import { describe, it, expect, afterEach } from 'vitest';
import { PassThrough } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/index';

var dirs: string[] = [];
afterEach(() => { dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })); });

function run(args: string[], stdinText: string) {
  var stdin = new PassThrough();
  var out: string[] = [];
  var err: string[] = [];
  var p = main(['record', ...args], { stdin, out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false });
  stdin.end(stdinText);
  return p.then((code) => ({ code, out, err }));
}

describe('record command', () => {
  it('writes the samples from standard input, stopping after --seconds, without a keyboard', async () => {
    var dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-rec-cli-'));
    dirs.push(dir);
    var lines = ['>acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms', '# recorder: starting'];
    for (var t = 0; t <= 3000; t += 10) lines.push(['0.1000', '-0.2000', '9.8000', '1.0000', '2.0000', '3.0000', 40000 + t].join(','));
    var out = path.join(dir, 'a.csv');
    var r = await run(['--out', out, '--no-keys', '--seconds', '2'], lines.join('\n') + '\n');
    expect(r.code).toBe(0);
    var text = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(text[0]).toBe('acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms');
    expect(text[1]).toBe('0.1000,-0.2000,9.8000,1.0000,2.0000,3.0000,0');
    expect(text[text.length - 1].endsWith(',2000')).toBe(true);
    expect(r.err.join('\n')).toMatch(/board: # recorder: starting/);
    expect(fs.existsSync(path.join(dir, 'labels.csv'))).toBe(false); // nothing marked
    // A second run must not overwrite the first recording.
    var again = await run(['--out', out, '--no-keys'], lines.join('\n'));
    expect(again.code).toBe(2);
    expect(again.err.join('\n')).toMatch(/exists: choose another --out or add --force/);
  });

  it('fails clearly when nothing usable arrived, and on bad options', async () => {
    var dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-rec-cli-'));
    dirs.push(dir);
    var r = await run(['--out', path.join(dir, 'b.csv'), '--no-keys'], 'hello\n');
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/is the recorder running on the board/);
    expect((await run(['--no-keys'], '')).err.join('\n')).toMatch(/needs --out/);
    expect((await run(['--out', 'x.csv', '--keys', '1x'], '')).err.join('\n')).toMatch(/KEY=LABEL/);
    expect((await run(['--out', 'x.csv', '--input', '/nonexistent/tty'], '')).err.join('\n')).toMatch(/no such serial port or file/);
  });
});
