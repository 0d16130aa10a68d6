// The contract between the outbox and a transport (HTTP, BLE, MQTT). Device code: ES5.
import type { GestureEvent, DeviceError } from '../core/types';
import type { OutboxStats } from './outbox';

/** The receiver's answer for one event of a batch (POST /api/v1/events `results`). */
export interface EventResult {
  id: number | null;
  /** stored | duplicate | conflict (delivered) or refused (never will be). */
  status: string;
  error?: string;
  message?: string;
}

/**
 * Called once per send(). `err` null: the batch was delivered; `results`, when the
 * transport has them, say per event, and those `refused` are dropped and counted as
 * rejected while the rest count as sent. `err.retry === false`: the receiver rejected
 * the batch for good (bad payload); the outbox drops it and counts it, instead of
 * retrying it forever. `err.retryAfterMs`: wait at least this long (HTTP 429).
 */
export type SendDone = (err: DeviceError | null, results?: EventResult[]) => void;

/** A transport the outbox hands batches to. One send() is in flight at a time. */
export interface Sink {
  /** Largest batch one send() accepts (1 for transports that carry one event per message). */
  maxBatch: number;
  send(events: GestureEvent[], done: SendDone): void;
  /** Whether the link is up now (Wi-Fi joined, BLE central connected, MQTT session open). */
  isUp?(): boolean;
  /** The outbox registers here to hear when the link goes up or down. */
  onLinkChange?(listener: (up: boolean) => void): void;
  /**
   * Asks the other end for the time and sets the device clock from it (the HTTP sink reads
   * the receiver's Date header). The outbox calls it while it holds events for an unset clock.
   */
  syncClock?(done: SendDone): void;
  /**
   * The outbox hands over its device id and stats(): a sink that reaches the receiver reports
   * them now and then (src/sinks/status-report.ts), for the dashboard's device health.
   * Returns what stops the reports (called by the outbox's close()).
   */
  watchStats?(deviceId: string, stats: () => OutboxStats): () => void;
}

/** The text of whatever a transport threw (an Error's message, else the value itself). */
export function errorText(e: any): string {
  return e && e.message ? e.message : String(e);
}
