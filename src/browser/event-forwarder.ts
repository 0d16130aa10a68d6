// The queue between a BLE link and the receiver, shared by the dashboard's Bluetooth bridge
// (bundled into dist/browser/bridge-core.js) and the Node gateway (`espruino-gestures
// bridge`): events keep the ids the board's outbox gave them and go to POST /api/v1/events in
// batches; the receiver's per-event answers retire them (stored, duplicate, conflict,
// refused); an unreachable receiver keeps them queued and retried with backoff; a refused
// token stops forwarding until a new one is given. ES5, no DOM and no Node APIs.
import type { GestureEvent } from '../core/types';

/** What the receiver answered: HTTP status and the parsed JSON body (null when none). */
export interface ForwardAnswer {
  status: number;
  body: any;
}

export interface ForwarderOptions {
  /** POSTs the batch to /api/v1/events with the device token; rejects when unreachable. */
  post: (events: GestureEvent[]) => Promise<ForwardAnswer>;
  /** Events queued by an earlier run (from `save`). */
  initial?: GestureEvent[];
  /** Called with the whole queue after every change (localStorage, a file). */
  save?: (queue: GestureEvent[]) => void;
  /** Called after every change of the counters; `said` when the message is new. */
  onChange?: (status: ForwarderStatus, said: boolean) => void;
  /** Events per request; halved while the receiver answers 422 for the body (a smaller --max-batch). Default 50. */
  maxBatch?: number;
  /** Backoff cap while the receiver is unreachable. Default 30000 ms. */
  maxRetryMs?: number;
}

export interface ForwarderStatus {
  /** Newly stored by the receiver. */
  forwarded: number;
  /** Repeats: folded in the queue, or answered `duplicate` by the receiver. */
  duplicates: number;
  /** Events the receiver refused or answered `conflict` for: never retried. */
  errors: number;
  queued: number;
  /** Why forwarding stopped (401/403), until `resume`. */
  blocked: string | null;
  /** The last thing worth telling, and whether it is a problem. */
  message: string;
  isError: boolean;
}

export interface EventForwarder {
  /** Queues a decoded event (false: the same event is queued already) and sends. */
  push(e: GestureEvent): boolean;
  /** Sends what is queued now (a token was given again, the network is back). */
  resume(): void;
  status(): ForwarderStatus;
  /** Stops the retry timer; the queue stays saved. */
  stop(): void;
}

function sameEvent(a: GestureEvent, b: GestureEvent): boolean {
  return a.device_id === b.device_id && a.id === b.id && a.time === b.time && a.move === b.move && a.score === b.score;
}

function reasonOf(a: ForwardAnswer): string {
  return a.body && a.body.message ? String(a.body.message) : 'HTTP ' + a.status;
}

export function createEventForwarder(o: ForwarderOptions): EventForwarder {
  var queue: GestureEvent[] = (o.initial || []).slice();
  var maxRetry = o.maxRetryMs || 30000;
  var batchSize = o.maxBatch || 50;
  var sending = false;
  var stopped = false;
  var retryMs = 0;
  var timer: any = null;
  var st: ForwarderStatus = { forwarded: 0, duplicates: 0, errors: 0, queued: queue.length, blocked: null, message: '', isError: false };

  function changed(message?: string, isError?: boolean): void {
    st.queued = queue.length;
    if (message !== undefined) {
      st.message = message;
      st.isError = !!isError;
    }
    if (o.onChange) o.onChange(st, message !== undefined);
  }

  function persist(): void {
    if (o.save) o.save(queue.slice());
  }

  function settle(batch: GestureEvent[], results: any[]): void {
    queue = queue.slice(batch.length);
    var problems: string[] = [];
    for (var i = 0; i < results.length; i++) {
      var r = results[i] || {};
      if (r.status === 'stored') st.forwarded++;
      else if (r.status === 'duplicate') st.duplicates++;
      else {
        st.errors++;
        problems.push('event ' + batch[i].id + (r.status === 'conflict'
          ? ' conflicts with a different event stored under the same id (did the board lose its outbox state?)'
          : ' refused: ' + (r.message || r.error)));
      }
    }
    persist();
    if (problems.length) changed(problems.join('; '), true);
    else changed(queue.length ? 'Forwarding the queue.' : 'All events forwarded.', false);
  }

  function retryLater(reason: string): void {
    retryMs = Math.min(maxRetry, retryMs ? retryMs * 2 : 1000);
    changed('Not forwarded yet: ' + reason + '. ' + queue.length + ' queued; next try in ' + retryMs / 1000 + ' s.', true);
    timer = setTimeout(function () {
      timer = null;
      flush();
    }, retryMs);
  }

  function flush(): void {
    if (stopped || sending || timer || st.blocked || !queue.length) return;
    var batch = queue.slice(0, batchSize);
    sending = true;
    o.post(batch).then(function (a) {
      sending = false;
      if (stopped) return; // a new token (a new forwarder) took over
      var results = a.body && a.body.results && a.body.results.length === batch.length ? a.body.results : null;
      if (results && (a.status === 200 || a.status === 201 || a.status === 422)) {
        retryMs = 0;
        settle(batch, results);
        return flush();
      }
      if (a.status === 401 || a.status === 403) {
        // Retrying cannot help until the token is fixed; the events stay queued.
        st.blocked = reasonOf(a);
        return changed('The receiver refused the token: ' + st.blocked + '. The events stay queued: give a valid token.', true);
      }
      if (a.status === 422 && batchSize > 1) {
        batchSize = Math.max(1, Math.floor(batchSize / 2));
        return flush();
      }
      retryLater('the receiver answered ' + reasonOf(a));
    }, function (err: any) {
      sending = false;
      if (stopped) return;
      retryLater('the receiver is unreachable (' + (err && err.message ? err.message : String(err)) + ')');
    });
  }

  return {
    push: function (e: GestureEvent): boolean {
      for (var i = 0; i < queue.length; i++) {
        if (sameEvent(queue[i], e)) {
          st.duplicates++;
          changed();
          return false;
        }
      }
      queue.push(e);
      persist();
      changed();
      flush();
      return true;
    },
    resume: function (): void {
      stopped = false;
      st.blocked = null;
      if (timer) clearTimeout(timer);
      timer = null;
      flush();
    },
    status: function () { return st; },
    stop: function (): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
