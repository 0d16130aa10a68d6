// Group commit: inserts from concurrent requests (HTTP and MQTT) are queued and committed
// together in one store transaction, and each caller is answered after that commit. A
// durable commit (fsync) costs the same for 1 row as for 1,000, so sharing it is what lets
// an acknowledgement mean "on disk" at fleet rates.
import type { EventStore, NewEvent, InsertResult } from './storage/types';

interface Pending {
  rows: NewEvent[];
  resolve(r: InsertResult[]): void;
  reject(e: unknown): void;
}

export interface CommitQueueOptions {
  /** Rows per transaction at most; a group stops growing at this size. Default 4,000. */
  maxRows?: number;
  /** Groups committing at the same time; default 1. */
  concurrency?: number;
  /**
   * Longest wait, ms, for the callers of the last group to send again before committing a
   * smaller group; default 0. Worth about a fifth of an fsync: the devices just answered
   * are the likeliest next writers, and one fsync for all of them beats two.
   */
  gatherMs?: number;
}

export interface CommitStats {
  /** Transactions that committed. */
  commits: number;
  /** Requests answered by those commits. */
  requests: number;
  /** Groups whose shared transaction failed and were retried request by request. */
  split: number;
}

export class CommitQueue {
  readonly stats: CommitStats = { commits: 0, requests: 0, split: 0 };
  private queue: Pending[] = [];
  private running = 0;
  private scheduled = false;
  private gathering: ReturnType<typeof setTimeout> | null = null;
  /** Requests in the last group committed: how many callers are likely to come back. */
  private lastGroup = 0;
  private readonly maxRows: number;
  private readonly concurrency: number;
  private readonly gatherMs: number;

  constructor(private readonly store: EventStore, o: CommitQueueOptions = {}) {
    this.maxRows = o.maxRows ?? 4000;
    this.concurrency = o.concurrency ?? 1;
    this.gatherMs = o.gatherMs ?? 0;
  }

  /** Same meaning as store.insertEvents(rows), but the transaction may be shared. */
  insert(rows: NewEvent[]): Promise<InsertResult[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.gathering && this.queue.length >= this.lastGroup) {
      // Everyone expected is back: stop waiting.
      clearTimeout(this.gathering);
      this.gathering = null;
      this.scheduled = false;
    }
    if (this.scheduled || this.running >= this.concurrency || !this.queue.length) return;
    this.scheduled = true;
    var flush = () => {
      this.gathering = null;
      this.scheduled = false;
      while (this.running < this.concurrency && this.queue.length) this.run(this.take());
    };
    if (this.gatherMs > 0 && this.queue.length < this.lastGroup) this.gathering = setTimeout(flush, this.gatherMs);
    // Else wait for the rest of this event-loop turn: requests parsed in the same turn share a commit.
    else setImmediate(flush);
  }

  private take(): Pending[] {
    var group: Pending[] = [];
    var rows = 0;
    while (this.queue.length && (group.length === 0 || rows + this.queue[0].rows.length <= this.maxRows)) {
      var p = this.queue.shift() as Pending;
      group.push(p);
      rows += p.rows.length;
    }
    return group;
  }

  private async run(group: Pending[]) {
    this.running++;
    try {
      await this.commit(group);
    } finally {
      this.running--;
      this.schedule();
    }
  }

  private async commit(group: Pending[]) {
    if (group.length === 1) return this.commitAlone(group[0]);
    var all: NewEvent[] = [];
    for (var p of group) for (var r of p.rows) all.push(r);
    try {
      var results = await this.store.insertEvents(all);
    } catch {
      // The shared transaction rolled back: nothing of it is stored. Commit each request on
      // its own, so a failing statement fails only the request it belongs to.
      this.stats.split++;
      for (var one of group) await this.commitAlone(one);
      return;
    }
    this.stats.commits++;
    this.stats.requests += group.length;
    this.lastGroup = group.length;
    var at = 0;
    for (var q of group) {
      q.resolve(results.slice(at, at + q.rows.length));
      at += q.rows.length;
    }
  }

  private async commitAlone(p: Pending) {
    try {
      var results = await this.store.insertEvents(p.rows);
    } catch (e) {
      p.reject(e);
      return;
    }
    this.stats.commits++;
    this.stats.requests++;
    this.lastGroup = 1;
    p.resolve(results);
  }
}
