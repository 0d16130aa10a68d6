// `espruino-gestures bridge`: what it says before it touches Bluetooth (the forwarding itself
// is tested in test/host/ble-gateway.test.ts, with noble stood in for).
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startReceiver, type Receiver } from '../../src/server';
import { tempDir, removeDir } from '../server/helpers';
import { runCli } from './run-cli';

describe('bridge command', () => {
  var dir: string;
  var rx: Receiver;
  beforeAll(async () => {
    dir = tempDir();
    rx = await startReceiver({ port: 0, dataDir: dir });
  });
  afterAll(async () => {
    await rx?.close();
    removeDir(dir);
  });

  it('is listed, and `help bridge` explains where the token comes from', async () => {
    expect((await runCli(['--help'])).out).toContain('  bridge ');
    var help = await runCli(['help', 'bridge']);
    expect(help.out).toMatch(/^Usage: espruino-gestures bridge --token-file <file>/);
    expect(help.out).toContain('$ESPRUINO_GESTURES_TOKEN');
  });

  it('needs a token, from a file or the environment, never the command line', async () => {
    delete process.env.ESPRUINO_GESTURES_TOKEN;
    var r = await runCli(['bridge', '--receiver', rx.url]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("bridge needs the board's device token: --token-file <file> or $ESPRUINO_GESTURES_TOKEN");
    var t = await runCli(['bridge', '--token', 'egt_x']);
    expect(t.code).toBe(2);
    var missing = await runCli(['bridge', '--token-file', path.join(dir, 'nope.txt')]);
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('nope.txt: no such file')]);
  });

  it('refuses a token the receiver refuses, and a receiver that is not a URL, with exit 2', async () => {
    var file = path.join(dir, 'token.txt');
    fs.writeFileSync(file, 'egt_00000000_' + 'A'.repeat(43) + '\n');
    var r = await runCli(['bridge', '--receiver', rx.url, '--token-file', file]);
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('the receiver refused the token: invalid token')]);
    var u = await runCli(['bridge', '--receiver', 'localhost:8080', '--token-file', file]);
    expect([u.code, u.err]).toEqual([2, expect.stringContaining('--receiver must be http(s)://host[:port]')]);
  });
});
