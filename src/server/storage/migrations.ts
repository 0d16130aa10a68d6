// Schema history. Append, never edit: a deployed database has run the earlier steps.
// Each step is plain SQL valid in both SQLite and PostgreSQL unless split by dialect.

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

var eventsColumns = (seqType: string) => `
  CREATE TABLE events (
    seq ${seqType},
    device_id TEXT NOT NULL,
    event_id BIGINT,
    time BIGINT NOT NULL,
    gesture TEXT NOT NULL,
    move INTEGER NOT NULL,
    score DOUBLE PRECISION,
    source TEXT NOT NULL,
    received_at BIGINT NOT NULL
  );
  -- idempotency: one row per (device_id, id); legacy rows (no id) per (device_id, time, move)
  CREATE UNIQUE INDEX events_device_event ON events (device_id, event_id);
  CREATE UNIQUE INDEX events_legacy_key ON events (device_id, time, move) WHERE event_id IS NULL;
  CREATE INDEX events_time ON events (time, seq);
  CREATE INDEX events_device_time ON events (device_id, time);
  CREATE TABLE tokens (
    token_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    label TEXT,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
  );
  CREATE INDEX tokens_device ON tokens (device_id);
`;

export var migrations: Migration[] = [
  {
    version: 1,
    name: 'events and tokens',
    sqlite: eventsColumns('INTEGER PRIMARY KEY AUTOINCREMENT'),
    postgres: eventsColumns('BIGSERIAL PRIMARY KEY'),
  },
  {
    // MQTT messages refused or failing: acknowledged (so they never block the subscription)
    // and kept here with the reason, payload as received.
    version: 2,
    name: 'dead letters',
    sqlite: deadLetters('INTEGER PRIMARY KEY AUTOINCREMENT', 'BLOB'),
    postgres: deadLetters('BIGSERIAL PRIMARY KEY', 'BYTEA'),
  },
  {
    // Health per device: the outbox counters each device last reported. Only a table is
    // added (no index: ingestion pays nothing), so a database from before stays readable.
    version: 3,
    name: 'device status',
    sqlite: deviceStatus(),
    postgres: deviceStatus(),
  },
];

function deviceStatus(): string {
  return `
  CREATE TABLE device_status (
    device_id TEXT PRIMARY KEY,
    reported_at BIGINT NOT NULL,
    source TEXT NOT NULL,
    queued BIGINT,
    sent BIGINT,
    dropped BIGINT,
    rejected BIGINT,
    failures BIGINT,
    persist_errors BIGINT,
    held BIGINT,
    estimated BIGINT,
    next_id BIGINT,
    other TEXT
  );
`;
}

function deadLetters(seqType: string, bytesType: string): string {
  return `
  CREATE TABLE dead_letters (
    seq ${seqType},
    received_at BIGINT NOT NULL,
    source TEXT NOT NULL,
    topic TEXT NOT NULL,
    device_id TEXT,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    payload ${bytesType} NOT NULL
  );
  CREATE INDEX dead_letters_time ON dead_letters (received_at);
`;
}
