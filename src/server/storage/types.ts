// The storage contract. SQLite (embedded default) and PostgreSQL (fleets) both implement
// it and both pass test/server/storage.suite.ts.

/**
 * What an acknowledgement promises. full (default): the event is on disk when the receiver
 * answers (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on), so a power cut loses
 * nothing acknowledged. relaxed: committed, but the last commits may be lost on a power cut
 * or OS crash (never on a receiver crash alone); faster on disks with slow fsync.
 */
export type Durability = 'full' | 'relaxed';

/** Where an event came in. */
/** How an event arrived; 'ble': over HTTP from a Bluetooth bridge (header x-gesture-via: ble). */
export type EventSource = 'http' | 'mqtt' | 'legacy' | 'ble';

/** An event as stored; `id` is null for legacy write-move events (they carry none). */
export interface StoredEvent {
  /** Server-assigned, increasing in arrival order. */
  seq: number;
  device_id: string;
  id: number | null;
  time: number;
  gesture: string;
  move: number;
  /** Null for legacy events (the original sent no confidence). */
  score: number | null;
  source: EventSource;
  /** Epoch ms at the receiver. */
  received_at: number;
}

export type NewEvent = Omit<StoredEvent, 'seq'>;

/** Result of one insert: the stored row, or null when a row with the same key existed. */
export type InsertResult = StoredEvent | null;

export interface EventQuery {
  device?: string;
  gesture?: string;
  /** Inclusive lower bound on event time (epoch ms). */
  since?: number;
  /** Exclusive upper bound on event time (epoch ms). */
  until?: number;
  /** Newest first; the cursor continues after (time, seq) of the last row seen. */
  after?: { time: number; seq: number };
  limit: number;
}

export interface StatsQuery {
  device?: string;
  gesture?: string;
  since?: number;
  until?: number;
  /** Bucket width for the timeline, ms. */
  bucketMs: number;
}

export interface Stats {
  total: number;
  first_time: number | null;
  last_time: number | null;
  by_gesture: { gesture: string; count: number }[];
  by_device: { device_id: string; count: number; last_time: number }[];
  /** Counts per time bucket and gesture; `t` is the bucket start (epoch ms). */
  timeline: { t: number; gesture: string; count: number }[];
}

export interface TokenRecord {
  token_id: string;
  device_id: string;
  hash: string;
  label: string | null;
  created_at: number;
  revoked_at: number | null;
}

/** A message that was acknowledged but not (or not wholly) stored, kept for people to look at. */
export interface DeadLetter {
  /** Set by the store. */
  seq?: number;
  received_at: number;
  source: 'mqtt';
  topic: string;
  /** From the topic, when it names a valid device. */
  device_id: string | null;
  /** The rejection counter it went under: invalid_event, malformed_json, internal, ... */
  reason: string;
  message: string;
  payload: Buffer;
}

/**
 * The outbox counters a device last reported (POST /api/v1/status or MQTT
 * <prefix>/<device>/status). A field the device did not send is null.
 */
export interface DeviceStatus {
  device_id: string;
  /** Epoch ms at the receiver when the report arrived. */
  reported_at: number;
  source: 'http' | 'mqtt';
  queued: number | null;
  sent: number | null;
  dropped: number | null;
  rejected: number | null;
  failures: number | null;
  persist_errors: number | null;
  held: number | null;
  estimated: number | null;
  next_id: number | null;
  /** Further counters the device sent (numbers or booleans by name), e.g. `linkUp`. */
  other: Record<string, number | boolean>;
}

/** One device as the health view sees it: from its events and its last status report. */
export interface DeviceHealthRow {
  device_id: string;
  /** received_at of its newest event (by event time), null when none is stored. */
  last_event_received_at: number | null;
  /** Largest event time (device clock). */
  last_event_time: number | null;
  /** Events whose time is at or after `since` (the caller passes now - 1 h). */
  recent_events: number;
  status: DeviceStatus | null;
  /** Whether it has a token that is not revoked. */
  has_token: boolean;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'postgres';
  readonly durability: Durability;
  /** Transactions that may commit at the same time (the group-commit queue uses it). */
  readonly commitConcurrency: number;
  /**
   * Inserts in one transaction; per row the stored event, or null for an existing key (also a
   * repeat of a key earlier in `events`: the first one wins). Resolves only after the commit,
   * as durable as `durability` says; on failure nothing of `events` is stored.
   */
  insertEvents(events: NewEvent[]): Promise<InsertResult[]>;
  /** The stored events with these (device_id, id) keys; missing keys are left out. */
  findByIds(keys: { device_id: string; id: number }[]): Promise<StoredEvent[]>;
  queryEvents(q: EventQuery): Promise<StoredEvent[]>;
  stats(q: StatsQuery): Promise<Stats>;
  addToken(t: TokenRecord): Promise<void>;
  findTokenByHash(hash: string): Promise<TokenRecord | null>;
  listTokens(deviceId?: string): Promise<TokenRecord[]>;
  /** Marks tokens revoked by id or by device; returns how many changed. */
  revokeTokens(by: { tokenId?: string; deviceId?: string }, at: number): Promise<number>;
  addDeadLetter(d: DeadLetter): Promise<void>;
  /** Keeps the device's latest report: an older one (reported_at) never replaces a newer one. */
  putDeviceStatus(s: DeviceStatus): Promise<void>;
  /**
   * Every device that has events, a status report or an active token (or just `device`),
   * sorted by id. Index look-ups per device, no scan of the events table.
   */
  deviceHealth(q: { since: number; device?: string }): Promise<DeviceHealthRow[]>;
  /** Newest first. */
  listDeadLetters(limit: number): Promise<DeadLetter[]>;
  close(): Promise<void>;
}
