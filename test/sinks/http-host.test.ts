// The same HTTP sink and outbox on the host (Node's http module), e.g. a gateway or a replay
// tool posting detected gestures to the receiver.
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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-host-'));
  rx = await startReceiver({ port: 0, dataDir: dir, dashboard: false });
});
afterAll(async () => {
  await rx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('HTTP sink on Node', () => {
  it('posts a batch with Node http and reports the receiver verdicts', async () => {
    var token = (await rx.createToken('gateway-1')).token;
    var errors: any[] = [];
    var box = createOutbox({
      deviceId: 'gateway-1', labels: ['idle', 'x', 'y', 'circle'], onError: (e) => errors.push(e), retryMinMs: 50,
      sink: createHttpSink({ host: '127.0.0.1', port: rx.port, token, http }),
    });
    var t0 = Date.now();
    box.push({ timeMs: t0, label: 3, score: 0.8 });
    box.push({ timeMs: t0 + 700, label: 1, score: 0.6 });
    for (var i = 0; i < 100 && box.size(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(errors).toEqual([]);
    var stored = await rx.store.queryEvents({ device: 'gateway-1', limit: 10 });
    expect(stored.map((e) => [e.id, e.gesture, e.time]).sort()).toEqual([[1, 'circle', t0], [2, 'x', t0 + 700]]);
    box.close();
  });

  it('retries while the token is refused (401) and says why', async () => {
    var errors: any[] = [];
    var box = createOutbox({
      deviceId: 'gateway-2', labels: ['idle', 'x'], onError: (e) => errors.push(e), retryMinMs: 20, retryJitter: 0,
      sink: createHttpSink({ host: '127.0.0.1', port: rx.port, token: 'wrong', http }),
    });
    box.push({ timeMs: Date.now(), label: 1, score: 1 });
    for (var i = 0; i < 100 && errors.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    box.close();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toMatchObject({ code: 'NETWORK', status: 401, retry: true });
    expect(errors[0].message).toMatch(/HTTP 401/);
    expect(box.stats()).toMatchObject({ queued: 1, sent: 0, rejected: 0 });
  });

  it('rejects bad configuration up front', () => {
    expect(() => createHttpSink({ host: '' })).toThrow(/host/);
    expect(() => createHttpSink({ host: 'a', port: 70000 })).toThrow(/port/);
    expect(() => createHttpSink({ host: 'a', format: 'xml' as any })).toThrow(/format/);
  });
});
