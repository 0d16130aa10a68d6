// Shared helpers for the outputs tests (host side).
import type { GestureEvent } from '../../src/core/types';
import type { Sink, SendDone } from '../../src/sinks/sink';
import type { StorageLike } from '../../src/sinks/outbox-store';

/** A sink the test answers by hand: every send() waits in `calls` until ok()/fail(). */
export function manualSink(maxBatch = 10) {
  var calls: Array<{ events: GestureEvent[]; done: SendDone }> = [];
  var linkListeners: Array<(up: boolean) => void> = [];
  var sink: Sink & { up: boolean } = {
    maxBatch,
    up: true,
    send(events, done) { calls.push({ events, done }); },
    isUp() { return sink.up; },
    onLinkChange(fn) { linkListeners.push(fn); },
  };
  return {
    sink,
    calls,
    setLink(up: boolean) { sink.up = up; linkListeners.forEach((f) => f(up)); },
    ok(i = calls.length - 1) { calls[i].done(null); },
    fail(i = calls.length - 1, retry = true) {
      var e: any = new Error('simulated failure');
      e.code = 'NETWORK';
      e.retry = retry;
      calls[i].done(e);
    },
  };
}

/** In-memory Storage with Espruino's write/readArrayBuffer/erase. */
export function memoryStorage(): StorageLike & { files: { [n: string]: Uint8Array }; writes: number } {
  var files: { [n: string]: Uint8Array } = {};
  var s = {
    files,
    writes: 0,
    write(name: string, data: any) {
      s.writes++;
      files[name] = new Uint8Array(data).slice();
      return true;
    },
    readArrayBuffer(name: string) {
      return files[name] ? files[name].slice().buffer : undefined;
    },
    erase(name: string) { delete files[name]; },
  };
  return s;
}

export var LABELS = ['idle', 'left', 'right', 'up'];
export var T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
