// GET /api/v1/device-token: a bridge given a device token learns which device it belongs to
// (and refuses a bad one) before forwarding anything; the secret never comes back.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startReceiver, type Receiver } from '../../src/server';
import { tempDir, removeDir, request } from './helpers';

describe('GET /api/v1/device-token', () => {
  var dataDir: string;
  var rx: Receiver;

  beforeAll(async () => {
    dataDir = tempDir();
    rx = await startReceiver({ port: 0, dataDir, readTokens: ['egr_read-token-for-this-test'] });
  });
  afterAll(async () => {
    await rx?.close();
    removeDir(dataDir);
  });

  it('names the token\'s device and token id, not the secret', async () => {
    var created = await rx.createToken('puck-desk');
    var r = await request(rx.url + '/api/v1/device-token', { token: created.token });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ device_id: 'puck-desk', token_id: created.record.token_id });
    expect(JSON.stringify(r.body)).not.toContain(created.token.slice(14));
  });

  it('refuses a missing, unknown, revoked or read token with the reason', async () => {
    expect((await request(rx.url + '/api/v1/device-token')).body.message).toMatch(/^missing token/);
    var unknown = await request(rx.url + '/api/v1/device-token', { token: 'egt_00000000_' + 'A'.repeat(43) });
    expect([unknown.status, unknown.body.message]).toEqual([401, 'invalid token']);
    var read = await request(rx.url + '/api/v1/device-token', { token: 'egr_read-token-for-this-test' });
    expect([read.status, read.body.message]).toEqual([401, 'invalid token']);
    var created = await rx.createToken('bangle-alex');
    await rx.store.revokeTokens({ tokenId: created.record.token_id }, Date.now());
    var revoked = await request(rx.url + '/api/v1/device-token', { token: created.token });
    expect([revoked.status, revoked.body.message]).toEqual([401, 'token ' + created.record.token_id + ' was revoked']);
  });
});
