// Stores validated events idempotently and tells listeners (SSE) about new ones. Used by
// the HTTP routes and MQTT alike, so a replay is handled the same way wherever it arrives.
import { EventEmitter } from 'node:events';
import type { GestureEvent } from '../core/types';
import type { EventStore, NewEvent, StoredEvent, EventSource, DeviceStatus } from './storage/types';
import type { LegacyMove } from './validate';
import { CommitQueue } from './commit-queue';

/**
 * stored: new row. duplicate: same (device_id, id) with the same content, already stored
 * (a retry). conflict: same (device_id, id) but different content: not stored, since the
 * first one wins; usually a device whose id counter went back after a reset.
 */
export type ItemStatus = 'stored' | 'duplicate' | 'conflict';

export interface IngestResult {
  stored: number;
  duplicates: number;
  conflicts: number;
  results: { id: number | null; status: ItemStatus }[];
}

export interface IngestCounters {
  stored: number;
  duplicates: number;
  conflicts: number;
  /** Rejections by reason (validation, auth, size, ...), since start. */
  rejected: Record<string, number>;
}

export class Ingestor {
  readonly live = new EventEmitter();
  readonly counters: IngestCounters = { stored: 0, duplicates: 0, conflicts: 0, rejected: {} };

  /** Concurrent requests' inserts share one transaction (and one fsync). */
  readonly commits: CommitQueue;

  constructor(readonly store: EventStore, private readonly legacyLabels: string[]) {
    // Every dashboard tab is one listener.
    this.live.setMaxListeners(0);
    // A durable commit costs an fsync (milliseconds): waiting up to 1 ms for the devices
    // just answered lets them share the next one. A relaxed commit is cheaper than the wait.
    this.commits = new CommitQueue(store, { concurrency: store.commitConcurrency, gatherMs: store.durability === 'full' ? 1 : 0 });
  }

  reject(reason: string) {
    this.counters.rejected[reason] = (this.counters.rejected[reason] ?? 0) + 1;
  }

  async ingestEvents(events: GestureEvent[], source: EventSource): Promise<IngestResult> {
    var now = Date.now();
    var rows: NewEvent[] = events.map((e) => ({ device_id: e.device_id, id: e.id, time: e.time, gesture: e.gesture, move: e.move, score: e.score, source, received_at: now }));
    return this.insert(rows);
  }

  /** Legacy rows carry no id: a repeat of (device_id, time, move) is a duplicate. */
  async ingestLegacy(move: LegacyMove): Promise<IngestResult> {
    var gesture = this.legacyLabels[move.move] ?? 'move_' + move.move;
    var row: NewEvent = { device_id: move.device_id, id: null, time: move.time, gesture, move: move.move, score: null, source: 'legacy', received_at: Date.now() };
    return this.insert([row]);
  }

  /** A device's status report (its outbox counters): kept as its latest, and told to listeners. */
  async ingestStatus(status: DeviceStatus): Promise<void> {
    await this.store.putDeviceStatus(status);
    this.live.emit('status', status);
  }

  private async insert(rows: NewEvent[]): Promise<IngestResult> {
    // Resolves after the commit: only then may a caller acknowledge.
    var inserted = await this.commits.insert(rows);
    // Rows not inserted hit an existing key: fetch those rows (one query) to tell a retry from a conflict.
    var missing = rows.filter((r, i) => !inserted[i] && r.id !== null).map((r) => ({ device_id: r.device_id, id: r.id as number }));
    var prior = new Map<string, StoredEvent>();
    for (var p of await this.store.findByIds(missing)) prior.set(p.device_id + '\u0000' + p.id, p);
    var out: IngestResult = { stored: 0, duplicates: 0, conflicts: 0, results: [] };
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var status: ItemStatus;
      var stored = inserted[i];
      if (stored) {
        status = 'stored';
        this.live.emit('event', stored);
      } else {
        var before = prior.get(row.device_id + '\u0000' + row.id);
        status = before && !sameContent(before, row) ? 'conflict' : 'duplicate';
      }
      if (status === 'stored') out.stored++;
      else if (status === 'duplicate') out.duplicates++;
      else out.conflicts++;
      out.results.push({ id: row.id, status });
    }
    this.counters.stored += out.stored;
    this.counters.duplicates += out.duplicates;
    this.counters.conflicts += out.conflicts;
    return out;
  }
}

function sameContent(a: StoredEvent, b: NewEvent): boolean {
  return a.time === b.time && a.gesture === b.gesture && a.move === b.move && a.score === b.score;
}
