// Bounded queue between the debouncer and a transport: assigns per-device monotonic ids,
// batches, retries with exponential backoff while the link is down, drops the oldest event
// when full (counted), and optionally mirrors itself to Storage. Device code: ES5.
// Records live in parallel typed arrays (22 bytes per event, a handful of JsVars in all).
// Written as a closure, not a class: the minifier can shorten local names but not
// properties, and on a Puck.js every byte of code is RAM.
import type { DetectedGesture, DeviceError, GestureEvent } from '../core/types';
import { deviceError, ErrorCodes, configError, inputError } from '../core/errors';
import type { Sink, EventResult } from './sink';
import { decodeOutbox, encodeOutbox, StorageLike } from './outbox-store';
import { isValidDeviceId } from './device-id';
import { labelProblem } from '../core/names';
import { numberOption } from '../core/options';
import { BuildFeatures, notInThisBuild } from '../core/build-features';
import { CLOCK_SET_MS, clockMs, clockStepMs } from '../core/clock';

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
  /**
   * require("Storage") to survive reboots; omit to keep the queue in RAM only. Builds
   * without queue persistence (Pixl.js) keep only an id reservation there, so ids still
   * rise across reboots.
   */
  storage?: StorageLike | null;
  /** Storage file name (max 28 chars). Default "gestures.outbox" ("gestures.ids" for the id reservation). */
  storageFile?: string;
  /**
   * A push is saved at once; a delivery only this long after it (coalesced, or with the
   * next push), to spare flash. Power lost in between resends delivered events (the
   * receiver drops repeats by id). Default 10000 ms.
   */
  ackSaveDelayMs?: number;
  /** First id when nothing is saved. Default 1. */
  firstId?: number;
  /**
   * Maps DetectedGesture.timeMs to epoch ms. Default: timeMs is on the device clock
   * (getTime() * 1000, what drivers and the pipeline use; Date.now() on Node). A time before
   * 2001 is a clock that was not set yet (it counted from boot): the event is held, with that
   * boot time, until the clock is set, then corrected by the step and sent.
   */
  toEpochMs?: (timeMs: number) => number;
  /** Told about every drop of the oldest event (count dropped now, total so far). */
  onDrop?: (count: number, totalDropped: number) => void;
  /** Told about send failures, rejections and Storage failures; sending goes on. */
  onError?: (err: DeviceError) => void;
}

/** Ids reserved per Storage write on builds that keep the queue in RAM only. */
var ID_BLOCK = 64;

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
  /** Events waiting for the device clock to be set (they keep their boot time until then). */
  held: number;
  /**
   * Events restored from Storage that a previous boot made before its clock was ever set:
   * their times assume the reboot was immediate (the latest they can have happened).
   */
  estimated: number;
}

export interface Outbox {
  /** Queues one detected gesture; returns the id it was given. */
  push(g: DetectedGesture): number;
  /** Number of events waiting (including those in flight). */
  size(): number;
  /** The k-th oldest queued event, as it will be sent. */
  peek(k: number): GestureEvent | null;
  /** The link went up (sends at once, backoff reset) or down (sending pauses). */
  setLinkUp(up: boolean): void;
  /** Try to send now, skipping any backoff wait. */
  flush(): void;
  stats(): OutboxStats;
  /** Stops timers and saves a pending delivery state; a reply to a send in flight is ignored. */
  close(): void;
}

/** While events wait for the clock: how often to look at it, and to ask the sink for the time. */
var HOLD_CHECK_MS = 500;
var CLOCK_SYNC_MS = 10000;

// The helpers below are outside createOutbox on purpose: on Espruino a closure keeps its
// whole scope alive, so every function and local declared inside costs RAM for as long as
// the outbox lives (construction-only ones too).
/** The model labels, checked: the Storage image joins the names with newlines, one byte a character. */
function checkedLabels(labels: string[]): string[] {
  if (!labels || !labels.length || labels.length > 255) throw configError('Outbox: needs the model labels (1 to 255 names)');
  for (var li = 0; li < labels.length; li++) {
    var l = labels[li], wide = 0, ci;
    // The receiver's rule: an event it would refuse for its name is never queued. The
    // Storage image stores one byte a character (newlines are control characters); the
    // check is written out, not isByteText(): a function costs variables while loaded.
    if (BuildFeatures.outboxStorage && typeof l === 'string') for (ci = 0; ci < l.length; ci++) if (l.charCodeAt(ci) > 255) wide = 1;
    var why = labelProblem(l) || (wide ? 'is not 8-bit text' : null);
    if (why) throw configError('Outbox: label ' + li + ' ' + why + ', got ' + JSON.stringify(l));
  }
  return labels;
}

export function createOutbox(o: OutboxOptions): Outbox {
  if (!o || !isValidDeviceId(o.deviceId)) {
    throw configError('Outbox: deviceId must be 1-64 characters of A-Z a-z 0-9 . _ : - (it goes into URLs and MQTT topics), got ' + JSON.stringify(o && o.deviceId));
  }
  var labels = checkedLabels(o.labels);
  var sink = o.sink;
  if (!sink || typeof sink.send !== 'function') throw configError('Outbox: needs a sink with send(events, done)');
  var cap = numberOption('Outbox', o, 'capacity', 32, 1, true, 65535);
  var batch = numberOption('Outbox', o, 'batchSize', 10, 1, true, 1000);
  if (sink.maxBatch >= 1 && sink.maxBatch < batch) batch = sink.maxBatch;
  var batchDelay = numberOption('Outbox', o, 'batchDelayMs', 0, 0, false, 86400000);
  var retryMin = numberOption('Outbox', o, 'retryMinMs', 1000, 0, false, 86400000);
  var retryMax = numberOption('Outbox', o, 'retryMaxMs', 60000, 0, false, 86400000);
  var jitter = numberOption('Outbox', o, 'retryJitter', 0.2, 0, false, 1);
  var storage = o.storage;
  var file = '', ackSaveDelay = 0;
  if (BuildFeatures.outboxStorage) {
    file = o.storageFile || 'gestures.outbox';
    if (file.length > 28) throw configError('Outbox: storageFile must be at most 28 characters: ' + file);
    ackSaveDelay = numberOption('Outbox', o, 'ackSaveDelayMs', 10000, 0, false, 86400000);
  } else if (storage) {
    // Lean build: the queue lives in RAM, but ids must still rise across reboots, or the
    // receiver would take a rebooted device's new events for replays of old ids.
    file = o.storageFile || 'gestures.ids';
    if (file.length > 28) throw configError('Outbox: storageFile must be at most 28 characters: ' + file);
  }
  var toEpoch = o.toEpochMs;
  // The options the outbox reads after construction, so the options object itself is not kept (see the end).
  var deviceId = o.deviceId, onDrop = o.onDrop;
  // Errors go to onError; without one to Boolean, a built-in that does nothing with them (a
  // function of our own would cost about 6 variables for as long as the outbox lives).
  var report: (err: DeviceError) => void = o.onError || (Boolean as any);

  // The labels themselves until restore() meets a name they lack (then a copy): no array of our own.
  var names = labels;
  var ids = new Float64Array(cap);
  var times = new Float64Array(cap);
  var scores = new Float32Array(cap);
  var moves = new Uint8Array(cap);
  var nameIdx = new Uint8Array(cap);
  var head = 0;
  var count = 0;
  var nextId = o.firstId !== undefined ? o.firstId : 1;
  // Lean build with storage: ids below `reservedTo` are reserved in Storage, a block at a time,
  // so a reboot resumes above every id used, with one small flash write per ID_BLOCK events.
  var reservedTo = 0;
  if (!BuildFeatures.outboxStorage && storage) {
    var saved = Number(storage.read ? storage.read(file) : undefined);
    if (saved > nextId) nextId = saved;
  }
  var sent = 0, dropped = 0, rejected = 0, failures = 0, persistErrors = 0;
  var held = 0, estimated = 0;
  // Timers and flags are 0/1 rather than null/false: on Espruino a variable holding an
  // integer costs one variable, null or a boolean one more.
  var holdTimer: any = 0;
  var lastSync = -Infinity;
  var syncing = 0;
  var inFlight = 0; // token of the send in flight, 0 when none
  var tokens = 0;
  var sendTimer: any = 0;
  var retryTimer: any = 0;
  var saveTimer: any = 0;
  var closed = 0;
  var linkUp = true; // set from the sink below, once restore() has run


  function peek(k: number): GestureEvent | null {
    if (k < 0 || k >= count) return null;
    var i = (head + k) % cap;
    return { device_id: deviceId, id: ids[i], time: times[i], gesture: names[nameIdx[i]], move: moves[i], score: scores[i] };
  }

  function schedule(ms: number): void {
    if (closed || sendTimer || retryTimer) return;
    sendTimer = setTimeout(function () {
      sendTimer = 0;
      trySend();
    }, ms);
  }

  function trySend(): void {
    if (held) correctTimes();
    if (closed || inFlight || !count || !linkUp) return;
    var n = count < batch ? count : batch;
    var events: GestureEvent[] = [];
    // Only events with epoch times go out: a held one (and what follows it) waits for the clock.
    for (var k = 0; k < n && times[(head + k) % cap] >= CLOCK_SET_MS; k++) events.push(peek(k) as GestureEvent);
    n = events.length;
    if (!n) return;
    var lastId = events[n - 1].id;
    var token = ++tokens;
    inFlight = token;
    var done = function (err: DeviceError | null, results?: EventResult[]) {
      if (inFlight !== token) return; // late or repeated reply
      inFlight = 0;
      finish(err, lastId, results);
    };
    try {
      sink.send(events, done);
    } catch (e: any) {
      done(deviceError(ErrorCodes.NETWORK, 'Sink threw: ' + (e && e.message ? e.message : String(e))));
    }
  }

  function finish(err: DeviceError | null, lastId: number, results?: EventResult[]): void {
    if (err && err.retry !== false) {
      failures++;
      report(err);
      var wait = retryMin * Math.pow(2, failures - 1);
      if (wait > retryMax) wait = retryMax;
      wait = wait * (1 - jitter * Math.random());
      // A rate-limited receiver says when to come back (HTTP 429 Retry-After).
      if (err.retryAfterMs > wait) wait = err.retryAfterMs;
      retryTimer = setTimeout(function () {
        retryTimer = 0;
        trySend();
      }, wait);
      return;
    }
    // Remove by id, not by count: drops while in flight may already have removed some.
    // Events the receiver refused one by one are rejected; the rest of the batch was delivered.
    var removed = 0, nRefused = 0;
    while (count && ids[head] <= lastId) {
      for (var r = 0; !err && results && r < results.length; r++) {
        var res = results[r];
        if (res && res.id === ids[head] && res.status === 'refused') {
          nRefused++;
          report(inputError('Receiver refused event ' + res.id + ': ' + (res.message || res.error), { id: res.id, reason: res.error, retry: false }));
        }
      }
      head = (head + 1) % cap;
      count--;
      removed++;
    }
    if (err) {
      rejected += removed;
      report(err);
    } else {
      sent += removed - nRefused;
      rejected += nRefused;
      failures = 0;
    }
    if (BuildFeatures.outboxStorage && storage && !saveTimer) {
      saveTimer = setTimeout(function () {
        saveTimer = 0;
        persist();
      }, ackSaveDelay);
    }
    if (count) schedule(0);
  }

  /** Once the clock's step from boot time is known, held times get it added; then they can go. */
  function correctTimes(): void {
    clockMs(); // a reading now, so a step since the last one is seen
    var step = clockStepMs;
    if (step !== step) return;
    for (var k = 0; k < count; k++) {
      var i = (head + k) % cap;
      if (times[i] < CLOCK_SET_MS) times[i] = Math.round(times[i] + step);
    }
    held = 0;
    if (holdTimer) { clearTimeout(holdTimer); holdTimer = 0; }
    persist();
  }

  /** While events are held: look at the clock, and ask the sink for the time now and then. */
  function watchClock(): void {
    if (closed || holdTimer || !held) return;
    holdTimer = setTimeout(function () {
      holdTimer = 0;
      correctTimes();
      if (!held) return schedule(0);
      var now = clockMs();
      if (sink.syncClock && linkUp && !syncing && now - lastSync >= CLOCK_SYNC_MS) {
        syncing = 1;
        lastSync = now;
        sink.syncClock(function (err) {
          syncing = 0;
          if (err) report(err);
        });
      }
      watchClock();
    }, HOLD_CHECK_MS);
  }

  function reserveIds(upTo: number): void {
    var ok: any;
    try {
      ok = storage!.write(file, String(upTo));
    } catch (e) {
      ok = false;
    }
    if (ok === false) {
      persistErrors++;
      report(deviceError(ErrorCodes.STORAGE, 'Outbox could not write Storage file ' + file + ' (Storage full?); ids may repeat after a reboot'));
    } else {
      reservedTo = upTo;
    }
  }

  function persist(): void {
    if (!BuildFeatures.outboxStorage || !storage) return;
    if (saveTimer) { clearTimeout(saveTimer); saveTimer = 0; }
    var ok: any;
    try {
      ok = storage.write(file, encodeOutbox({
        nextId: nextId, dropped: dropped, rejected: rejected, count: count, names: names,
        ids: ids, times: times, scores: scores, moves: moves, nameIdx: nameIdx, savedAt: clockMs()
      }, head));
    } catch (e) {
      ok = false;
    }
    if (ok === false) {
      persistErrors++;
      report(deviceError(ErrorCodes.STORAGE, 'Outbox could not write Storage file ' + file + ' (Storage full?); the queue stays in RAM'));
    }
  }

  /** Loads a saved queue; names unknown to the current labels are kept for those events. */
  function restore(st: StorageLike): void {
    var buf = st.readArrayBuffer(file);
    if (!buf) return;
    var img;
    try {
      img = decodeOutbox(buf);
    } catch (e: any) {
      return report(e); // an unreadable file must not stop the device; the next push overwrites it
    }
    if (img.nextId > nextId) nextId = img.nextId;
    var n = img.count;
    var skip = n > cap ? n - cap : 0;
    dropped = img.dropped + skip;
    rejected = img.rejected;
    var now = clockMs();
    for (var k = skip; k < n; k++) {
      var name = img.names[img.nameIdx[k]];
      var idx = names.indexOf(name);
      if (idx < 0) {
        if (names === labels) names = labels.slice();
        idx = names.length;
        names.push(name);
      }
      ids[count] = img.ids[k];
      var t = img.times[k];
      if (t < CLOCK_SET_MS) {
        // Made before that boot's clock was ever set: its boot is gone, and so is the step that
        // would correct it. Place it as if the reboot were immediate: it happened no later.
        t = now - (img.savedAt - t);
        estimated++;
        if (t < CLOCK_SET_MS) held++;
      }
      times[count] = t;
      scores[count] = img.scores[k];
      moves[count] = img.moves[k];
      nameIdx[count] = idx;
      count++;
      if (img.ids[k] >= nextId) nextId = img.ids[k] + 1;
    }
  }

  if (BuildFeatures.outboxStorage && storage) restore(storage);
  linkUp = sink.isUp ? !!sink.isUp() : true;

  var box: Outbox = {
    push: function (g: DetectedGesture): number {
      if (closed) throw deviceError(ErrorCodes.NOT_INITIALISED, 'Outbox is closed');
      if (!g || typeof g.label !== 'number' || !(g.label >= 0 && g.label < labels.length) || g.label !== Math.floor(g.label)) {
        throw inputError('Outbox.push: label must be an index into ' + labels.length + ' labels, got ' + (g && g.label));
      }
      var t = toEpoch ? toEpoch(g.timeMs) : g.timeMs;
      if (typeof t !== 'number' || t !== t) throw inputError('Outbox.push: time must be a number of epoch ms, got ' + t);
      if (held) correctTimes();
      if (t < CLOCK_SET_MS) {
        clockMs(); // a reading now, so a step since the last one is seen
        var step = clockStepMs;
        if (step === step) t += step;
      }
      if (count === cap) {
        if (times[head] < CLOCK_SET_MS) held--;
        head = (head + 1) % cap;
        count--;
        dropped++;
        if (onDrop) onDrop(1, dropped);
      }
      var i = (head + count) % cap;
      var id = nextId++;
      if (!BuildFeatures.outboxStorage && storage && id >= reservedTo) reserveIds(id + ID_BLOCK);
      ids[i] = id;
      times[i] = Math.round(t);
      scores[i] = g.score;
      moves[i] = g.label;
      nameIdx[i] = g.label;
      count++;
      if (t < CLOCK_SET_MS) {
        if (++held === 1) report(deviceError(ErrorCodes.CLOCK_UNSET, 'Outbox: clock not set (getTime() counts from boot): events held until SNTP, setTime or a Date header sets it'));
        watchClock();
      }
      persist();
      schedule(batchDelay);
      return id;
    },
    size: function () { return count; },
    peek: peek,
    setLinkUp: function (up: boolean) {
      var was = linkUp;
      linkUp = !!up;
      if (up && !was) {
        failures = 0;
        box.flush();
      }
    },
    flush: function () {
      if (retryTimer) { clearTimeout(retryTimer); retryTimer = 0; }
      schedule(0);
    },
    stats: function (): OutboxStats {
      return { queued: count, sent: sent, dropped: dropped, rejected: rejected, failures: failures, nextId: nextId, linkUp: linkUp, persistErrors: persistErrors, held: held, estimated: estimated };
    },
    close: function () {
      closed = 1;
      inFlight = 0;
      if (sendTimer) { clearTimeout(sendTimer); sendTimer = 0; }
      if (holdTimer) { clearTimeout(holdTimer); holdTimer = 0; }
      if (retryTimer) { clearTimeout(retryTimer); retryTimer = 0; }
      if (stopReports) stopReports();
      if (saveTimer) persist(); // a deliberate stop saves what a power cut would not
    }
  };
  if (sink.onLinkChange) sink.onLinkChange(box.setLinkUp);
  var stopReports = sink.watchStats ? sink.watchStats(deviceId, box.stats) : null;
  if (held) watchClock();
  if (count) schedule(0);
  o = null as any; // the closures above keep this scope: without this, the caller's options object too
  return box;
}
