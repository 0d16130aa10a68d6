// GET /api/v1/stream without a browser: newly stored events arrive as SSE messages,
// filtered, and replays are not announced twice.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startReceiver, type Receiver } from '../../src/server';
import { tempDir, removeDir, request, makeEvent } from './helpers';

/** Reads SSE `gesture` messages from a stream until `count` arrived or the time is up. */
async function collect(url: string, count: number, during: () => Promise<void>, waitMs = 3000) {
  var controller = new AbortController();
  var res = await fetch(url, { signal: controller.signal });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  var reader = res.body!.getReader();
  var decoder = new TextDecoder();
  var text = '';
  var got: any[] = [];
  var reading = (async () => {
    try {
      for (;;) {
        var { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
        var blocks = text.split('\n\n');
        text = blocks.pop()!;
        for (var b of blocks) {
          var data = /^data: (.*)$/m.exec(b);
          if (/^event: gesture$/m.test(b) && data) got.push(JSON.parse(data[1]));
        }
        if (got.length >= count) return;
      }
    } catch { /* aborted */ }
  })();
  await during();
  await Promise.race([reading, new Promise((r) => setTimeout(r, waitMs))]);
  controller.abort();
  return got;
}

describe('live stream (SSE)', () => {
  var dir: string;
  var rx: Receiver;
  var token: string;
  beforeAll(async () => {
    dir = tempDir();
    rx = await startReceiver({ port: 0, dataDir: dir });
    token = (await rx.createToken('esp32-live')).token;
  });
  afterAll(async () => {
    await rx.close();
    removeDir(dir);
  });

  it('sends each newly stored event once, with its stored fields', async () => {
    var e1 = makeEvent({ device_id: 'esp32-live', id: 1 });
    var e2 = makeEvent({ device_id: 'esp32-live', id: 2, gesture: 'x', move: 1 });
    var got = await collect(rx.url + '/api/v1/stream', 3, async () => {
      await request(rx.url + '/api/v1/events', { body: [e1, e2], token });
      await request(rx.url + '/api/v1/events', { body: e1, token }); // a replay: not news
    }, 1500);
    expect(got.map((e) => e.id)).toEqual([1, 2]);
    expect(got[0]).toMatchObject({ ...e1, source: 'http' });
  });

  it('applies device and gesture filters', async () => {
    var got = await collect(rx.url + '/api/v1/stream?gesture=y', 1, async () => {
      await request(rx.url + '/api/v1/events', { body: [makeEvent({ device_id: 'esp32-live', id: 3, gesture: 'x', move: 1 }), makeEvent({ device_id: 'esp32-live', id: 4, gesture: 'y', move: 2 })], token });
    });
    expect(got.map((e) => e.id)).toEqual([4]);
  });

  it('closing the receiver ends open streams', async () => {
    var otherDir = tempDir();
    var other = await startReceiver({ port: 0, dataDir: otherDir });
    var res = await fetch(other.url + '/api/v1/stream');
    var reader = res.body!.getReader();
    await reader.read();
    await other.close();
    var rest = await reader.read().catch(() => ({ done: true }));
    while (!rest.done) rest = await reader.read().catch(() => ({ done: true }));
    expect(rest.done).toBe(true);
    removeDir(otherDir);
  });
});
