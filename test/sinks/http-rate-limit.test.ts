// A rate-limited device: the receiver answers 429 with Retry-After, the HTTP sink treats
// it as retryable and the outbox waits as told (not its short backoff), then delivers all.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOutbox } from '../../src/sinks/outbox';
import { createHttpSink } from '../../src/sinks/http';
import { startReceiver, type Receiver } from '../../src/server';

var rx: Receiver;
var dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-rate-'));
  rx = await startReceiver({ port: 0, dataDir: dir, dashboard: false, rateLimit: { max: 2, windowMs: 1500 } });
});
afterAll(async () => {
  await rx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('HTTP sink under a rate limit', () => {
  it('retries a 429 after Retry-After and loses nothing', async () => {
    var token = (await rx.createToken('gw-rate')).token;
    var errors: any[] = [];
    var box = createOutbox({
      deviceId: 'gw-rate', labels: ['idle', 'x'], batchSize: 1, retryMinMs: 10, retryMaxMs: 20, retryJitter: 0, onError: (e) => errors.push(e),
      sink: createHttpSink({ host: '127.0.0.1', port: rx.port, token, http }),
    });
    var t0 = Date.now();
    for (var k = 0; k < 4; k++) box.push({ timeMs: t0 + k, label: 1, score: 0.5 });
    for (var i = 0; i < 400 && box.size(); i++) await new Promise((r) => setTimeout(r, 25));
    box.close();
    expect(box.stats()).toMatchObject({ queued: 0, sent: 4, rejected: 0 });
    var limited = errors.filter((e) => e.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toMatchObject({ code: 'NETWORK', retry: true, retryAfterMs: 2000 });
    expect(limited[0].message).toMatch(/HTTP 429 .*rate_limited/);
    // Its own backoff (10-20 ms) would have hammered the receiver dozens of times meanwhile.
    expect(limited.length).toBeLessThan(5);
    expect((await rx.store.queryEvents({ device: 'gw-rate', limit: 10 })).length).toBe(4);
  });
});
