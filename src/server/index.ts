// espruino-gestures/server: the receiver (HTTP API, SQLite/PostgreSQL storage, MQTT
// ingestion, live dashboard). See docs/receiver.md.
export { startReceiver, openStore, SEED_LABELS } from './receiver';
export type { Receiver, ReceiverOptions, StorageOptions } from './receiver';
export { openSqliteStore, SQLITE_FILE_NAME } from './storage/sqlite';
export { openPostgresStore } from './storage/postgres';
export type { PostgresOptions } from './storage/postgres';
export type { EventStore, StoredEvent, NewEvent, EventQuery, StatsQuery, Stats, TokenRecord, EventSource, Durability } from './storage/types';
export type { SqliteOptions } from './storage/sqlite';
export { CommitQueue } from './commit-queue';
export type { CommitQueueOptions, CommitStats } from './commit-queue';
export { createDeviceToken, hashToken, checkBearer } from './tokens';
export type { CreatedToken } from './tokens';
export { validateEvent, validateEventBatch, checkEventBatch, validateLegacyMove, ValidationError, DEVICE_ID_PATTERN, labelProblem, isValidDeviceId, LABEL_RULE } from './validate';
export type { CheckedEvent } from './validate';
export type { BatchAnswer, EventOutcome } from './batch-results';
export type { DeadLetter } from './storage/types';
export type { ValidationProblem, LegacyMove } from './validate';
export { Ingestor } from './ingest';
export type { IngestResult, ItemStatus, IngestCounters } from './ingest';
export type { MqttOptions, MqttIngestion } from './mqtt-ingest';
