// HTTP POST sink over Espruino's require("http") (ESP32 Wi-Fi); Node's http module has the
// same shape, so the host can use it too. Device code: ES5.
import type { DeviceError, GestureEvent } from '../core/types';
import { deviceError, ErrorCodes, configError } from '../core/errors';
import type { Sink, SendDone, EventResult } from './sink';
import { errorText } from './sink';
import { eventsBody, writeMoveBody } from './event-json';
import { CLOCK_SET_MS, clockMs, setClock } from '../core/clock';
import { reportStatus, STATUS_EVERY_MS } from './status-report';

/** The part of require("Wifi") the sink watches for link changes. */
export interface WifiLike {
  on(event: string, fn: (details?: any) => void): void;
  getStatus?(): any;
}

export interface HttpSinkOptions {
  host: string;
  /** Default 80. */
  port?: number;
  /** Default "/api/v1/events", or "/api/write-move" for format "write-move". */
  path?: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** "events" (default): batches of GestureEvent JSON; "write-move": the original's {device_id, time, move}, one per request. */
  format?: 'events' | 'write-move';
  /** Events per request for format "events". Default 10. */
  maxBatch?: number;
  /** Give up on a request after this long (Espruino drops sockets silently when Wi-Fi goes). Default 10000. */
  timeoutMs?: number;
  /** Defaults to require("http"); in a Node ES module pass `http` from "node:http". */
  http?: any;
  /** require("Wifi"): its connected/disconnected events pause and resume the outbox. */
  wifi?: WifiLike;
  /**
   * While the device clock is unset, set it from the receiver's `Date` header (to within about
   * a second): the outbox holds events until then and asks for it with a GET of `timePath`.
   * Default true; false when SNTP or your own code sets the clock.
   */
  setClock?: boolean;
  /** What syncClock GETs for its Date header. Default "/api/v1/health". */
  timePath?: string;
  /**
   * POST the outbox's counters to `statusPath` this often while Wi-Fi is up (the dashboard's
   * device health). Default 300000 (5 min); 0: never. Format "events" only.
   */
  statusEveryMs?: number;
  /** Default "/api/v1/status". */
  statusPath?: string;
}

/** Longest answer kept, characters: per-event results of a batch of 10 with reasons. */
var MAX_ANSWER = 4000;

/**
 * The per-event results of a 2xx answer when some event was refused; undefined otherwise
 * (everything delivered), also for an answer cut at MAX_ANSWER.
 */
function refusedResults(text: string): EventResult[] | undefined {
  if (text.indexOf('"status":"refused"') < 0) return undefined;
  try {
    var body = JSON.parse(text);
    return body && body.results && body.results.length ? body.results : undefined;
  } catch (e) {
    return undefined;
  }
}

/** Statuses that mean "this payload will never be accepted": retrying cannot help. */
function isPermanent(status: number): boolean {
  return status === 400 || status === 413 || status === 422;
}


export function createHttpSink(options: HttpSinkOptions): Sink {
  if (!options || typeof options.host !== 'string' || !options.host) {
    throw configError('HTTP sink needs a host name or address');
  }
  var port = options.port === undefined ? 80 : options.port;
  if (typeof port !== 'number' || port !== Math.floor(port) || port < 1 || port > 65535) {
    throw configError('HTTP sink port must be an integer from 1 to 65535, got ' + port);
  }
  var format = options.format || 'events';
  if (format !== 'events' && format !== 'write-move') {
    throw configError('HTTP sink format must be "events" or "write-move", got ' + format);
  }
  var path = options.path || (format === 'events' ? '/api/v1/events' : '/api/write-move');
  var timeoutMs = options.timeoutMs === undefined ? 10000 : options.timeoutMs;
  var listeners: Array<(up: boolean) => void> = [];
  var up = true;
  var wifi = options.wifi;
  if (wifi) {
    if (wifi.getStatus) {
      var status = wifi.getStatus();
      up = !!status && status.station === 'connected';
    }
    wifi.on('connected', function () { setUp(true); });
    wifi.on('disconnected', function () { setUp(false); });
  }

  function setUp(v: boolean): void {
    if (v === up) return;
    up = v;
    for (var i = 0; i < listeners.length; i++) listeners[i](v);
  }

  var useDate = options.setClock !== false;

  /** An unset clock takes the receiver's time (HTTP dates have whole seconds: +0.5 s is nearest). */
  function clockFromDate(res: any): void {
    if (!useDate || clockMs() >= CLOCK_SET_MS) return;
    var h = res.headers || {};
    var when = Date.parse(h.Date || h.date || '');
    if (when >= CLOCK_SET_MS) setClock(when + 500);
  }

  function request(method: string, reqPath: string, body: string, done: SendDone): void {
    var http = options.http || (typeof require === 'function' ? require('http') : null);
    var finished = false;
    var timer: any = null;
    function finish(err: DeviceError | null, results?: EventResult[]): void {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      done(err, results);
    }
    var headers: any = method === 'GET' ? {} : {
      'Content-Type': 'application/json',
      'Content-Length': String(body.length)
    };
    if (options.token) headers.Authorization = 'Bearer ' + options.token;
    if (!http) return finish(configError('HTTP sink: no require("http") here (an ES module?): pass options.http', { retry: true }));
    timer = setTimeout(function () {
      timer = null;
      finish(deviceError(ErrorCodes.NETWORK, 'HTTP ' + method + ' to ' + options.host + ':' + port + reqPath + ' got no answer in ' + timeoutMs + ' ms', { retry: true }));
    }, timeoutMs);
    try {
      var req = http.request({ host: options.host, port: port, path: reqPath, method: method, headers: headers }, function (res: any) {
        var text = '';
        var status = +res.statusCode; // a string on Espruino
        clockFromDate(res);
        // Enough for per-event results of a batch; longer answers are cut (and not parsed).
        res.on('data', function (d: any) { if (text.length < MAX_ANSWER) text += d; });
        res.on('close', function () {
          if (status >= 200 && status < 300) return finish(null, refusedResults(text));
          var retryAfter = status === 429 && res.headers ? +(res.headers['Retry-After'] || res.headers['retry-after']) : 0;
          finish(deviceError(ErrorCodes.NETWORK, 'HTTP ' + status + ' from ' + options.host + reqPath + (text ? ': ' + text.substr(0, 200) : ''), {
            status: status,
            retry: !isPermanent(status),
            retryAfterMs: retryAfter > 0 ? retryAfter * 1000 : 0
          }));
        });
      });
      req.on('error', function (e: any) {
        finish(deviceError(ErrorCodes.NETWORK, 'HTTP ' + method + ' to ' + options.host + ':' + port + ' failed: ' + errorText(e), { socketCode: e && e.code, retry: true }));
      });
      req.end(body);
    } catch (e) {
      // Espruino throws at once for "Not connected to the internet" and "Unable to locate host".
      finish(deviceError(ErrorCodes.NETWORK, 'HTTP ' + method + ' to ' + options.host + ':' + port + ' failed: ' + errorText(e), { retry: true }));
    }
  }

  return {
    maxBatch: format === 'write-move' ? 1 : options.maxBatch || 10,
    send: function (events: GestureEvent[], done: SendDone) {
      request('POST', path, format === 'write-move' ? writeMoveBody(events[0]) : eventsBody(events), done);
    },
    syncClock: useDate ? function (done: SendDone) {
      request('GET', options.timePath || '/api/v1/health', '', done);
    } : undefined,
    isUp: function () { return up; },
    onLinkChange: function (fn: (up: boolean) => void) { listeners.push(fn); },
    // A lost report is not retried: the next one carries newer counters.
    watchStats: format === 'events' ? reportStatus(options.statusEveryMs === undefined ? STATUS_EVERY_MS : options.statusEveryMs, function () { return up; }, function (body) {
      request('POST', options.statusPath || '/api/v1/status', body, function () {});
    }) : undefined
  };
}
