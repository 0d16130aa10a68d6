// Status reports: a sink that can reach the receiver sends the outbox's counters (stats())
// every `everyMs` while its link is up, so the dashboard shows a device's drops, refusals
// and queue even when it makes no gestures (and sees it as online). Device code: ES5.
import type { OutboxStats } from './outbox';
import { asciiJson } from './event-json';

/** Default period: two missed reports pass the receiver's default offline time (10 min). */
export var STATUS_EVERY_MS = 300000;

/** `{device_id, queued, sent, dropped, rejected, ...}` as POST /api/v1/status takes it. */
export function statusBody(deviceId: string, stats: OutboxStats): string {
  var s: any = stats; // a fresh object per stats() call
  s.device_id = deviceId;
  return asciiJson(s);
}

/**
 * The sink's watchStats(): every `everyMs` (0: never), while `isUp()`, `send(body)`.
 * Returns what stops it (the outbox's close()); `send` must not throw.
 */
export function reportStatus(everyMs: number, isUp: () => boolean, send: (body: string) => void) {
  return everyMs > 0 ? function (deviceId: string, stats: () => OutboxStats) {
    var timer = setInterval(function () {
      if (isUp()) send(statusBody(deviceId, stats()));
    }, everyMs);
    return function () { clearInterval(timer); };
  } : undefined;
}
