// Bounded queue between the debouncer and a transport: assigns per-device monotonic ids,
// batches, retries with exponential backoff while the link is down, drops the oldest event
// when full (counted), and optionally mirrors itself to Storage. Device code: ES5.
// Records live in parallel typed arrays (22 bytes per event, a handful of JsVars in all).
import type { DetectedGesture, DeviceError, GestureEvent } from '../core/types';
import { deviceError, ErrorCodes } from '../core/errors';
import type { Sink } from './sink';
import { decodeOutbox, encodeOutbox, StorageLike } from './outbox-store';
import { isValidDeviceId, isByteText } from './device-id';

export interface OutboxOptions {
  deviceId: string;
  /** Label names; `DetectedGesture.label` indexes them. */
  labels: string[];
  sink: Sink;
  /** Events kept at most; when full the oldest is dropped and counted. Default 32. */
  capacity?: number;
  /** Events per send(); also capped by sink.maxBatch. Default 10. */
  batchSize?: number;
  /** Wait this long after a push so close events share one send(). Default 0 (same tick). */
  batchDelayMs?: number;
  /** First retry delay; doubles per consecutive failure up to retryMaxMs. Defaults 1000 / 60000. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Random fraction (0..1) taken off each delay so many devices do not retry in step. Default 0.2. */
  retryJitter?: number;
  /** require("Storage") to survive reboots; omit to keep the queue in RAM only. */
  storage?: StorageLike | null;
  /** Storage file name (max 28 chars). Default "gestures.outbox". */
  storageFile?: string;
  /** First id when nothing is saved. Default 1. */
  firstId?: number;
  /**
   * Maps DetectedGesture.timeMs to epoch ms. Default: timeMs is on the device clock
   * (getTime() * 1000, what drivers and the pipeline use); Date.now() - getTime() * 1000 is
   * added, which is 0 on a board (one clock) and the boot epoch in the sandbox. Without
   * getTime (Node) timeMs is taken as epoch ms.
   */
  toEpochMs?: (timeMs: number) => number;
  /** Told about every drop of the oldest event (count dropped now, total so far). */
  onDrop?: (count: number, totalDropped: number) => void;
  /** Told about send failures, rejections and Storage failures; sending goes on. */
  onError?: (err: DeviceError) => void;
}

export interface OutboxStats {
  queued: number;
  /** Events the sink confirmed. */
  sent: number;
  /** Events dropped because the queue was full (oldest first). */
  dropped: number;
  /** Events the receiver refused for good (err.retry === false). */
  rejected: number;
  /** Consecutive failed sends (0 after a success). */
  failures: number;
  nextId: number;
  linkUp: boolean;
  /** Storage writes that failed (queue kept in RAM). */
  persistErrors: number;
}

function deviceClockToEpoch(timeMs: number): number {
  return typeof getTime === 'function' ? timeMs + (Date.now() - getTime() * 1000) : timeMs;
}

function checkPositiveInt(name: string, v: any, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || v !== Math.floor(v) || v < 1 || v > max) {
    throw deviceError(ErrorCodes.BAD_CONFIG, 'Outbox option ' + name + ' must be an integer from 1 to ' + max + ', got ' + v);
  }
  return v;
}

function checkDelay(name: string, v: any, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !(v >= 0) || v === Infinity) {
    throw deviceError(ErrorCodes.BAD_CONFIG, 'Outbox option ' + name + ' must be a number of ms >= 0, got ' + v);
  }
  return v;
}

export class Outbox {
  private o: OutboxOptions;
  private sink: Sink;
  private cap: number;
  private batch: number;
  private file: string;
  private names: string[];
  private ids: Float64Array;
  private times: Float64Array;
  private scores: Float32Array;
  private moves: Uint8Array;
  private nameIdx: Uint8Array;
  private head = 0;
  private count = 0;
  private nextId: number;
  private st = { sent: 0, dropped: 0, rejected: 0, failures: 0, persistErrors: 0 };
  private linkUp: boolean;
  private inFlight = 0; // token of the send in flight, 0 when none
  private tokens = 0;
  private sendTimer: any = null;
  private retryTimer: any = null;
  private closed = false;

  constructor(options: OutboxOptions) {
    if (!options || typeof options.deviceId !== 'string' || !isValidDeviceId(options.deviceId)) {
      throw deviceError(ErrorCodes.BAD_CONFIG, 'Outbox deviceId must be 1-64 characters of A-Z a-z 0-9 . _ : - (it goes into URLs and MQTT topics), got ' + JSON.stringify(options && options.deviceId));
    }
    if (!options.labels || !options.labels.length || options.labels.length > 255) {
      throw deviceError(ErrorCodes.BAD_CONFIG, 'Outbox needs the model labels (1 to 255 names)');
    }
    if (!options.sink || typeof options.sink.send !== 'function') {
      throw deviceError(ErrorCodes.BAD_CONFIG, 'Outbox needs a sink with send(events, done)');
    }
    for (var i = 0; i < options.labels.length; i++) {
      var l = options.labels[i];
      if (typeof l !== 'string' || l.indexOf('\n') >= 0 || !isByteText(l)) {
        throw deviceError(ErrorCodes.BAD_CONFIG, 'Outbox label ' + i + ' must be 8-bit text without newlines, got ' + JSON.stringify(l));
      }
    }
    this.o = options;
    this.sink = options.sink;
    this.cap = checkPositiveInt('capacity', options.capacity, 32, 65535);
    this.batch = checkPositiveInt('batchSize', options.batchSize, 10, 1000);
    if (this.sink.maxBatch >= 1 && this.sink.maxBatch < this.batch) this.batch = this.sink.maxBatch;
    checkDelay('batchDelayMs', options.batchDelayMs, 0);
    checkDelay('retryMinMs', options.retryMinMs, 1000);
    checkDelay('retryMaxMs', options.retryMaxMs, 60000);
    this.file = options.storageFile || 'gestures.outbox';
    if (this.file.length > 28) {
      throw deviceError(ErrorCodes.BAD_CONFIG, 'Outbox storageFile must be at most 28 characters: ' + this.file);
    }
    this.names = options.labels.slice();
    this.ids = new Float64Array(this.cap);
    this.times = new Float64Array(this.cap);
    this.scores = new Float32Array(this.cap);
    this.moves = new Uint8Array(this.cap);
    this.nameIdx = new Uint8Array(this.cap);
    this.nextId = options.firstId !== undefined ? options.firstId : 1;
    if (options.storage) this.restore(options.storage);
    this.linkUp = this.sink.isUp ? !!this.sink.isUp() : true;
    var self = this;
    if (this.sink.onLinkChange) this.sink.onLinkChange(function (up) { self.setLinkUp(up); });
    if (this.count) this.schedule(0);
  }

  /** Queues one detected gesture; returns the id it was given. */
  push(g: DetectedGesture): number {
    if (this.closed) throw deviceError(ErrorCodes.NOT_INITIALISED, 'Outbox is closed');
    if (!g || typeof g.label !== 'number' || g.label < 0 || g.label >= this.o.labels.length || g.label !== Math.floor(g.label)) {
      throw deviceError(ErrorCodes.BAD_INPUT, 'Outbox.push: label must be an index into ' + this.o.labels.length + ' labels, got ' + (g && g.label));
    }
    var t = this.o.toEpochMs ? this.o.toEpochMs(g.timeMs) : deviceClockToEpoch(g.timeMs);
    if (typeof t !== 'number' || t !== t) {
      throw deviceError(ErrorCodes.BAD_INPUT, 'Outbox.push: time must be a number of epoch ms, got ' + t);
    }
    if (this.count === this.cap) {
      this.head = (this.head + 1) % this.cap;
      this.count--;
      this.st.dropped++;
      if (this.o.onDrop) this.o.onDrop(1, this.st.dropped);
    }
    var i = (this.head + this.count) % this.cap;
    var id = this.nextId++;
    this.ids[i] = id;
    this.times[i] = Math.round(t);
    this.scores[i] = g.score;
    this.moves[i] = g.label;
    this.nameIdx[i] = g.label;
    this.count++;
    this.persist();
    this.schedule(this.o.batchDelayMs || 0);
    return id;
  }

  /** Number of events waiting (including those in flight). */
  size(): number {
    return this.count;
  }

  /** The k-th oldest queued event, as it will be sent. */
  peek(k: number): GestureEvent | null {
    if (k < 0 || k >= this.count) return null;
    var i = (this.head + k) % this.cap;
    return {
      device_id: this.o.deviceId,
      id: this.ids[i],
      time: this.times[i],
      gesture: this.names[this.nameIdx[i]],
      move: this.moves[i],
      score: this.scores[i]
    };
  }

  /** Tell the outbox the link went up (sends at once, backoff reset) or down (sending pauses). */
  setLinkUp(up: boolean): void {
    var was = this.linkUp;
    this.linkUp = !!up;
    if (up && !was) {
      this.st.failures = 0;
      if (this.retryTimer) { clearTimeout(this.retryTimer); this.retryTimer = null; }
      this.schedule(0);
    }
  }

  /** Try to send now, skipping any backoff wait. */
  flush(): void {
    if (this.retryTimer) { clearTimeout(this.retryTimer); this.retryTimer = null; }
    this.schedule(0);
  }

  stats(): OutboxStats {
    return {
      queued: this.count,
      sent: this.st.sent,
      dropped: this.st.dropped,
      rejected: this.st.rejected,
      failures: this.st.failures,
      nextId: this.nextId,
      linkUp: this.linkUp,
      persistErrors: this.st.persistErrors
    };
  }

  /** Stops timers; a reply to a send in flight is ignored. The saved file stays. */
  close(): void {
    this.closed = true;
    this.inFlight = 0;
    if (this.sendTimer) { clearTimeout(this.sendTimer); this.sendTimer = null; }
    if (this.retryTimer) { clearTimeout(this.retryTimer); this.retryTimer = null; }
  }

  private schedule(ms: number): void {
    if (this.closed || this.sendTimer || this.retryTimer) return;
    var self = this;
    this.sendTimer = setTimeout(function () {
      self.sendTimer = null;
      self.trySend();
    }, ms);
  }

  private trySend(): void {
    if (this.closed || this.inFlight || !this.count || !this.linkUp) return;
    var n = this.count < this.batch ? this.count : this.batch;
    var events: GestureEvent[] = [];
    for (var k = 0; k < n; k++) events.push(this.peek(k) as GestureEvent);
    var lastId = events[n - 1].id;
    var token = ++this.tokens;
    this.inFlight = token;
    var self = this;
    var done = function (err: DeviceError | null) {
      if (self.inFlight !== token) return; // late or repeated reply
      self.inFlight = 0;
      self.finish(err, lastId);
    };
    try {
      this.sink.send(events, done);
    } catch (e: any) {
      done(deviceError(ErrorCodes.NETWORK, 'Sink threw: ' + (e && e.message ? e.message : e)));
    }
  }

  private finish(err: DeviceError | null, lastId: number): void {
    if (err && err.retry !== false) {
      this.st.failures++;
      if (this.o.onError) this.o.onError(err);
      var min = this.o.retryMinMs !== undefined ? this.o.retryMinMs : 1000;
      var max = this.o.retryMaxMs !== undefined ? this.o.retryMaxMs : 60000;
      var jitter = this.o.retryJitter !== undefined ? this.o.retryJitter : 0.2;
      var delay = min * Math.pow(2, this.st.failures - 1);
      if (delay > max) delay = max;
      delay = delay * (1 - jitter * Math.random());
      var self = this;
      this.retryTimer = setTimeout(function () {
        self.retryTimer = null;
        self.trySend();
      }, delay);
      return;
    }
    // Remove by id, not by count: drops while in flight may already have removed some.
    var removed = 0;
    while (this.count && this.ids[this.head] <= lastId) {
      this.head = (this.head + 1) % this.cap;
      this.count--;
      removed++;
    }
    if (err) {
      this.st.rejected += removed;
      if (this.o.onError) this.o.onError(err);
    } else {
      this.st.sent += removed;
      this.st.failures = 0;
    }
    this.persist();
    if (this.count) this.schedule(0);
  }

  private persist(): void {
    var storage = this.o.storage;
    if (!storage) return;
    var bytes = encodeOutbox({
      nextId: this.nextId,
      dropped: this.st.dropped,
      rejected: this.st.rejected,
      count: this.count,
      names: this.names,
      ids: this.ids,
      times: this.times,
      scores: this.scores,
      moves: this.moves,
      nameIdx: this.nameIdx
    }, this.head);
    var ok: any;
    try {
      ok = storage.write(this.file, bytes);
    } catch (e: any) {
      ok = false;
    }
    if (ok === false) {
      this.st.persistErrors++;
      if (this.o.onError) this.o.onError(deviceError(ErrorCodes.NETWORK, 'Outbox could not write Storage file ' + this.file, { retry: true }));
    }
  }

  /** Loads a saved queue; names unknown to the current labels are kept for those events. */
  private restore(storage: StorageLike): void {
    var buf = storage.readArrayBuffer(this.file);
    if (!buf) return;
    var img;
    try {
      img = decodeOutbox(buf);
    } catch (e: any) {
      if (this.o.onError) this.o.onError(e);
      return; // an unreadable file must not stop the device; it is overwritten on the next push
    }
    if (img.nextId > this.nextId) this.nextId = img.nextId;
    this.st.dropped = img.dropped;
    this.st.rejected = img.rejected;
    var n = img.count;
    var skip = n > this.cap ? n - this.cap : 0;
    this.st.dropped += skip;
    for (var k = skip; k < n; k++) {
      var name = img.names[img.nameIdx[k]];
      var idx = this.names.indexOf(name);
      if (idx < 0) { idx = this.names.length; this.names.push(name); }
      var i = this.count;
      this.ids[i] = img.ids[k];
      this.times[i] = img.times[k];
      this.scores[i] = img.scores[k];
      this.moves[i] = img.moves[k];
      this.nameIdx[i] = idx;
      this.count++;
      if (img.ids[k] >= this.nextId) this.nextId = img.ids[k] + 1;
    }
  }
}
