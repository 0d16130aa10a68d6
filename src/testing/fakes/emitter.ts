// Espruino objects (E, Bangle, Puck, NRF, sockets) share one event API: on/emit/removeListener.

export interface FakeEmitter {
  on(event: string, fn: (...args: any[]) => void): void;
  addListener(event: string, fn: (...args: any[]) => void): void;
  prependListener(event: string, fn: (...args: any[]) => void): void;
  removeListener(event: string, fn: (...args: any[]) => void): void;
  removeAllListeners(event?: string): void;
  emit(event: string, ...args: any[]): void;
  listenerCount(event: string): number;
}

/** Adds Espruino's event methods to `target`. */
export function makeEmitter<T extends object>(target: T): T & FakeEmitter {
  var handlers: { [event: string]: Array<(...a: any[]) => void> } = {};
  var t = target as T & FakeEmitter;
  t.on = function (event, fn) {
    (handlers[event] = handlers[event] || []).push(fn);
  };
  t.addListener = t.on;
  t.prependListener = function (event, fn) {
    (handlers[event] = handlers[event] || []).unshift(fn);
  };
  t.removeListener = function (event, fn) {
    handlers[event] = (handlers[event] || []).filter((h) => h !== fn);
  };
  t.removeAllListeners = function (event) {
    if (event === undefined) handlers = {};
    else delete handlers[event];
  };
  t.emit = function (event, ...args) {
    var list = (handlers[event] || []).slice();
    for (var h of list) h.apply(t, args);
  };
  t.listenerCount = function (event) {
    return (handlers[event] || []).length;
  };
  return t;
}
