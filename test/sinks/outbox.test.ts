import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { createOutbox } from '../../src/sinks/outbox';
import { decodeOutbox } from '../../src/sinks/outbox-store';
import { manualSink, memoryStorage, LABELS, T0 } from './helpers';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

function gesture(i: number, label = 1 + (i % 3)) {
  return { timeMs: T0 + i * 1000 + 0.4, label, score: 0.75 };
}

describe('Outbox', () => {
  it('gives unique increasing ids and sends events pushed together as one batch', async () => {
    var m = manualSink();
    var box = createOutbox({ deviceId: 'dev-1', labels: LABELS, sink: m.sink });
    var ids = [0, 1, 2].map((i) => box.push(gesture(i)));
    expect(ids).toEqual([1, 2, 3]);
    await vi.advanceTimersByTimeAsync(0);
    expect(m.calls.length).toBe(1);
    expect(m.calls[0].events).toEqual([
      { device_id: 'dev-1', id: 1, time: T0, gesture: 'left', move: 1, score: 0.75 },
      { device_id: 'dev-1', id: 2, time: T0 + 1000, gesture: 'right', move: 2, score: 0.75 },
      { device_id: 'dev-1', id: 3, time: T0 + 2000, gesture: 'up', move: 3, score: 0.75 },
    ]);
    m.ok();
    expect(box.stats()).toMatchObject({ queued: 0, sent: 3, failures: 0 });
  });

  it('caps a batch at batchSize and at the sink maxBatch', async () => {
    var m = manualSink(2);
    var box = createOutbox({ deviceId: 'd', labels: LABELS, sink: m.sink, batchSize: 5 });
    for (var i = 0; i < 5; i++) box.push(gesture(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(m.calls[0].events.map((e) => e.id)).toEqual([1, 2]);
    m.ok();
    await vi.advanceTimersByTimeAsync(0);
    expect(m.calls[1].events.map((e) => e.id)).toEqual([3, 4]);
  });

  it('retries with growing delays until the sink succeeds, then sends nothing twice', async () => {
    var m = manualSink();
    var box = createOutbox({ deviceId: 'd', labels: LABELS, sink: m.sink, retryMinMs: 1000, retryMaxMs: 4000, retryJitter: 0 });
    box.push(gesture(0));
    await vi.advanceTimersByTimeAsync(0);
    var sendTimes: number[] = [Date.now()];
    for (var k = 0; k < 4; k++) {
      m.fail();
      var before = m.calls.length;
      while (m.calls.length === before) await vi.advanceTimersByTimeAsync(100);
      sendTimes.push(Date.now());
    }
    var gaps = sendTimes.slice(1).map((t, i) => t - sendTimes[i]);
    expect(gaps).toEqual([1000, 2000, 4000, 4000]);
    expect(box.stats().failures).toBe(4);
    m.ok();
    await vi.advanceTimersByTimeAsync(120000);
    expect(m.calls.length).toBe(5);
    expect(box.stats()).toMatchObject({ queued: 0, sent: 1, failures: 0 });
  });

  it('holds events while the link is down and sends at once when it comes back', async () => {
    var m = manualSink();
    m.sink.up = false;
    var box = createOutbox({ deviceId: 'd', labels: LABELS, sink: m.sink });
    box.push(gesture(0));
    box.push(gesture(1));
    await vi.advanceTimersByTimeAsync(60000);
    expect(m.calls.length).toBe(0);
    expect(box.stats().linkUp).toBe(false);
    m.setLink(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(m.calls.length).toBe(1);
    expect(m.calls[0].events.map((e) => e.id)).toEqual([1, 2]);
  });

  it('drops the oldest event when full, counts it and tells onDrop', async () => {
    var m = manualSink();
    m.sink.up = false;
    var drops: number[][] = [];
    var box = createOutbox({ deviceId: 'd', labels: LABELS, sink: m.sink, capacity: 3, onDrop: (n, total) => drops.push([n, total]) });
    for (var i = 0; i < 5; i++) box.push(gesture(i));
    expect(box.size()).toBe(3);
    expect(box.peek(0)!.id).toBe(3);
    expect(drops).toEqual([[1, 1], [1, 2]]);
    expect(box.stats().dropped).toBe(2);
    m.setLink(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(m.calls[0].events.map((e) => e.id)).toEqual([3, 4, 5]);
  });

  it('acknowledges by id when the oldest in-flight events were dropped meanwhile', async () => {
    var m = manualSink();
    var box = createOutbox({ deviceId: 'd', labels: LABELS, sink: m.sink, capacity: 2 });
    box.push(gesture(0));
    box.push(gesture(1));
    await vi.advanceTimersByTimeAsync(0);
    box.push(gesture(2)); // drops id 1 while ids 1-2 are in flight
    m.ok();
    expect(box.size()).toBe(1);
    expect(box.peek(0)!.id).toBe(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(m.calls[1].events.map((e) => e.id)).toEqual([3]);
  });

  it('drops a batch the receiver rejects for good instead of retrying it forever', async () => {
    var m = manualSink();
    var errors: any[] = [];
    var box = createOutbox({ deviceId: 'd', labels: LABELS, sink: m.sink, onError: (e) => errors.push(e) });
    box.push(gesture(0));
    await vi.advanceTimersByTimeAsync(0);
    m.fail(0, false);
    expect(box.stats()).toMatchObject({ queued: 0, rejected: 1, sent: 0 });
    expect(errors.length).toBe(1);
  });

  it('survives a reboot through Storage: nothing queued is lost and ids keep increasing', async () => {
    var storage = memoryStorage();
    var m1 = manualSink();
    m1.sink.up = false;
    var box1 = createOutbox({ deviceId: 'd', labels: LABELS, sink: m1.sink, storage, storageFile: 'q' });
    for (var i = 0; i < 4; i++) box1.push(gesture(i));
    box1.close(); // power lost with 4 events queued

    var m2 = manualSink();
    var box2 = createOutbox({ deviceId: 'd', labels: LABELS, sink: m2.sink, storage, storageFile: 'q' });
    expect(box2.size()).toBe(4);
    expect(box2.push(gesture(9))).toBe(5);
    await vi.advanceTimersByTimeAsync(0);
    expect(m2.calls[0].events.map((e) => [e.id, e.gesture, e.time])).toEqual([
      [1, 'left', T0], [2, 'right', T0 + 1000], [3, 'up', T0 + 2000], [4, 'left', T0 + 3000], [5, 'left', T0 + 9000],
    ]);
    m2.ok();
    box2.close();

    // Everything acknowledged: a third boot has nothing to send but continues the ids.
    var m3 = manualSink();
    var box3 = createOutbox({ deviceId: 'd', labels: LABELS, sink: m3.sink, storage, storageFile: 'q' });
    expect(box3.size()).toBe(0);
    expect(box3.push(gesture(10))).toBe(6);
  });

  it('saves each push at once but a delivery only later, coalesced, to spare flash', async () => {
    var storage = memoryStorage();
    var m = manualSink();
    var box = createOutbox({ deviceId: 'd', labels: LABELS, sink: m.sink, storage, storageFile: 'q', ackSaveDelayMs: 10000 });
    box.push(gesture(0));
    box.push(gesture(1));
    expect(storage.writes).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    m.ok();
    await vi.advanceTimersByTimeAsync(9000);
    expect(storage.writes).toBe(2);
    // Power lost now: the saved queue still holds the delivered events, so they go again
    // (at least once; the receiver drops the repeats by id).
    var m2 = manualSink();
    var again = createOutbox({ deviceId: 'd', labels: LABELS, sink: m2.sink, storage, storageFile: 'q' });
    expect(again.size()).toBe(2);
    again.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(storage.writes).toBe(3); // one write for the delivery, 10 s after it
    expect(decodeOutbox(storage.files.q.slice().buffer).count).toBe(0);
  });

  it('keeps the saved label names when the device boots with a different model', async () => {
    var storage = memoryStorage();
    var m1 = manualSink();
    m1.sink.up = false;
    var box1 = createOutbox({ deviceId: 'd', labels: LABELS, sink: m1.sink, storage });
    box1.push({ timeMs: T0, label: 3, score: 0.5 });
    box1.close();
    var m2 = manualSink();
    var box2 = createOutbox({ deviceId: 'd', labels: ['idle', 'circle'], sink: m2.sink, storage });
    expect(box2.peek(0)).toMatchObject({ id: 1, gesture: 'up', move: 3 });
  });

  it('stores an event in 22 bytes of a compact file', () => {
    var storage = memoryStorage();
    var m = manualSink();
    m.sink.up = false;
    var box = createOutbox({ deviceId: 'd', labels: LABELS, sink: m.sink, storage, storageFile: 'q' });
    box.push(gesture(0));
    var one = storage.files.q.length;
    box.push(gesture(1));
    expect(storage.files.q.length - one).toBe(22);
    var img = decodeOutbox(storage.files.q.slice().buffer);
    expect(img.count).toBe(2);
    expect(img.nextId).toBe(3);
  });

  it('keeps working in RAM when Storage cannot be written, and says so', async () => {
    var storage = memoryStorage();
    storage.write = () => { throw new Error('Unable to write file - Storage full'); };
    var errors: any[] = [];
    var m = manualSink();
    var box = createOutbox({ deviceId: 'd', labels: LABELS, sink: m.sink, storage, onError: (e) => errors.push(e) });
    box.push(gesture(0));
    expect(box.stats().persistErrors).toBe(1);
    expect(errors[0]).toMatchObject({ code: 'STORAGE' });
    expect(errors[0].message).toMatch(/Storage/);
    await vi.advanceTimersByTimeAsync(0);
    expect(m.calls.length).toBe(1);
  });

  it('ignores an unreadable saved file instead of failing to boot', () => {
    var storage = memoryStorage();
    storage.files['gestures.outbox'] = new Uint8Array([1, 2, 3]);
    var errors: any[] = [];
    var box = createOutbox({ deviceId: 'd', labels: LABELS, sink: manualSink().sink, storage, onError: (e) => errors.push(e) });
    expect(box.size()).toBe(0);
    expect(errors[0]).toMatchObject({ code: 'STORAGE' });
    expect(errors[0].message).toMatch(/not an outbox file/);
  });

  it('rejects bad options and bad events with clear errors', () => {
    var sink = manualSink().sink;
    expect(() => createOutbox({ deviceId: '', labels: LABELS, sink })).toThrow(/deviceId/);
    expect(() => createOutbox({ deviceId: 'a/b', labels: LABELS, sink })).toThrow(/deviceId/);
    expect(() => createOutbox({ deviceId: 'd', labels: [], sink })).toThrow(/labels/);
    expect(() => createOutbox({ deviceId: 'd', labels: LABELS, sink, capacity: 0 })).toThrow(/capacity/);
    expect(() => createOutbox({ deviceId: 'd', labels: LABELS, sink, storageFile: 'x'.repeat(29) })).toThrow(/28/);
    var box = createOutbox({ deviceId: 'd', labels: LABELS, sink });
    expect(() => box.push({ timeMs: T0, label: 4, score: 1 })).toThrow(/label must be an index/);
    expect(() => box.push({ timeMs: NaN, label: 1, score: 1 })).toThrow(/epoch ms/);
    try { box.push({ timeMs: T0, label: -1, score: 1 }); } catch (e: any) { expect(e.code).toBe('BAD_INPUT'); }
  });
});
