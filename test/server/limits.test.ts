// Connection limits: a client that stops sending its body is cut off by the request
// timeout, idle keep-alive sockets are closed, the connection cap holds; per-token rate
// limits answer 429 with Retry-After, one token's flood does not limit another.
import net from 'node:net';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startReceiver, type Receiver } from '../../src/server';
import { tempDir, removeDir, request, makeEvent } from './helpers';

/**
 * Opens a socket, sends the head and `part` of a body, then one more byte every
 * `trickleMs` (0: nothing more): resolves with what the server did.
 */
function slowBody(port: number, token: string, declared: number, part: string, giveUpMs: number, trickleMs = 0): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    var started = Date.now();
    var s = net.connect(port, '127.0.0.1');
    var answer = '';
    var timer = setTimeout(() => { s.destroy(); resolve({ answer: answer + '(still open)', closedAfterMs: -1 }); }, giveUpMs);
    s.on('connect', () => {
      s.write('POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:' + port + '\r\nContent-Type: application/json\r\nAuthorization: Bearer ' + token + '\r\nContent-Length: ' + declared + '\r\n\r\n' + part);
    });
    s.on('data', (d) => (answer += d.toString('latin1')));
    s.on('error', () => {});
    var trickle = trickleMs ? setInterval(() => s.write(' '), trickleMs) : null;
    s.on('close', () => { clearTimeout(timer); if (trickle) clearInterval(trickle); resolve({ answer, closedAfterMs: Date.now() - started }); });
  });
}

describe('request and connection timeouts', () => {
  var dir: string;
  var rx: Receiver;
  var token: string;
  beforeAll(async () => {
    dir = tempDir();
    rx = await startReceiver({ port: 0, dataDir: dir, requestTimeoutMs: 1500, keepAliveTimeoutMs: 1000, idleTimeoutMs: 3000, maxConnections: 20 });
    token = (await rx.createToken('esp32-a')).token;
  });
  afterAll(async () => {
    await rx.close();
    removeDir(dir);
  });

  it('cuts off a client whose body stops at 10 of 1000 bytes, and nothing is stored', async () => {
    var r = await slowBody(rx.port, token, 1000, '[{"device_', 30_000);
    expect(r.closedAfterMs).toBeGreaterThan(0);
    expect(r.answer).toMatch(/^HTTP\/1\.1 408/);
    expect((await request(rx.url + '/api/v1/stats')).body.total).toBe(0);
  });

  it('cuts off a client that trickles its body a byte at a time (never idle): 408 Request Timeout', async () => {
    var r = await slowBody(rx.port, token, 1000, '[{"device_', 30_000, 200);
    expect(r.closedAfterMs).toBeGreaterThan(0);
    expect(r.answer).toMatch(/^HTTP\/1\.1 408/);
    expect((await request(rx.url + '/api/v1/stats')).body.total).toBe(0);
  });

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    var closed = await new Promise<string>((resolve) => {
      var s = net.connect(rx.port, '127.0.0.1');
      var got = '';
      var t = setTimeout(() => { s.destroy(); resolve('still open'); }, 20_000);
      s.on('connect', () => s.write('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
      s.on('data', (d) => (got += d));
      s.on('close', () => { clearTimeout(t); resolve(got.startsWith('HTTP/1.1 200') ? 'closed after answering' : 'closed: ' + got.slice(0, 40)); });
    });
    expect(closed).toBe('closed after answering');
  });

  it('refuses connections beyond maxConnections while serving the ones it has', async () => {
    var sockets: net.Socket[] = [];
    for (var i = 0; i < 20; i++) {
      var s = net.connect(rx.port, '127.0.0.1');
      s.on('error', () => {});
      sockets.push(s);
      await new Promise((r) => s.once('connect', r));
    }
    // The 21st is accepted by the kernel and closed at once by the server.
    var extra = await new Promise<string>((resolve) => {
      var s = net.connect(rx.port, '127.0.0.1');
      s.on('error', () => {});
      s.on('connect', () => s.write('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
      var got = '';
      s.on('data', (d) => (got += d));
      var t = setTimeout(() => { s.destroy(); resolve('no answer, still open'); }, 10_000);
      s.on('close', () => { clearTimeout(t); resolve(got ? 'answered' : 'closed unanswered'); });
    });
    expect(extra).toBe('closed unanswered');
    for (var s2 of sockets) s2.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect((await request(rx.url + '/api/v1/health')).status).toBe(200);
  });
});

describe('per-token rate limits', () => {
  var dir: string;
  var rx: Receiver;
  beforeAll(async () => {
    dir = tempDir();
    rx = await startReceiver({ port: 0, dataDir: dir, rateLimit: { max: 5, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await rx.close();
    removeDir(dir);
  });

  it('answers 429 rate_limited with Retry-After once a token used its share; another token is unaffected', async () => {
    var a = (await rx.createToken('esp32-a')).token;
    var b = (await rx.createToken('esp32-b')).token;
    var statuses: number[] = [];
    for (var i = 1; i <= 7; i++) statuses.push((await request(rx.url + '/api/v1/events', { body: makeEvent({ id: i }), token: a })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    var limited = await request(rx.url + '/api/v1/events', { body: makeEvent({ id: 8 }), token: a });
    expect(limited.body.error).toBe('rate_limited');
    expect(limited.body.message).toMatch(/more than 5 requests in 60 s/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await request(rx.url + '/api/v1/events', { body: makeEvent({ device_id: 'esp32-b', id: 1 }), token: b })).status).toBe(201);
    expect((await request(rx.url + '/api/v1/health')).body.counters.rejected.rate_limited).toBe(3);
  });
});
