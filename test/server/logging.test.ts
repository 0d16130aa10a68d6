// The receiver logs (fastify's pino, JSON lines on stderr): `serve` at info by default,
// --log-level changes it, and a receiver bound beyond loopback logs the read token it made.
// Runs the built CLI (npm run build) in a child process, as a user would.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { tempDir, removeDir, request } from './helpers';

var BIN = path.resolve(__dirname, '../../bin/espruino-gestures.js');

/** Starts `serve`, waits for its URL, stops it with SIGTERM; returns stdout and stderr. */
async function serve(args: string[], whileRunning: (url: string, seen: () => { out: string; err: string }) => Promise<void>): Promise<{ out: string; err: string }> {
  var dir = tempDir();
  var env = { ...process.env };
  delete env.VITEST; // a user's shell, not the test runner
  var child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dir, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  var out = '', err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  try {
    for (var i = 0; i < 300 && !/listening on (\S+)/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    var m = /listening on (\S+)/.exec(out);
    expect(m, 'no URL in: ' + out + err).not.toBeNull();
    await whileRunning(m![1], () => ({ out, err }));
  } finally {
    var exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    removeDir(dir);
  }
  return { out, err };
}

function jsonLines(text: string): any[] {
  return text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}

describe('receiver log', () => {
  it('serve logs JSON lines on stderr at info by default; stdout keeps its own lines', async () => {
    var r = await serve([], async (url) => {
      expect((await request(url + '/api/v1/health')).status).toBe(200);
    });
    var lines = jsonLines(r.err);
    expect(lines.some((l) => l.level === 30 && /Server listening at/.test(l.msg))).toBe(true);
    expect(r.out).toMatch(/^Receiver listening on /);
    expect(jsonLines(r.out)).toEqual([]);
  }, 60_000);

  it('--log-level warn hides info; bound beyond loopback the made read token is logged as a warning', async () => {
    var token = '';
    var r = await serve(['--log-level', 'warn', '--host', '0.0.0.0'], async (url, seen) => {
      var local = url.replace('0.0.0.0', '127.0.0.1');
      expect((await request(local + '/api/v1/stats')).status).toBe(401);
      // serve prints it beside the dashboard's address.
      for (var i = 0; i < 100 && !/read token: /.test(seen().out); i++) await new Promise((res) => setTimeout(res, 50));
      token = /read token: (egr_\S+)\)/.exec(seen().out)![1];
      expect((await request(local + '/api/v1/stats', { headers: { authorization: 'Bearer ' + token } })).status).toBe(200);
    });
    var lines = jsonLines(r.err);
    expect(lines.filter((l) => l.level < 40)).toEqual([]);
    expect(lines.some((l) => l.level === 40 && l.msg.includes(token))).toBe(true);
  }, 60_000);
});
