// The device-health and CSV-export routes over HTTP, on SQLite and on a real PostgreSQL:
// POST /api/v1/status (device token), GET /api/v1/devices and GET /api/v1/events.csv (read
// routes: the read token guards them like /api/v1/events), and the status event on SSE.
import pg from 'pg';
import { it, expect, beforeAll, afterAll, describe } from 'vitest';
import { startReceiver, type Receiver, type ReceiverOptions } from '../../src/server';
import { describeWithService, findPostgres, tempDir, removeDir, request, makeEvent } from './helpers';

var READ = 'egr_health-test-read-token';
var MINUTE = 60_000;

function apiSuite(open: () => Promise<{ options: ReceiverOptions; cleanup: () => Promise<void> }>) {
  var rx: Receiver;
  var cleanup: () => Promise<void>;
  var tokens: Record<string, string> = {};
  var read = { authorization: 'Bearer ' + READ };

  async function token(device: string) {
    return (tokens[device] ??= (await rx.createToken(device)).token);
  }

  beforeAll(async () => {
    var o = await open();
    cleanup = o.cleanup;
    rx = await startReceiver({ ...o.options, port: 0, readTokens: [READ], offlineAfterMs: 5 * MINUTE });
  });
  afterAll(async () => {
    await rx?.close();
    await cleanup?.();
  });

  it('takes a status report with the device token and shows it per device with last seen and state', async () => {
    var t = await token('esp32-a');
    var before = Date.now();
    var r = await request(rx.url + '/api/v1/status', {
      token: t,
      body: { device_id: 'esp32-a', queued: 2, sent: 40, dropped: 3, rejected: 1, failures: 0, nextId: 46, linkUp: true, persistErrors: 0, held: 0, estimated: 0 },
    });
    expect(r.status).toBe(200);
    expect(r.body.message).toBe('OK');
    var posted = await request(rx.url + '/api/v1/events', { token: t, body: [makeEvent({ device_id: 'esp32-a', id: 1 }), makeEvent({ device_id: 'esp32-a', id: 2, time: Date.now() - 2 * 3600_000 })] });
    expect(posted.status).toBe(201);
    // A device silent for longer than --offline-after: its last event arrived 6 minutes ago.
    await rx.store.insertEvents([{ device_id: 'puck-old', id: 1, time: Date.now() - 6 * MINUTE, gesture: 'x', move: 1, score: 0.8, source: 'http', received_at: Date.now() - 6 * MINUTE }]);
    await token('bangle-new');

    var h = await request(rx.url + '/api/v1/devices', { headers: read });
    expect(h.status).toBe(200);
    expect(h.body.offline_after_ms).toBe(5 * MINUTE);
    var by = Object.fromEntries(h.body.devices.map((d: any) => [d.device_id, d]));
    expect(Object.keys(by).sort()).toEqual(['bangle-new', 'esp32-a', 'puck-old']);
    expect(by['esp32-a']).toMatchObject({ state: 'online', events_last_hour: 1, has_token: true });
    expect(by['esp32-a'].last_seen).toBeGreaterThanOrEqual(before);
    expect(by['esp32-a'].status).toMatchObject({ source: 'http', queued: 2, sent: 40, dropped: 3, rejected: 1, next_id: 46, other: { linkUp: true } });
    expect(by['puck-old']).toMatchObject({ state: 'offline', status: null, events_last_hour: 1, has_token: false });
    expect(by['bangle-new']).toMatchObject({ state: 'never_seen', last_seen: null });
    var one = await request(rx.url + '/api/v1/devices?device=puck-old', { headers: read });
    expect(one.body.devices.map((d: any) => d.device_id)).toEqual(['puck-old']);
    expect((await request(rx.url + '/api/v1/devices?device=no%20such', { headers: read })).status).toBe(422);
  });

  it('refuses a bad status report with the field named, counts it, and keeps the last good one', async () => {
    var t = await token('esp32-a');
    var cases: [unknown, number, string][] = [
      [{ device_id: 'esp32-a', dropped: -1 }, 422, 'dropped: must be a non-negative integer'],
      [{ device_id: 'esp32-a', sent: 1.5 }, 422, 'sent: must be a non-negative integer'],
      [{ device_id: 'esp32-a', 'bad key': 1 }, 422, 'is not a counter name'],
      [{ device_id: 'esp32-a', rssi: 'weak' }, 422, 'rssi: must be a number or a boolean'],
      [{ sent: 1 }, 422, 'device_id: is required'],
      [[1, 2], 422, 'must be a status object'],
    ];
    for (var [body, code, text] of cases) {
      var r = await request(rx.url + '/api/v1/status', { token: t, body });
      expect(r.status, JSON.stringify(body)).toBe(code);
      expect(r.body.error).toBe('invalid_status');
      expect(r.body.message).toContain(text);
    }
    expect((await request(rx.url + '/api/v1/status', { token: t, body: { device_id: 'puck-old', sent: 1 } })).status).toBe(403);
    expect((await request(rx.url + '/api/v1/status', { body: { device_id: 'esp32-a', sent: 1 } })).status).toBe(401);
    expect((await request(rx.url + '/api/v1/status', { token: t, raw: '{"device_id":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    var health = await request(rx.url + '/api/health');
    expect(health.body.counters.rejected.invalid_status).toBe(cases.length);
    var h = await request(rx.url + '/api/v1/devices?device=esp32-a', { headers: read });
    expect(h.body.devices[0].status).toMatchObject({ sent: 40, dropped: 3 });
  });

  it('guards the health and CSV routes with the read token (header or access_token)', async () => {
    for (var path of ['/api/v1/devices', '/api/v1/events.csv']) {
      expect((await request(rx.url + path)).status, path).toBe(401);
      expect((await request(rx.url + path, { headers: { authorization: 'Bearer nope' } })).status, path).toBe(401);
      expect((await request(rx.url + path, { headers: read })).status, path).toBe(200);
      expect((await request(rx.url + path + '?access_token=' + READ)).status, path).toBe(200);
    }
    // A device token does not read.
    expect((await request(rx.url + '/api/v1/events.csv', { token: await token('esp32-a') })).status).toBe(401);
  });

  it('exports the events as CSV with the list\'s filters, quoted, formulas defused, streamed', async () => {
    var t = await token('csv-dev');
    var now = Date.now();
    var labels = ['plain', 'with,comma', 'with "quotes"', '=HYPERLINK("http://x")', '-x', 'caf\u00e9 \u{1F44B}'];
    var posted = await request(rx.url + '/api/v1/events', {
      token: t,
      body: labels.map((g, i) => makeEvent({ device_id: 'csv-dev', id: i + 1, time: now - 1000 * (i + 1), gesture: g, move: i })),
    });
    expect(posted.body.stored).toBe(labels.length);
    var res = await fetch(rx.url + '/api/v1/events.csv?device=csv-dev', { headers: read });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="events-csv-dev.csv"');
    // Streamed: chunked, no length known up front.
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    var lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('seq,device_id,id,time,time_iso,gesture,move,score,source,received_at');
    var rows = lines.slice(1, -1);
    expect(rows).toHaveLength(labels.length);
    var gestureField = (line: string) => line.split(',').slice(5, -4).join(',');
    expect(rows.map(gestureField)).toEqual(['plain', '"with,comma"', '"with ""quotes"""', '"\'=HYPERLINK(""http://x"")"', "'-x", 'caf\u00e9 \u{1F44B}']);
    var first = rows[0].split(',');
    expect(first[1]).toBe('csv-dev');
    expect(first[2]).toBe('1');
    expect(first[4]).toBe(new Date(now - 1000).toISOString());
    expect(first[8]).toBe('http');
    var filtered = await request(rx.url + '/api/v1/events.csv?device=csv-dev&gesture=-x&since=' + (now - 60000), { headers: read });
    expect(filtered.body.split('\r\n').slice(1, -1).map(gestureField)).toEqual(["'-x"]);
    var bad = await request(rx.url + '/api/v1/events.csv?since=soon', { headers: read });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('since');
  });

  it('tells SSE listeners about a status report', async () => {
    var ctl = new AbortController();
    var res = await fetch(rx.url + '/api/v1/stream?device=esp32-a', { headers: read, signal: ctl.signal });
    var reader = res.body!.getReader();
    var text = '';
    var r = await request(rx.url + '/api/v1/status', { token: await token('esp32-a'), body: { device_id: 'esp32-a', sent: 41, dropped: 3 } });
    expect(r.status).toBe(200);
    while (!text.includes('event: status')) {
      var chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    ctl.abort();
    expect(text).toContain('event: status\ndata: {"device_id":"esp32-a","reported_at":' + r.body.reported_at + '}');
  });
}

describe('device health API: SQLite', () => {
  apiSuite(async () => {
    var dir = tempDir();
    return { options: { dataDir: dir }, cleanup: async () => removeDir(dir) };
  });
});

var postgres = await findPostgres();
describeWithService('device health API: PostgreSQL', postgres, (url) => {
  apiSuite(async () => {
    var schema = 'health_api_' + process.pid + '_' + Date.now().toString(36);
    return {
      options: { databaseUrl: url, postgresSchema: schema },
      async cleanup() {
        var c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query('DROP SCHEMA IF EXISTS ' + schema + ' CASCADE');
        await c.end();
      },
    };
  });
});
