// fast-check generators for hostile requests: event fields set to every kind of value a
// JSON parser can produce (huge, negative, fractional numbers, lone surrogates, controls,
// bidi characters, objects, arrays), batches mixing good and bad events, bodies that are
// not JSON, and hostile headers, methods, paths and query strings.
import fc from 'fast-check';

export var DEVICE = 'fuzz-a';

var loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
var nasty = fc.constantFrom('\u0000', '\u0085', '\u009f', '\u202e', '\u2066', '\u2069', '\u007f', '\ufeff', '\uffff', '\ud83d\udc4b', '\r\n', '/', '+', '#', '%00', "'", '"', '\\', '<script>');
export var hostileString = fc.oneof(
  fc.constantFrom('', 'x', 'circle', 'a'.repeat(64), 'a'.repeat(65), 'é'.repeat(64), '__proto__', 'constructor', 'toString', "x'); DROP TABLE events; --", DEVICE),
  fc.string({ maxLength: 70 }),
  fc.string({ unit: 'binary', maxLength: 70 }),
  fc.string({ unit: fc.oneof(loneSurrogate, nasty, fc.constantFrom('a', 'b', '1')), maxLength: 70 }),
);

export var hostileNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 1e20, 8.64e15, 8.64e15 + 1, -8.64e15 - 1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE, -0, 0, 1, -1, 0.5, 1.0000001, 65535, 65536, 1e11, 1e12, 1e-300),
  fc.double(),
  fc.integer(),
  fc.integer({ min: 1, max: 3000 }),
);

export var jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  hostileString,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(hostileNumber, hostileString), { maxLength: 3 }),
  fc.dictionary(hostileString, fc.oneof(hostileNumber, hostileString), { maxKeys: 3 }),
);

var FIELDS = ['device_id', 'id', 'time', 'gesture', 'move', 'score'];

/** An event that is valid at `now`, then 0-3 mutations (a field set to anything, removed, or an extra field). */
export function hostileEvent(now: number) {
  var base = fc.record({
    device_id: fc.constant(DEVICE),
    id: fc.integer({ min: 1, max: 3000 }),
    time: fc.integer({ min: -86_400_000, max: 3_600_000 }).map((d) => now + d + 0.25),
    gesture: fc.constantFrom('x', 'y', 'circle', 'wave \ud83d\udc4b', 'Drehung'),
    move: fc.integer({ min: 0, max: 65535 }),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  var mutation = fc.oneof(
    fc.tuple(fc.constant('set'), fc.constantFrom(...FIELDS), jsonValue),
    fc.tuple(fc.constant('delete'), fc.constantFrom(...FIELDS), fc.constant(null)),
    fc.tuple(fc.constant('add'), hostileString, jsonValue),
  );
  return fc.tuple(base, fc.array(mutation, { maxLength: 3 })).map(([e, muts]) => {
    var out: Record<string, unknown> = { ...e };
    for (var [kind, key, value] of muts) {
      if (kind === 'delete') delete out[key as string];
      else Object.defineProperty(out, key as string, { value, enumerable: true, configurable: true, writable: true });
    }
    return out;
  });
}

export interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The events the body holds, when it is JSON of events (to check what was acknowledged). */
  sent?: unknown;
}

var headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });

export function hostileRequest(now: number, tokens: { valid: string; otherDevice: string; revoked: string }, port: number): fc.Arbitrary<HostileRequest> {
  var event = hostileEvent(now);
  var eventsBody = fc.oneof(
    { weight: 3, arbitrary: event },
    { weight: 4, arbitrary: fc.array(event, { minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.array(event, { minLength: 21, maxLength: 30 }) },
    { weight: 1, arbitrary: jsonValue },
    { weight: 1, arbitrary: fc.constantFrom([], {}, [[]], [null], 'a string', 0) },
  );
  var legacyBody = fc.record({ device_id: fc.oneof(fc.constant(DEVICE), jsonValue), time: fc.oneof(fc.constant(now - 5000), hostileNumber, jsonValue), move: fc.oneof(fc.integer({ min: 0, max: 5 }), jsonValue) }, { requiredKeys: [] });
  var rawBody = fc.oneof(
    fc.constantFrom('', '{', '[', 'null', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', '['.repeat(5000) + ']'.repeat(5000), '{"device_id":"' + DEVICE + '","id":1e999}', '\ufeff{}', '{"a":1,"a":2}'),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.tuple(fc.array(event, { minLength: 1, maxLength: 5 }), fc.nat()).map(([e, cut]) => { var t = JSON.stringify(e); return t.slice(0, cut % t.length); }),
  );
  var auth = fc.oneof(
    { weight: 8, arbitrary: fc.constant('Bearer ' + tokens.valid) },
    { weight: 1, arbitrary: fc.constant('Bearer ' + tokens.otherDevice) },
    { weight: 1, arbitrary: fc.constant('Bearer ' + tokens.revoked) },
    { weight: 1, arbitrary: headerText.map((t) => 'Bearer ' + t) },
    { weight: 1, arbitrary: headerText },
    { weight: 1, arbitrary: fc.constant('') },
  );
  var contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 2, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/jsonx', '', 'application/octet-stream') },
    { weight: 1, arbitrary: headerText },
  );
  var host = fc.oneof(
    { weight: 12, arbitrary: fc.constant('127.0.0.1:' + port) },
    { weight: 1, arbitrary: fc.constantFrom('localhost', '[::1]:' + port, 'attacker.example', 'LOCALHOST:' + port, '127.0.0.1.nip.io', '') },
    { weight: 1, arbitrary: headerText },
  );
  var query = fc.array(fc.tuple(fc.constantFrom('device', 'gesture', 'since', 'until', 'limit', 'cursor', 'bucket', 'device_id', 'access_token', 'x'), fc.oneof(hostileString, hostileNumber.map(String))), { maxLength: 4 })
    .map((kv) => kv.map(([k, v]) => k + '=' + encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '')).replace(/%25/g, '%')).join('&'));
  var extraHeaders = fc.dictionary(fc.constantFrom('x-forwarded-for', 'x-real-ip', 'origin', 'cookie', 'accept', 'accept-encoding', 'content-encoding', 'transfer-encoding', 'expect', 'x-a'), headerText, { maxKeys: 2 });

  var post = (path: string, body: fc.Arbitrary<unknown>) => fc.record({ body, auth, contentType, host, extra: extraHeaders, asText: fc.boolean() })
    .map((r): HostileRequest => {
      var headers: Record<string, string> = { ...r.extra, host: r.host };
      if (r.auth) headers.authorization = r.auth;
      if (r.contentType) headers['content-type'] = r.contentType;
      var text = typeof r.body === 'string' && r.asText ? r.body : JSON.stringify(r.body) ?? 'null';
      return { method: 'POST', path, headers, body: text, sent: typeof r.body === 'string' && r.asText ? undefined : r.body };
    });
  return fc.oneof(
    { weight: 10, arbitrary: post('/api/v1/events', eventsBody) },
    { weight: 2, arbitrary: post('/api/v1/events', rawBody) },
    { weight: 2, arbitrary: post('/api/write-move', legacyBody) },
    { weight: 1, arbitrary: post('/api/v1/status', fc.oneof(rawBody, eventsBody)) },
    { weight: 3, arbitrary: fc.record({ path: fc.constantFrom('/api/v1/events', '/api/v1/events.csv', '/api/v1/devices', '/api/v1/stats', '/api/get-move', '/api/v1/dead-letters', '/api/v1/health', '/', '/dashboard/..%2f..%2fetc%2fpasswd', '/vendor/uplot/x'), q: query, host, extra: extraHeaders })
      .map((r): HostileRequest => ({ method: 'GET', path: r.path + (r.q ? '?' + r.q : ''), headers: { ...r.extra, host: r.host } })) },
    { weight: 1, arbitrary: fc.record({ method: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), path: fc.constantFrom('/api/v1/events', '/api/write-move', '/x'), host }).map((r): HostileRequest => ({ method: r.method, path: r.path, headers: { host: r.host } })) },
  );
}

/** Raw bytes on a socket: request lines and framing that an HTTP client library would never send. */
export function rawSocketRequest(port: number): fc.Arbitrary<string> {
  var line = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 80 });
  return fc.oneof(
    fc.constantFrom(
      'POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:' + port + '\r\nContent-Length: 5\r\nContent-Length: 6\r\nConnection: close\r\n\r\n{}{}{}',
      'POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:' + port + '\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      'POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:' + port + '\r\nContent-Length: -1\r\nConnection: close\r\n\r\n',
      'POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:' + port + '\r\nContent-Length: 99999999999999999999\r\nConnection: close\r\n\r\n',
      'GET /api/v1/events?gesture=%00 HTTP/1.1\r\nHost: 127.0.0.1:' + port + '\r\nConnection: close\r\n\r\n',
      'GET /%%%% HTTP/1.1\r\nHost: 127.0.0.1:' + port + '\r\nConnection: close\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      '\r\n\r\n',
      'POST /api/v1/events HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
    ),
    fc.tuple(fc.constantFrom('GET', 'POST', 'get', 'P\u0000ST', 'CONNECT'), line, fc.array(line, { maxLength: 4 }), line)
      .map(([m, p, hs, body]) => m + ' /' + p + ' HTTP/1.1\r\nHost: 127.0.0.1:' + port + '\r\n' + hs.map((h) => h + '\r\n').join('') + 'Connection: close\r\n\r\n' + body),
  );
}
