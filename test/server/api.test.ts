// The HTTP API on the embedded SQLite store: what a device and a page rely on.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startReceiver, type Receiver } from '../../src/server';
import { tempDir, removeDir, request, makeEvent } from './helpers';

describe('receiver HTTP API (SQLite)', () => {
  var dir: string;
  var rx: Receiver;
  var tokenA: string;
  var t0 = Date.now() - 3600_000;

  beforeAll(async () => {
    dir = tempDir();
    rx = await startReceiver({ port: 0, dataDir: dir, legacy: { open: true } });
    tokenA = (await rx.createToken('esp32-a')).token;
  });
  afterAll(async () => {
    await rx.close();
    removeDir(dir);
  });

  it('stores one event and answers 201 with its status', async () => {
    var r = await request(rx.url + '/api/v1/events', { body: makeEvent({ id: 1, time: t0 }), token: tokenA });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ stored: 1, duplicates: 0, conflicts: 0, refused: 0, results: [{ id: 1, status: 'stored' }] });
    var list = await request(rx.url + '/api/v1/events?device=esp32-a');
    expect(list.body.events).toHaveLength(1);
    expect(list.body.events[0]).toMatchObject({ device_id: 'esp32-a', id: 1, time: t0, gesture: 'circle', move: 3, score: 0.9, source: 'http' });
  });

  it('stores a batch, and a replayed batch is acknowledged without storing twice', async () => {
    var batch = [2, 3, 4].map((id) => makeEvent({ id, time: t0 + id * 1000, gesture: id % 2 ? 'x' : 'y', move: id % 2 ? 1 : 2 }));
    var first = await request(rx.url + '/api/v1/events', { body: batch, token: tokenA });
    expect(first.status).toBe(201);
    expect(first.body.stored).toBe(3);
    var again = await request(rx.url + '/api/v1/events', { body: batch, token: tokenA });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ stored: 0, duplicates: 3, conflicts: 0 });
    var stats = await request(rx.url + '/api/v1/stats?device=esp32-a');
    expect(stats.body.total).toBe(4);
  });

  it('reports a reused id with different content as a conflict and keeps the first', async () => {
    var r = await request(rx.url + '/api/v1/events', { body: makeEvent({ id: 1, time: t0 + 99, gesture: 'x', move: 1 }), token: tokenA });
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([{ id: 1, status: 'conflict' }]);
    var list = await request(rx.url + '/api/v1/events?device=esp32-a&gesture=circle');
    expect(list.body.events.map((e: any) => e.time)).toEqual([t0]);
  });

  it('filters by device, gesture and time range, newest first', async () => {
    var tokenB = (await rx.createToken('esp32-b')).token;
    await request(rx.url + '/api/v1/events', { body: makeEvent({ device_id: 'esp32-b', id: 7, time: t0 + 2500, gesture: 'y', move: 2 }), token: tokenB });
    var ys = await request(rx.url + '/api/v1/events?gesture=y');
    expect(ys.body.events.map((e: any) => [e.device_id, e.id])).toEqual([['esp32-a', 4], ['esp32-b', 7], ['esp32-a', 2]]);
    var range = await request(rx.url + '/api/v1/events?since=' + (t0 + 2000) + '&until=' + (t0 + 4000));
    expect(range.body.events.map((e: any) => e.time)).toEqual([t0 + 3000, t0 + 2500, t0 + 2000]);
    var b = await request(rx.url + '/api/v1/events?device=esp32-b');
    expect(b.body.events.map((e: any) => e.id)).toEqual([7]);
  });

  it('pages with a cursor through every event exactly once', async () => {
    var seen: string[] = [];
    var url = rx.url + '/api/v1/events?limit=2';
    for (var pages = 0; pages < 10; pages++) {
      var r = await request(url);
      expect(r.body.events.length).toBeLessThanOrEqual(2);
      for (var e of r.body.events) seen.push(e.device_id + '#' + e.id);
      if (!r.body.next) break;
      url = rx.url + '/api/v1/events?limit=2&cursor=' + r.body.next;
    }
    expect(seen).toEqual(['esp32-a#4', 'esp32-a#3', 'esp32-b#7', 'esp32-a#2', 'esp32-a#1']);
  });

  it('counts per gesture and device, with a timeline in buckets', async () => {
    var r = await request(rx.url + '/api/v1/stats?bucket=60000');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(5);
    expect(r.body.by_gesture).toEqual([{ gesture: 'y', count: 3 }, { gesture: 'circle', count: 1 }, { gesture: 'x', count: 1 }]);
    expect(r.body.by_device.map((d: any) => [d.device_id, d.count])).toEqual([['esp32-a', 4], ['esp32-b', 1]]);
    expect(r.body.bucket_ms).toBe(60000);
    var sum = r.body.timeline.reduce((s: number, b: any) => s + b.count, 0);
    expect(sum).toBe(5);
    for (var b of r.body.timeline) expect(b.t % 60000).toBe(0);
  });

  it('accepts the original write-move and serves get-move in the original shape', async () => {
    var seconds = Math.floor((Date.now() - 60_000) / 1000);
    var w = await request(rx.url + '/api/write-move', { body: { device_id: 1, time: seconds, move: 2 } });
    expect(w.status).toBe(200);
    expect(w.body).toEqual({ message: 'OK', status: 'stored' });
    var again = await request(rx.url + '/api/write-move', { body: { device_id: 1, time: seconds, move: 2 } });
    expect(again.body).toEqual({ message: 'OK', status: 'duplicate' });
    var g = await request(rx.url + '/api/get-move?device_id=1');
    expect(g.status).toBe(200);
    expect(g.body).toEqual({ move_x: [], move_y: [{ x: seconds * 1000, y: 2 }], circle: [], timestamps: [seconds * 1000] });
    var stored = await request(rx.url + '/api/v1/events?device=1');
    expect(stored.body.events).toEqual([expect.objectContaining({ id: null, gesture: 'y', move: 2, score: null, source: 'legacy' })]);
  });

  it('lets only configured origins read cross-origin, and never write', async () => {
    var corsDir = tempDir();
    var open = await startReceiver({ port: 0, dataDir: corsDir, corsOrigins: ['https://tkeyo.github.io'] });
    try {
      var allowed = await request(open.url + '/api/get-move', { headers: { origin: 'https://tkeyo.github.io' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://tkeyo.github.io');
      var other = await request(open.url + '/api/get-move', { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      var write = await request(open.url + '/api/write-move', { body: {}, headers: { origin: 'https://tkeyo.github.io' } });
      expect(write.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
      removeDir(corsDir);
    }
    var none = await request(rx.url + '/api/get-move', { headers: { origin: 'https://tkeyo.github.io' } });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers health checks on the original and the v1 path', async () => {
    var old = await request(rx.url + '/api/health');
    expect(old.body).toMatchObject({ message: 'Server ON', status: 'ok', storage: 'sqlite', mqtt: 'off' });
    var v1 = await request(rx.url + '/api/v1/health');
    expect(v1.status).toBe(200);
    expect(v1.body.counters.stored).toBeGreaterThan(0);
  });

  it('serves the dashboard page, its script and uPlot', async () => {
    var page = await fetch(rx.url + '/');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/vendor/uplot/uPlot.iife.min.js');
    var uplot = await fetch(rx.url + '/vendor/uplot/uPlot.iife.min.js');
    expect(uplot.status).toBe(200);
    expect(await uplot.text()).toContain('uPlot');
    var missing = await request(rx.url + '/dashboard/..%2Fpackage.json');
    expect(missing.status).toBe(404);
  });

  it('keeps events across a restart (data folder)', async () => {
    await rx.close();
    rx = await startReceiver({ port: 0, dataDir: dir, legacy: { open: true } });
    var stats = await request(rx.url + '/api/v1/stats');
    expect(stats.body.total).toBe(6);
    var replay = await request(rx.url + '/api/v1/events', { body: makeEvent({ id: 1, time: t0 }), token: tokenA });
    expect(replay.body.results[0].status).toBe('duplicate');
  });
});
