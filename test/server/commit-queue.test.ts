// The group-commit queue's gathering: after a group of N requests, a smaller queue waits
// (up to gatherMs) for the callers to come back, so they share one commit.
import { describe, it, expect, afterEach } from 'vitest';
import { CommitQueue, openSqliteStore, type EventStore, type NewEvent } from '../../src/server';
import { tempDir, removeDir } from './helpers';

var T0 = 1_760_000_000_000;
var row = (id: number): NewEvent => ({ device_id: 'dev-q', id, time: T0 + id, gesture: 'x', move: 1, score: 0.5, source: 'http', received_at: T0 });

describe('CommitQueue', () => {
  var dir = '';
  var store: EventStore;
  afterEach(async () => {
    await store.close();
    removeDir(dir);
  });

  it('waits for as many requests as the last group had, then commits them together', async () => {
    dir = tempDir();
    store = openSqliteStore(dir, { durability: 'relaxed' });
    // A wait far longer than the test: the second group must be complete, not timed out.
    var q = new CommitQueue(store, { gatherMs: 60_000 });
    await Promise.all([q.insert([row(1)]), q.insert([row(2)]), q.insert([row(3)])]);
    expect(q.stats).toEqual({ commits: 1, requests: 3, split: 0 });
    var first = q.insert([row(4)]);
    await new Promise((r) => setTimeout(r, 20));
    expect(q.stats.commits).toBe(1); // still gathering
    var rest = [q.insert([row(5), row(6)]), q.insert([row(4)])];
    var [a, b, c] = await Promise.all([first, ...rest]);
    expect(q.stats).toEqual({ commits: 2, requests: 6, split: 0 });
    expect(a.map((r) => r !== null)).toEqual([true]);
    expect(b.map((r) => r !== null)).toEqual([true, true]);
    expect(c).toEqual([null]);
  });

  it('without gathering, a lone request commits in the next turn', async () => {
    dir = tempDir();
    store = openSqliteStore(dir, { durability: 'relaxed' });
    var q = new CommitQueue(store);
    await Promise.all([q.insert([row(1)]), q.insert([row(2)])]);
    await q.insert([row(3)]);
    expect(q.stats).toEqual({ commits: 2, requests: 3, split: 0 });
    expect(await q.insert([])).toEqual([]);
  });
});
