// One behaviour suite for every EventStore: SQLite and PostgreSQL must pass the same tests.
import { it, expect, beforeEach, afterEach } from 'vitest';
import type { EventStore, NewEvent } from '../../src/server';
import { Ingestor, createDeviceToken, checkBearer } from '../../src/server';

export interface StoreFactory {
  /** A fresh, empty store. */
  open(): Promise<EventStore>;
  /** Reopen the same data (a restart). */
  reopen(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

var T0 = 1_760_000_000_000;

function row(over: Partial<NewEvent> = {}): NewEvent {
  return { device_id: 'dev-1', id: 1, time: T0, gesture: 'x', move: 1, score: 0.75, source: 'http', received_at: T0 + 5, ...over };
}

export function storageSuite(factory: StoreFactory) {
  var store: EventStore;
  beforeEach(async () => {
    store = await factory.open();
  });
  afterEach(async () => {
    await store.close();
    await factory.cleanup();
  });

  it('stores events and reads them back exactly, with increasing seq', async () => {
    var res = await store.insertEvents([row({ id: 1 }), row({ id: 2, time: T0 + 10, score: 0.1 + 0.2 })]);
    expect(res[0]!.seq).toBeLessThan(res[1]!.seq);
    var back = await store.queryEvents({ limit: 10 });
    expect(back.map((e) => ({ ...e, seq: 0 }))).toEqual([
      { ...row({ id: 2, time: T0 + 10, score: 0.1 + 0.2 }), seq: 0 },
      { ...row({ id: 1 }), seq: 0 },
    ]);
  });

  it('ignores a second row with the same (device_id, id), also inside one batch', async () => {
    var res = await store.insertEvents([row({ id: 5 }), row({ id: 5, gesture: 'y' }), row({ id: 5, device_id: 'dev-2' })]);
    expect(res.map((r) => r !== null)).toEqual([true, false, true]);
    expect(await store.insertEvents([row({ id: 5 })])).toEqual([null]);
    expect((await store.stats({ bucketMs: 1000 })).total).toBe(2);
    var found = await store.findByIds([{ device_id: 'dev-1', id: 5 }, { device_id: 'dev-1', id: 6 }, { device_id: 'dev-2', id: 5 }]);
    expect(found.map((e) => [e.device_id, e.id, e.gesture]).sort()).toEqual([['dev-1', 5, 'x'], ['dev-2', 5, 'x']]);
    expect(await store.findByIds([])).toEqual([]);
  });

  it('de-duplicates legacy rows (no id) on (device_id, time, move)', async () => {
    var legacy = row({ id: null, score: null, source: 'legacy' });
    var res = await store.insertEvents([legacy, legacy, { ...legacy, move: 2, gesture: 'y' }, { ...legacy, time: T0 + 1 }]);
    expect(res.map((r) => r !== null)).toEqual([true, false, true, true]);
    var back = await store.queryEvents({ limit: 10 });
    expect(back.every((e) => e.id === null && e.score === null && e.source === 'legacy')).toBe(true);
  });

  it('filters and pages newest first with a (time, seq) cursor', async () => {
    var rows: NewEvent[] = [];
    for (var i = 0; i < 7; i++) rows.push(row({ id: i, time: T0 + Math.floor(i / 2) * 100, device_id: i % 3 ? 'dev-1' : 'dev-2', gesture: i % 2 ? 'x' : 'y' }));
    await store.insertEvents(rows);
    var all = await store.queryEvents({ limit: 100 });
    expect(all.map((e) => e.id)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    var page1 = await store.queryEvents({ limit: 3 });
    var last = page1[2];
    var page2 = await store.queryEvents({ limit: 3, after: { time: last.time, seq: last.seq } });
    expect([...page1, ...page2].map((e) => e.id)).toEqual([6, 5, 4, 3, 2, 1]);
    expect((await store.queryEvents({ limit: 100, device: 'dev-2' })).map((e) => e.id)).toEqual([6, 3, 0]);
    expect((await store.queryEvents({ limit: 100, gesture: 'x', since: T0 + 100, until: T0 + 300 })).map((e) => e.id)).toEqual([5, 3]);
  });

  it('computes totals, per-gesture and per-device counts and a bucketed timeline', async () => {
    await store.insertEvents([
      row({ id: 1, time: T0 + 100 }),
      row({ id: 2, time: T0 + 1500, gesture: 'y' }),
      row({ id: 3, time: T0 + 1700, gesture: 'y', device_id: 'dev-2' }),
      row({ id: 4, time: T0 + 2100 }),
    ]);
    var s = await store.stats({ bucketMs: 1000 });
    expect(s.total).toBe(4);
    expect(s.first_time).toBe(T0 + 100);
    expect(s.last_time).toBe(T0 + 2100);
    expect(s.by_gesture).toEqual([{ gesture: 'x', count: 2 }, { gesture: 'y', count: 2 }]);
    expect(s.by_device).toEqual([{ device_id: 'dev-1', count: 3, last_time: T0 + 2100 }, { device_id: 'dev-2', count: 1, last_time: T0 + 1700 }]);
    expect(s.timeline).toEqual([
      { t: T0, gesture: 'x', count: 1 },
      { t: T0 + 1000, gesture: 'y', count: 2 },
      { t: T0 + 2000, gesture: 'x', count: 1 },
    ]);
    var only = await store.stats({ bucketMs: 1000, device: 'dev-2' });
    expect(only.total).toBe(1);
    var none = await store.stats({ bucketMs: 1000, device: 'nobody' });
    expect(none).toEqual({ total: 0, first_time: null, last_time: null, by_gesture: [], by_device: [], timeline: [] });
  });

  it('stores hostile strings verbatim and treats them as data, not SQL', async () => {
    var evil = "x'); DROP TABLE events; --";
    await store.insertEvents([row({ id: 1, gesture: evil }), row({ id: 2, gesture: '" OR 1=1 --' })]);
    expect((await store.queryEvents({ limit: 10, gesture: evil })).map((e) => e.gesture)).toEqual([evil]);
    expect(await store.queryEvents({ limit: 10, gesture: "' OR '1'='1" })).toEqual([]);
    expect(await store.queryEvents({ limit: 10, device: "dev-1' OR '1'='1" })).toEqual([]);
    expect((await store.stats({ bucketMs: 1000 })).total).toBe(2);
  });

  it('keeps data across a reopen (migrations run once)', async () => {
    await store.insertEvents([row({ id: 1 })]);
    await store.close();
    store = await factory.reopen();
    expect((await store.stats({ bucketMs: 1000 })).total).toBe(1);
    expect(await store.insertEvents([row({ id: 1 })])).toEqual([null]);
  });

  it('creates hashed tokens, checks them, and revokes by id or device', async () => {
    var a = await createDeviceToken(store, 'dev-1', 'bench');
    var b = await createDeviceToken(store, 'dev-2');
    var c = await createDeviceToken(store, 'dev-2');
    var stored = await store.listTokens();
    expect(stored).toHaveLength(3);
    expect(stored.every((t) => t.hash.length === 64 && !t.hash.includes(a.token))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(a.token.slice(13));
    expect(await checkBearer(store, 'Bearer ' + a.token)).toEqual({ ok: true, deviceId: 'dev-1', tokenId: a.record.token_id });
    expect(await store.revokeTokens({ tokenId: a.record.token_id }, T0)).toBe(1);
    expect(await checkBearer(store, 'Bearer ' + a.token)).toMatchObject({ ok: false, status: 401, reason: expect.stringContaining('revoked') });
    expect(await store.revokeTokens({ deviceId: 'dev-2' }, T0)).toBe(2);
    expect((await checkBearer(store, 'Bearer ' + c.token)).ok).toBe(false);
    expect((await checkBearer(store, 'Bearer ' + b.token)).ok).toBe(false);
    expect((await store.listTokens('dev-2')).every((t) => t.revoked_at === T0)).toBe(true);
  });

  it('answers an idempotent ingest the same way on every store (stored, duplicate, conflict)', async () => {
    var ing = new Ingestor(store, ['idle', 'x']);
    var e = { device_id: 'dev-1', id: 9, time: T0, gesture: 'x', move: 1, score: 0.5 };
    expect((await ing.ingestEvents([e], 'http')).results).toEqual([{ id: 9, status: 'stored' }]);
    expect((await ing.ingestEvents([e], 'mqtt')).results).toEqual([{ id: 9, status: 'duplicate' }]);
    expect((await ing.ingestEvents([{ ...e, score: 0.6 }], 'http')).results).toEqual([{ id: 9, status: 'conflict' }]);
    expect(ing.counters).toMatchObject({ stored: 1, duplicates: 1, conflicts: 1 });
  });

  it('keeps dead letters exactly (payload bytes, NUL in a reason), newest first, across a reopen', async () => {
    var payload = Buffer.from([0x7b, 0x00, 0xff, 0xed, 0xa0, 0x80]);
    await store.addDeadLetter({ received_at: T0, source: 'mqtt', topic: 'g/dev-1/events', device_id: 'dev-1', reason: 'malformed_json', message: 'bad \u0000 byte', payload });
    await store.addDeadLetter({ received_at: T0 + 1, source: 'mqtt', topic: 'g/bad id/events', device_id: null, reason: 'invalid_topic', message: 'no device', payload: Buffer.alloc(0) });
    await store.close();
    store = await factory.reopen();
    var back = await store.listDeadLetters(10);
    expect(back.map((d) => [d.reason, d.device_id, d.topic])).toEqual([['invalid_topic', null, 'g/bad id/events'], ['malformed_json', 'dev-1', 'g/dev-1/events']]);
    expect(Buffer.compare(back[1].payload, payload)).toBe(0);
    expect(back[1].message).toBe('bad \\u0000 byte');
    expect(back[0].seq).toBeGreaterThan(back[1].seq!);
    expect(await store.listDeadLetters(1)).toHaveLength(1);
  });

  it('group commit: concurrent requests share a commit and each gets its own exact results', async () => {
    var ing = new Ingestor(store, ['idle', 'x']);
    var e = (id: number, over: Record<string, unknown> = {}) => ({ device_id: 'dev-1', id, time: T0 + id, gesture: 'x', move: 1, score: 0.5, ...over });
    var before = ing.commits.stats.commits;
    // Started in the same turn: one group. Requests 2 and 3 repeat request 1's key (same
    // content, then other content); request 4 repeats a key inside itself.
    var [a, b, c, d] = await Promise.all([
      ing.ingestEvents([e(1), e(2)], 'http'),
      ing.ingestEvents([e(1)], 'http'),
      ing.ingestEvents([e(2, { gesture: 'idle', move: 0 })], 'mqtt'),
      ing.ingestEvents([e(3), e(3), e(4)], 'http'),
    ]);
    expect(ing.commits.stats.commits - before).toBe(1);
    expect(a.results).toEqual([{ id: 1, status: 'stored' }, { id: 2, status: 'stored' }]);
    expect(b.results).toEqual([{ id: 1, status: 'duplicate' }]);
    expect(c.results).toEqual([{ id: 2, status: 'conflict' }]);
    expect(d.results).toEqual([{ id: 3, status: 'stored' }, { id: 3, status: 'duplicate' }, { id: 4, status: 'stored' }]);
    expect(ing.counters).toMatchObject({ stored: 4, duplicates: 2, conflicts: 1 });
    var back = await store.queryEvents({ limit: 10 });
    expect(back.map((r) => [r.id, r.gesture]).sort()).toEqual([[1, 'x'], [2, 'x'], [3, 'x'], [4, 'x']]);
  });

  it('group commit: a failing statement fails only its own request; nothing of it is stored', async () => {
    var ing = new Ingestor(store, ['idle', 'x']);
    var e = (id: number, over: Record<string, unknown> = {}) => ({ device_id: 'dev-1', id, time: T0 + id, gesture: 'x', move: 1, score: 0.5, ...over });
    // A NULL gesture violates NOT NULL on both stores (validation would refuse it earlier;
    // here it stands for any statement failure inside a shared transaction).
    var answers = await Promise.allSettled([
      ing.ingestEvents([e(1)], 'http'),
      ing.ingestEvents([e(2), e(3, { gesture: null })], 'http'),
      ing.ingestEvents([e(1, { score: 0.9 }), e(4)], 'http'),
    ]);
    expect(answers.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((answers[0] as PromiseFulfilledResult<any>).value.results).toEqual([{ id: 1, status: 'stored' }]);
    expect((answers[2] as PromiseFulfilledResult<any>).value.results).toEqual([{ id: 1, status: 'conflict' }, { id: 4, status: 'stored' }]);
    expect(ing.commits.stats.split).toBe(1);
    expect((await store.queryEvents({ limit: 10 })).map((r) => r.id).sort()).toEqual([1, 4]);
  });
}
