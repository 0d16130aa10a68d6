// Bad input: every kind gets its own status and clear message, and nothing wrong is stored.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startReceiver, type Receiver } from '../../src/server';
import { tempDir, removeDir, request, makeEvent } from './helpers';

describe('receiver rejects bad input', () => {
  var dir: string;
  var rx: Receiver;
  var token: string;
  var post = (body: unknown, opts: { token?: string; raw?: string; headers?: Record<string, string> } = {}) =>
    request(rx.url + '/api/v1/events', { body, token: 'token' in opts ? opts.token : token, raw: opts.raw, headers: opts.headers });
  var total = async () => (await request(rx.url + '/api/v1/stats')).body.total as number;
  var before = 0;

  beforeAll(async () => {
    dir = tempDir();
    rx = await startReceiver({ port: 0, dataDir: dir, bodyLimit: 4096, maxBatch: 20 });
    token = (await rx.createToken('esp32-a')).token;
    // One good event so "nothing stored" is measured against a non-empty store.
    expect((await post(makeEvent({ id: 1000 }))).status).toBe(201);
  });
  afterAll(async () => {
    await rx.close();
    removeDir(dir);
  });
  beforeEach(async () => {
    before = await total();
  });

  it('malformed JSON is 400', async () => {
    var r = await post(undefined, { raw: '{"device_id": "esp32-a", "id": 1,' });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('malformed_json');
    expect(r.body.message).toMatch(/not valid JSON/);
    expect((await post(undefined, { raw: '' })).status).toBe(400);
    expect(await total()).toBe(before);
  });

  it('a body that is not JSON at all is 415', async () => {
    var r = await post(undefined, { raw: 'device_id=esp32-a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(415);
    expect(r.body.message).toMatch(/application\/json/);
  });

  it('wrong types are 422 naming the field', async () => {
    var cases: [Record<string, unknown>, string][] = [
      [{ id: '1' }, 'id'],
      [{ id: -1 }, 'id'],
      [{ id: 1.5 }, 'id'],
      [{ time: 'yesterday' }, 'time'],
      [{ time: 12345 }, 'time'],
      [{ time: Date.now() + 3 * 86400_000 }, 'time'],
      [{ gesture: 5 }, 'gesture'],
      [{ gesture: '' }, 'gesture'],
      [{ gesture: 'a\u0000b' }, 'gesture'],
      [{ move: 'x' }, 'move'],
      [{ score: 1.5 }, 'score'],
      [{ score: null }, 'score'],
      [{ device_id: 'has/slash' }, 'device_id'],
      [{ extra: true }, 'extra'],
    ];
    for (var [over, field] of cases) {
      var r = await post(makeEvent({ id: 2, ...over }));
      expect(r.status, JSON.stringify(over)).toBe(422);
      expect(r.body.error).toBe('invalid_event');
      expect(r.body.problems.map((p: any) => p.path)).toContain(field);
    }
    var missing = await post({ device_id: 'esp32-a', id: 3 });
    expect(missing.status).toBe(422);
    expect(missing.body.problems.map((p: any) => p.path)).toEqual(['time', 'gesture', 'move', 'score']);
    expect((await post('just a string')).status).toBe(422);
    expect((await post([])).status).toBe(422);
    expect(await total()).toBe(before);
  });

  it('one bad event of a batch is refused alone: the others are stored, each with its result', async () => {
    var r = await post([makeEvent({ id: 10 }), makeEvent({ id: 11, score: 'high' })]);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ stored: 1, refused: 1 });
    expect(r.body.results[0]).toEqual({ id: 10, status: 'stored' });
    expect(r.body.results[1]).toMatchObject({ id: 11, status: 'refused', error: 'invalid_event' });
    expect(r.body.results[1].message).toMatch(/^\[1\]\.score: /);
    expect(r.body.problems[0].path).toBe('[1].score');
    expect(await total()).toBe(before + 1);
  });

  it('a batch whose every event is refused is 422, with the per-event results', async () => {
    var r = await post([makeEvent({ id: 12, move: -1 }), makeEvent({ id: 13, time: 1e20 })]);
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('invalid_event');
    expect(r.body.results.map((x: any) => [x.id, x.status])).toEqual([[12, 'refused'], [13, 'refused']]);
    expect(r.body.problems.map((p: any) => p.path)).toEqual(['[0].move', '[1].time']);
    expect(await total()).toBe(before);
  });

  it('too many events in one request is 422, too large a body is 413', async () => {
    var many = Array.from({ length: 21 }, (_, i) => makeEvent({ id: 100 + i }));
    var r = await post(many);
    expect(r.status).toBe(422);
    expect(r.body.message).toMatch(/holds 21 events; at most 20/);
    var big = await post(makeEvent({ gesture: 'x'.repeat(5000) }));
    expect(big.status).toBe(413);
    expect(big.body.error).toBe('body_too_large');
    expect(big.body.message).toMatch(/4096 bytes/);
    expect(await total()).toBe(before);
  });

  it('missing, malformed, unknown and revoked tokens are 401', async () => {
    var none = await post(makeEvent({ id: 20 }), { token: undefined });
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/missing token/);
    var basic = await post(makeEvent({ id: 20 }), { token: undefined, headers: { authorization: 'Basic YTpi' } });
    expect(basic.status).toBe(401);
    expect(basic.body.message).toMatch(/Bearer/);
    var forged = await post(makeEvent({ id: 20 }), { token: token.slice(0, -4) + 'AAAA' });
    expect(forged.status).toBe(401);
    var created = await rx.createToken('esp32-a');
    await rx.store.revokeTokens({ tokenId: created.record.token_id }, Date.now());
    var revoked = await post(makeEvent({ id: 20 }), { token: created.token });
    expect(revoked.status).toBe(401);
    expect(revoked.body.message).toMatch(/revoked/);
    expect(await total()).toBe(before);
  });

  it('checks the token before reading the body: no token and a bad or huge body is still 401', async () => {
    expect((await post(undefined, { token: undefined, raw: '{"broken' })).status).toBe(401);
    expect((await post(makeEvent({ gesture: 'x'.repeat(5000) }), { token: undefined })).status).toBe(401);
  });

  it('a token posting for another device is 403, and the batch is not stored', async () => {
    var r = await post([makeEvent({ id: 30 }), makeEvent({ id: 31, device_id: 'esp32-b' })]);
    expect(r.status).toBe(403);
    expect(r.body.message).toMatch(/"esp32-a".*"esp32-b"/);
    expect(await total()).toBe(before);
  });

  it('SQL-injection-like strings are refused where ids are expected and stored verbatim as labels', async () => {
    var r = await post(makeEvent({ id: 40, device_id: "esp32-a'; DROP TABLE events; --" }));
    expect(r.status).toBe(422);
    var q = await request(rx.url + '/api/v1/events?device=' + encodeURIComponent("' OR 1=1 --"));
    expect(q.status).toBe(422);
    var evil = "circle'); DELETE FROM events; --";
    var ok = await post(makeEvent({ id: 41, gesture: evil }));
    expect(ok.status).toBe(201);
    var back = await request(rx.url + '/api/v1/events?gesture=' + encodeURIComponent(evil));
    expect(back.body.events.map((e: any) => e.gesture)).toEqual([evil]);
    var notAll = await request(rx.url + '/api/v1/events?gesture=' + encodeURIComponent("x' OR '1'='1"));
    expect(notAll.body.events).toEqual([]);
    expect(await total()).toBe(before + 1);
  });

  it('a replayed id is acknowledged (200, duplicate) and not stored twice', async () => {
    var e = makeEvent({ id: 50 });
    expect((await post(e)).status).toBe(201);
    for (var i = 0; i < 3; i++) {
      var r = await post(e);
      expect(r.status).toBe(200);
      expect(r.body.results).toEqual([{ id: 50, status: 'duplicate' }]);
    }
    expect(await total()).toBe(before + 1);
  });

  it('bad query parameters are 422 naming the parameter', async () => {
    for (var qs of ['limit=0', 'limit=abc', 'since=-5', 'since=10&until=5', 'cursor=nonsense']) {
      var r = await request(rx.url + '/api/v1/events?' + qs);
      expect(r.status, qs).toBe(422);
      expect(r.body.message).toMatch(/query parameter (limit|since|until|cursor)/);
    }
  });

  it('legacy write-move needs a token unless opened, and is bound to the device', async () => {
    var body = { device_id: 'esp32-a', time: Date.now() - 5000, move: 1 };
    expect((await request(rx.url + '/api/write-move', { body })).status).toBe(401);
    expect((await request(rx.url + '/api/write-move', { body: { ...body, device_id: 'esp32-b' }, token })).status).toBe(403);
    expect((await request(rx.url + '/api/write-move', { body: { ...body, move: 'x' }, token })).status).toBe(422);
    expect(await total()).toBe(before);
    expect((await request(rx.url + '/api/write-move', { body, token })).status).toBe(200);
    expect(await total()).toBe(before + 1);
  });

  it('counts rejections by reason in the health check', async () => {
    var h = await request(rx.url + '/api/v1/health');
    expect(h.body.counters.rejected).toMatchObject({ malformed_json: expect.any(Number), invalid_event: expect.any(Number), unauthorized: expect.any(Number), forbidden: expect.any(Number), body_too_large: expect.any(Number) });
  });
});
