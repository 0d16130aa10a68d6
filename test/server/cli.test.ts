// The CLI's token and serve commands against a real receiver and data folder.
import { describe, it, expect, afterAll } from 'vitest';
import { main } from '../../src/cli/index';
import { startReceiver } from '../../src/server';
import { tempDir, removeDir, request, makeEvent } from './helpers';

async function cli(args: string[]) {
  var out: string[] = [];
  var err: string[] = [];
  var code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI: token and serve', () => {
  var dir = tempDir();
  afterAll(() => removeDir(dir));

  it('a created token works for its device until it is revoked', async () => {
    var created = await cli(['token', 'create', '--device', 'esp32-cli', '--label', 'kitchen', '--data-dir', dir, '--json']);
    expect(created.code).toBe(0);
    var { token, token_id } = JSON.parse(created.out);
    expect(token).toMatch(/^egt_/);

    var rx = await startReceiver({ port: 0, dataDir: dir });
    try {
      var ok = await request(rx.url + '/api/v1/events', { body: makeEvent({ device_id: 'esp32-cli', id: 1 }), token });
      expect(ok.status).toBe(201);
      var other = await request(rx.url + '/api/v1/events', { body: makeEvent({ device_id: 'esp32-else', id: 1 }), token });
      expect(other.status).toBe(403);

      var list = await cli(['token', 'list', '--data-dir', dir]);
      expect(list.out).toMatch(new RegExp(token_id + '\\s+esp32-cli\\s+.*active\\s+kitchen'));
      expect(list.out).not.toContain(token);

      // Revoked while the receiver runs: the next request is refused.
      var revoked = await cli(['token', 'revoke', token_id, '--data-dir', dir]);
      expect(revoked).toMatchObject({ code: 0, out: 'Revoked 1 token.' });
      var after = await request(rx.url + '/api/v1/events', { body: makeEvent({ device_id: 'esp32-cli', id: 2 }), token });
      expect(after.status).toBe(401);
      expect((await cli(['token', 'revoke', token_id, '--data-dir', dir])).code).toBe(1);
    } finally {
      await rx.close();
    }
  });

  it('revokes every token of a device', async () => {
    await cli(['token', 'create', '--device', 'esp32-two', '--data-dir', dir]);
    await cli(['token', 'create', '--device', 'esp32-two', '--data-dir', dir]);
    var r = await cli(['token', 'revoke', '--device', 'esp32-two', '--data-dir', dir]);
    expect(r.out).toBe('Revoked 2 tokens.');
  });

  it('reports usage errors with exit code 2', async () => {
    expect((await cli(['token', 'create', '--data-dir', dir])).code).toBe(2);
    expect((await cli(['token', 'frobnicate'])).code).toBe(2);
    expect((await cli(['token', 'create', '--device', 'bad/id', '--data-dir', dir])).err).toMatch(/device id must be/);
    var badPort = await cli(['serve', '--port', 'eighty', '--data-dir', dir]);
    expect(badPort.code).toBe(2);
    expect(badPort.err).toMatch(/--port must be an integer/);
    var badLevel = await cli(['serve', '--log-level', 'loud', '--data-dir', dir]);
    expect(badLevel.code).toBe(2);
    expect(badLevel.err).toMatch(/--log-level must be one of fatal, error, warn, info, debug, trace, silent/);
    // serve takes options only; a misspelt option is named with the one that was meant
    var stray = await cli(['serve', 'start', '--data-dir', dir]);
    expect(stray.code).toBe(2);
    expect(stray.err).toMatch(/unexpected argument "start"; this command takes options only/);
    var typo = await cli(['token', 'list', '--data-dri', dir]);
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/unknown option --data-dri \(did you mean --data-dir\?\)/);
  });

  it('serve with --read-token and --rate-limit: reads need the token', async () => {
    var lines: string[] = [];
    var running = main(['serve', '--port', '0', '--data-dir', dir, '--read-token', 'cli-read-token-123', '--rate-limit', '50', '--log-level', 'silent'], { out: (l) => lines.push(l), err: () => {}, isTTY: false });
    for (var i = 0; i < 100 && !lines.length; i++) await new Promise((r) => setTimeout(r, 50));
    var url = /listening on (\S+)/.exec(lines[0])![1];
    expect((await request(url + '/api/v1/events')).status).toBe(401);
    expect((await request(url + '/api/v1/events', { headers: { authorization: 'Bearer cli-read-token-123' } })).status).toBe(200);
    expect((await request(url + '/api/v1/events', { headers: { authorization: 'Bearer cli-read-token-123' } })).headers.get('x-ratelimit-limit')).toBe('50');
    process.emit('SIGTERM');
    expect(await running).toBe(0);
  });

  it('serve starts a receiver and stops on SIGTERM', async () => {
    var lines: string[] = [];
    var running = main(['serve', '--port', '0', '--data-dir', dir], { out: (l) => lines.push(l), err: () => {}, isTTY: false });
    for (var i = 0; i < 100 && !lines.length; i++) await new Promise((r) => setTimeout(r, 50));
    var url = /listening on (\S+)/.exec(lines[0])![1];
    var health = await request(url + '/api/health');
    expect(health.body).toMatchObject({ message: 'Server ON', storage: 'sqlite' });
    process.emit('SIGTERM');
    expect(await running).toBe(0);
    await expect(fetch(url + '/api/health')).rejects.toThrow();
  });
});
