// `serve --offline-after <minutes>`: the threshold reaches GET /api/v1/devices; a bad value
// is a usage error (exit 2) naming the flag. The CLI is run in-process, as in cli.test.ts.
import { describe, it, expect, afterAll } from 'vitest';
import { main } from '../../src/cli/index';
import { tempDir, removeDir, request } from './helpers';

var dir = tempDir();
afterAll(() => removeDir(dir));

async function cli(args: string[]) {
  var out: string[] = [];
  var err: string[] = [];
  var code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('serve --offline-after', () => {
  it('refuses a value that is not a whole number of minutes from 1', async () => {
    for (var v of ['0', 'soon', '1.5']) {
      var r = await cli(['serve', '--offline-after', v, '--data-dir', dir]);
      expect(r.code, v).toBe(2);
      expect(r.err).toMatch(/--offline-after must be an integer from 1 to 100000/);
    }
  });

  it('sets the threshold GET /api/v1/devices reports; 10 minutes by default', async () => {
    for (var [args, ms] of [[['--offline-after', '3'], 180_000], [[], 600_000]] as [string[], number][]) {
      var lines: string[] = [];
      var running = main(['serve', '--port', '0', '--data-dir', dir, '--log-level', 'silent', ...args], { out: (l) => lines.push(l), err: () => {}, isTTY: false });
      for (var i = 0; i < 100 && !lines.length; i++) await new Promise((r) => setTimeout(r, 50));
      var url = /listening on (\S+)/.exec(lines[0])![1];
      expect((await request(url + '/api/v1/devices')).body.offline_after_ms).toBe(ms);
      process.emit('SIGTERM');
      expect(await running).toBe(0);
    }
  });

  it('is in the help text', async () => {
    var r = await cli(['serve', '--help']);
    expect(r.out).toContain('--offline-after <min>');
  });
});
