// When the sinks send status reports (the outbox's counters): every statusEveryMs while the
// link is up, never while it is down, not at all with 0 or for write-move, and no more after
// the outbox is closed. A stand-in for require("http") records the requests; fake timers.
import { describe, it, expect, vi, afterEach } from 'vitest';
import { createOutbox } from '../../src/sinks/outbox';
import { createHttpSink } from '../../src/sinks/http';
import { statusBody } from '../../src/sinks/status-report';

function fakeHttp() {
  var requests: { path: string; body: string }[] = [];
  var http = {
    request(o: any, onRes: (res: any) => void) {
      var handlers: Record<string, () => void> = {};
      return {
        on() {},
        end(body: string) {
          requests.push({ path: o.path, body });
          onRes({ statusCode: '200', headers: {}, on: (ev: string, fn: () => void) => { handlers[ev] = fn; if (ev === 'close') setTimeout(fn, 0); } });
        },
      };
    },
  };
  return { http, requests };
}

function fakeWifi(connected: boolean) {
  var fns: Record<string, () => void> = {};
  return { on: (ev: string, fn: () => void) => { fns[ev] = fn; }, getStatus: () => ({ station: connected ? 'connected' : 'off' }), emit: (ev: string) => fns[ev]() };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('status reports', () => {
  it('posts the counters every statusEveryMs while Wi-Fi is up, and stops when the outbox closes', () => {
    vi.useFakeTimers();
    var { http, requests } = fakeHttp();
    var wifi = fakeWifi(true);
    var box = createOutbox({ deviceId: 'esp32-s', labels: ['idle', 'x'], sink: createHttpSink({ host: 'rx', http, wifi, statusEveryMs: 60000, setClock: false }) });
    vi.advanceTimersByTime(59999);
    expect(requests).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(requests.map((r) => r.path)).toEqual(['/api/v1/status']);
    expect(JSON.parse(requests[0].body)).toEqual({ ...box.stats(), device_id: 'esp32-s' });
    wifi.emit('disconnected');
    vi.advanceTimersByTime(120000);
    expect(requests).toHaveLength(1);
    wifi.emit('connected');
    vi.advanceTimersByTime(60000);
    expect(requests).toHaveLength(2);
    box.close();
    vi.advanceTimersByTime(600000);
    expect(requests).toHaveLength(2);
  });

  it('sends none with statusEveryMs 0 or in the write-move format, and 5 minutes apart by default', () => {
    vi.useFakeTimers();
    var off = fakeHttp();
    createOutbox({ deviceId: 'a', labels: ['idle', 'x'], sink: createHttpSink({ host: 'rx', http: off.http, statusEveryMs: 0, setClock: false }) });
    var legacy = fakeHttp();
    createOutbox({ deviceId: 'b', labels: ['idle', 'x'], sink: createHttpSink({ host: 'rx', http: legacy.http, format: 'write-move', setClock: false }) });
    var dflt = fakeHttp();
    createOutbox({ deviceId: 'c', labels: ['idle', 'x'], sink: createHttpSink({ host: 'rx', http: dflt.http, setClock: false }) });
    vi.advanceTimersByTime(299999);
    expect(dflt.requests).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(dflt.requests).toHaveLength(1);
    vi.advanceTimersByTime(3600000);
    expect(off.requests).toEqual([]);
    expect(legacy.requests).toEqual([]);
  });

  it('writes the body in ASCII with the device id beside the counters', () => {
    expect(statusBody('dev-1', { queued: 1, sent: 2, dropped: 3, rejected: 4, failures: 0, nextId: 9, linkUp: true, persistErrors: 0, held: 0, estimated: 0 }))
      .toBe('{"queued":1,"sent":2,"dropped":3,"rejected":4,"failures":0,"nextId":9,"linkUp":true,"persistErrors":0,"held":0,"estimated":0,"device_id":"dev-1"}');
  });
});
