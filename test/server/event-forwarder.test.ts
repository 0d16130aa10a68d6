// The bridges' forwarding queue (src/browser/event-forwarder.ts) against a real receiver over
// real HTTP: what the browser test does not reach. Refused events are counted and not
// retried, a foreign device's token stops forwarding with the events kept, a receiver with a
// smaller --max-batch is met by smaller batches, and an unreachable one by a retry.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startReceiver, type Receiver } from '../../src/server';
import { createEventForwarder, type ForwarderStatus } from '../../src/browser/event-forwarder';
import type { GestureEvent } from '../../src/core/types';
import { tempDir, removeDir } from './helpers';

var T0 = Date.now() - 3600_000;

function event(device: string, id: number, over: Partial<GestureEvent> = {}): GestureEvent {
  return { device_id: device, id, time: T0 + id * 1000, gesture: 'wave', move: 3, score: 0.75, ...over };
}

function poster(url: string, token: string) {
  return async (batch: GestureEvent[]) => {
    var r = await fetch(url + '/api/v1/events', { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
}

async function until(check: () => boolean, what: string) {
  for (var i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error('timed out waiting for ' + what);
}

describe('event forwarder', () => {
  var dataDir: string;
  var rx: Receiver;

  beforeAll(async () => {
    dataDir = tempDir();
    rx = await startReceiver({ port: 0, dataDir, maxBatch: 3 });
  });
  afterAll(async () => {
    await rx?.close();
    removeDir(dataDir);
  });

  async function ids(device: string) {
    return (await rx.store.queryEvents({ device, limit: 100 })).map((e) => e.id).sort((a, b) => (a as number) - (b as number));
  }

  it('sends batches the receiver takes, counts refused events once and keeps nothing queued for them', async () => {
    var token = (await rx.createToken('fw-a')).token;
    var saved: GestureEvent[][] = [];
    var said: string[] = [];
    var fw = createEventForwarder({ post: poster(rx.url, token), save: (q) => saved.push(q), maxBatch: 8, onChange: (s, isNew) => { if (isNew) said.push(s.message); } });
    // Queued before the first answer: 8 events for a receiver that takes 3 per request.
    fw.push(event('fw-a', 1));
    for (var id = 2; id <= 8; id++) fw.push(event('fw-a', id, id === 5 ? { time: 12345 } : {}));
    expect(fw.push(event('fw-a', 8))).toBe(false); // already queued
    await until(() => fw.status().queued === 0, 'the queue to drain');
    var st = fw.status();
    expect([st.forwarded, st.duplicates, st.errors]).toEqual([7, 1, 1]);
    expect(said.filter((m) => /^event 5 refused: .*time: must be epoch milliseconds; 12345 is before 2001/.test(m))).toHaveLength(1);
    expect(st.message).toBe('All events forwarded.');
    expect(await ids('fw-a')).toEqual([1, 2, 3, 4, 6, 7, 8]);
    expect(saved[saved.length - 1]).toEqual([]);
  });

  it('a token for another device stops forwarding and keeps the events, until resumed', async () => {
    var other = (await rx.createToken('fw-other')).token;
    var changes: ForwarderStatus[] = [];
    var fw = createEventForwarder({ post: poster(rx.url, other), initial: [event('fw-b', 1)], onChange: (s) => changes.push({ ...s }) });
    fw.resume();
    await until(() => fw.status().blocked !== null, 'the refusal');
    expect(fw.status().blocked).toBe('this token belongs to device "fw-other" and cannot post for device "fw-b"');
    expect(fw.status().queued).toBe(1);
    fw.push(event('fw-b', 2)); // queued, not sent while blocked
    await new Promise((r) => setTimeout(r, 300));
    expect(fw.status().queued).toBe(2);
    expect(await ids('fw-b')).toEqual([]);
    fw.stop();
  });

  it('an unreachable receiver keeps the events and retries until it answers', async () => {
    var token = (await rx.createToken('fw-c')).token;
    var port = rx.port;
    await rx.close();
    var fw = createEventForwarder({ post: poster('http://127.0.0.1:' + port, token), maxRetryMs: 1000 });
    fw.push(event('fw-c', 1));
    await until(() => /receiver is unreachable/.test(fw.status().message), 'the first failure');
    expect(fw.status().queued).toBe(1);
    rx = await startReceiver({ port, dataDir, maxBatch: 3 });
    await until(() => fw.status().forwarded === 1, 'the retry');
    expect(await ids('fw-c')).toEqual([1]);
    fw.stop();
  });
});
