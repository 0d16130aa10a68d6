// The whole receiver on PostgreSQL: the HTTP contract does not depend on the store.
import pg from 'pg';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { startReceiver, type Receiver } from '../../src/server';
import { describeWithService, findPostgres, request, makeEvent } from './helpers';

var postgres = await findPostgres();

describeWithService('receiver on PostgreSQL', postgres, (url) => {
  var schema = 'rx_' + process.pid + '_' + Date.now().toString(36);
  var rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver({ port: 0, databaseUrl: url, postgresSchema: schema, legacy: { open: true } });
  });
  afterAll(async () => {
    await rx?.close();
    var c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('DROP SCHEMA IF EXISTS ' + schema + ' CASCADE');
    await c.end();
  });

  it('stores, de-duplicates and reports like on SQLite', async () => {
    var { token } = await rx.createToken('esp32-pg');
    var events = [1, 2, 3].map((id) => makeEvent({ device_id: 'esp32-pg', id, time: Date.now() - id * 1000 }));
    expect((await request(rx.url + '/api/v1/events', { body: events, token })).status).toBe(201);
    var replay = await request(rx.url + '/api/v1/events', { body: events, token });
    expect(replay.body).toMatchObject({ stored: 0, duplicates: 3 });
    expect((await request(rx.url + '/api/write-move', { body: { device_id: 'esp32-pg', time: Date.now() - 500, move: 1 } })).status).toBe(200);
    var stats = await request(rx.url + '/api/v1/stats');
    expect(stats.body).toMatchObject({ total: 4, by_device: [{ device_id: 'esp32-pg', count: 4 }] });
    var health = await request(rx.url + '/api/v1/health');
    expect(health.body.storage).toBe('postgres');
    var page = await request(rx.url + '/api/v1/events?limit=3');
    expect(page.body.events).toHaveLength(3);
    var rest = await request(rx.url + '/api/v1/events?limit=3&cursor=' + page.body.next);
    expect(rest.body).toMatchObject({ events: [expect.objectContaining({ id: 3 })], next: null });
  });

  it('refuses what PostgreSQL cannot hold or compare with a 4xx, never a 500', async () => {
    // NUL in a read filter, unauthenticated: PostgreSQL text cannot contain it.
    for (var q of ['gesture=%00', 'gesture=a%00b', 'device=%00']) {
      var r = await request(rx.url + '/api/v1/events?' + q);
      expect([q, r.status, r.body.error]).toEqual([q, 422, 'invalid_query']);
    }
    expect((await request(rx.url + '/api/v1/stats?gesture=%00')).status).toBe(422);
    var { token } = await rx.createToken('esp32-pg2');
    // A lone surrogate would be stored as U+FFFD (and a retry counted as a conflict): refused.
    var lone = await request(rx.url + '/api/v1/events', { body: makeEvent({ device_id: 'esp32-pg2', id: 1, gesture: 'a\ud800' }), token });
    expect([lone.status, lone.body.problems[0].path]).toEqual([422, 'gesture']);
    var huge = await request(rx.url + '/api/v1/events', { body: makeEvent({ device_id: 'esp32-pg2', id: 1, time: 1e308 }), token });
    expect([huge.status, huge.body.problems[0].path]).toEqual([422, 'time']);
    expect((await request(rx.url + '/api/v1/stats?device=esp32-pg2')).body.total).toBe(0);
  });
});
