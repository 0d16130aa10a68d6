// Values a JSON parser can produce that used to crash validation (500) or be stored
// changed, and the requests around them: each is a 4xx naming the field, nothing stored.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startReceiver, type Receiver, type EventStore } from '../../src/server';
import { openSqliteStore } from '../../src/server/storage/sqlite';
import { tempDir, removeDir, request, makeEvent } from './helpers';
import { rawRequest } from './raw-http';

describe('receiver refusals (SQLite)', () => {
  var dir: string;
  var rx: Receiver;
  var token: string;
  var post = (body: unknown, path = '/api/v1/events') => request(rx.url + path, { body, token });
  var total = async () => (await request(rx.url + '/api/v1/stats')).body.total as number;

  beforeAll(async () => {
    dir = tempDir();
    rx = await startReceiver({ port: 0, dataDir: dir });
    token = (await rx.createToken('esp32-a')).token;
  });
  afterAll(async () => {
    await rx.close();
    removeDir(dir);
  });

  it('a time past any Date (1e308, 1e20, 8.64e15 + 1) is 422 naming time: single, batch element, write-move', async () => {
    var before = await total();
    for (var t of [1e308, 1e20, 8.64e15 + 1, Number.MAX_SAFE_INTEGER, -1e308]) {
      var one = await post(makeEvent({ id: 1, time: t }));
      expect([t, one.status, one.body.problems?.[0]?.path]).toEqual([t, 422, 'time']);
      var legacy = await post({ device_id: 'esp32-a', time: t, move: 1 }, '/api/write-move');
      expect([t, legacy.status, legacy.body.problems?.[0]?.path]).toEqual([t, 422, 'time']);
    }
    var batch = await post([makeEvent({ id: 2 }), makeEvent({ id: 3, time: 1e20 })]);
    expect(batch.status).toBe(201);
    expect(batch.body.results).toEqual([{ id: 2, status: 'stored' }, expect.objectContaining({ id: 3, status: 'refused', error: 'invalid_event' })]);
    expect(batch.body.results[1].message).toMatch(/^\[1\]\.time: is more than a day in the future/);
    expect(await total()).toBe(before + 1);
  });

  it('ill-formed UTF-16, C1 controls and bidi controls in a label are 422; a real astral character is kept exactly', async () => {
    var before = await total();
    var bad = ['\ud800', 'a\udc00b', 'x\ud83d', '\u0085', 'a\u009fb', '\u202eevil', 'x\u2066y', '\u2069', 'a\u007f', 'a'.repeat(65)];
    for (var g of bad) {
      var r = await post(makeEvent({ id: 10, gesture: g }));
      expect([JSON.stringify(g), r.status, r.body.problems?.[0]?.path]).toEqual([JSON.stringify(g), 422, 'gesture']);
    }
    var emoji = 'wave \ud83d\udc4b';
    var e = makeEvent({ id: 11, gesture: emoji });
    expect((await post(e)).status).toBe(201);
    var again = await post(e);
    expect(again.body.results).toEqual([{ id: 11, status: 'duplicate' }]);
    var back = await request(rx.url + '/api/v1/events?gesture=' + encodeURIComponent(emoji));
    expect(back.body.events.map((e: any) => e.gesture)).toEqual([emoji]);
    expect(await total()).toBe(before + 1);
  });

  it('a text/plain body is 415 as documented, not 422', async () => {
    var r = await request(rx.url + '/api/v1/events', { raw: JSON.stringify(makeEvent({ id: 20 })), token, headers: { 'content-type': 'text/plain' } });
    expect(r.status).toBe(415);
    expect(r.body.error).toBe('unsupported_media_type');
  });

  it('a NUL, a control or a bidi control in a read filter is 422 naming the parameter', async () => {
    for (var g of ['%00', 'a%00b', '%C2%85', '%E2%80%AE']) {
      var r = await request(rx.url + '/api/v1/events?gesture=' + g);
      expect([g, r.status, r.body.error]).toEqual([g, 422, 'invalid_query']);
      expect(r.body.message).toMatch(/query parameter gesture/);
    }
  });

  it('answers only to allowed Host names (DNS rebinding): loopback yes, another name 421', async () => {
    var ok = await rawRequest(rx.url + '/api/v1/stats', { headers: { host: 'localhost:' + rx.port } });
    expect(ok.status).toBe(200);
    var v6 = await rawRequest(rx.url + '/api/v1/health', { headers: { host: '[::1]:' + rx.port } });
    expect(v6.status).toBe(200);
    var evil = await rawRequest(rx.url + '/api/v1/events', { headers: { host: 'attacker.example:' + rx.port } });
    expect(evil.status).toBe(421);
    expect(evil.body.error).toBe('host_not_allowed');
    var legacy = await rawRequest(rx.url + '/api/write-move', { headers: { host: 'attacker.example', 'content-type': 'application/json' }, body: JSON.stringify({ device_id: 'esp32-a', time: Date.now() - 1000, move: 1 }) });
    expect(legacy.status).toBe(421);
    // A device posting with its token to a DNS name of the receiver is authorised by the token.
    var write = await rawRequest(rx.url + '/api/v1/events', { headers: { host: 'receiver.lan:8080', 'content-type': 'application/json', authorization: 'Bearer ' + token }, body: JSON.stringify(makeEvent({ id: 30 })) });
    expect(write.status).toBe(201);
  });
});

describe('health reports a failing store', () => {
  it('says "failing" with 503 while writes fail (full disk), "ok" again after a good write', async () => {
    var dir = tempDir();
    var inner = openSqliteStore(dir);
    var full = false;
    // The store as on a full disk: SQLite answers SQLITE_FULL to every write.
    var store: EventStore = Object.assign(Object.create(inner), {
      insertEvents: (rows: any) => (full ? Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })) : inner.insertEvents(rows)),
      close: () => inner.close(),
    });
    var rx = await startReceiver({ port: 0, store });
    try {
      var { token } = await rx.createToken('esp32-a');
      expect((await request(rx.url + '/api/v1/health')).body.status).toBe('ok');
      full = true;
      var w = await request(rx.url + '/api/v1/events', { body: makeEvent({ id: 1 }), token });
      expect(w.status).toBe(500);
      var h = await request(rx.url + '/api/v1/health');
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({ status: 'failing', storage_error: { message: 'database or disk is full' } });
      expect(h.body.message).toMatch(/refuses writes/);
      full = false;
      expect((await request(rx.url + '/api/v1/events', { body: makeEvent({ id: 1 }), token })).status).toBe(201);
      expect((await request(rx.url + '/api/health')).body).toMatchObject({ status: 'ok', storage_error: null });
    } finally {
      await rx.close();
      removeDir(dir);
    }
  });
});

describe('bound beyond loopback', () => {
  it('makes a read token at start: reads without it are 401, with it 200; writes still use device tokens', async () => {
    var dir = tempDir();
    var rx = await startReceiver({ port: 0, dataDir: dir, host: '0.0.0.0' });
    try {
      expect(rx.readToken).toMatch(/^egr_[A-Za-z0-9_-]{43}$/);
      var url = 'http://127.0.0.1:' + rx.port;
      for (var path of ['/api/v1/events', '/api/v1/stats', '/api/v1/stream', '/api/get-move', '/api/v1/dead-letters']) {
        var r = await request(url + path);
        expect([path, r.status, r.body.error]).toEqual([path, 401, 'unauthorized']);
      }
      expect((await request(url + '/api/v1/events', { headers: { authorization: 'Bearer wrong' } })).body.message).toBe('invalid read token');
      expect((await request(url + '/api/v1/stats', { headers: { authorization: 'Bearer ' + rx.readToken } })).status).toBe(200);
      expect((await request(url + '/api/get-move?access_token=' + rx.readToken)).status).toBe(200);
      // Health and the dashboard page hold no data: open.
      expect((await request(url + '/api/v1/health')).status).toBe(200);
      expect((await request(url + '/')).status).toBe(200);
      var { token } = await rx.createToken('esp32-a');
      expect((await request(url + '/api/v1/events', { body: makeEvent({ id: 1 }), token })).status).toBe(201);
      // A device token does not read.
      expect((await request(url + '/api/v1/events', { token })).status).toBe(401);
    } finally {
      await rx.close();
      removeDir(dir);
    }
  });

  it('openReads keeps reads open when bound wider (an authenticating proxy in front)', async () => {
    var dir = tempDir();
    var rx = await startReceiver({ port: 0, dataDir: dir, host: '0.0.0.0', openReads: true });
    try {
      expect(rx.readToken).toBeNull();
      expect((await request('http://127.0.0.1:' + rx.port + '/api/v1/stats')).status).toBe(200);
    } finally {
      await rx.close();
      removeDir(dir);
    }
  });
});
