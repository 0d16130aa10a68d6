// Test helpers: service discovery (.ci/services.env or environment), temp folders, HTTP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { describe, it } from 'vitest';

var ENV_FILE = path.resolve(__dirname, '../../.ci/services.env');

function readEnvFile(): Record<string, string> {
  var out: Record<string, string> = {};
  if (!fs.existsSync(ENV_FILE)) return out;
  for (var line of fs.readFileSync(ENV_FILE, 'utf8').split('\n')) {
    var m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

var fileEnv = readEnvFile();
function setting(name: string): string | undefined {
  return process.env[name] || fileEnv[name] || undefined;
}

function portOpen(url: string, defaultPort: number): Promise<boolean> {
  var u = new URL(url);
  return new Promise((resolve) => {
    var s = net.connect({ host: u.hostname, port: Number(u.port || defaultPort) });
    s.setTimeout(2000);
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
    s.once('timeout', () => { s.destroy(); resolve(false); });
  });
}

export interface Service {
  name: string;
  /** URL or path when usable. */
  value?: string;
  /** Why it is not usable. */
  reason?: string;
}

async function find(name: string, envName: string, check: (v: string) => Promise<boolean>): Promise<Service> {
  var v = setting(envName);
  if (!v) return { name, reason: envName + ' is not set (run .ci/services.sh, which writes .ci/services.env)' };
  if (!(await check(v))) return { name, reason: name + ' at ' + v + ' does not answer (run .ci/services.sh)' };
  return { name, value: v };
}

export var findPostgres = () => find('PostgreSQL', 'RECEIVER_TEST_PG_URL', (v) => portOpen(v, 5432));
export var findMosquitto = () => find('mosquitto', 'RECEIVER_TEST_MQTT_URL', (v) => portOpen(v, 1883));
export var findChromium = () => find('Chromium', 'RECEIVER_TEST_CHROMIUM', async (v) => fs.existsSync(v));

/**
 * describe() that runs when the service is there. Missing: in CI (CI=true) a failing test,
 * elsewhere a skipped suite whose name says why.
 */
export function describeWithService(title: string, service: Service, body: (value: string) => void) {
  if (service.value) {
    var value = service.value;
    describe(title, () => body(value));
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it(service.name + ' is available (required in CI)', () => {
        throw new Error(service.name + ' is missing in CI: ' + service.reason);
      });
    });
  } else {
    describe.skip(title + ' [skipped: ' + service.reason + ']', () => {
      it('needs ' + service.name, () => {});
    });
  }
}

export function tempDir(prefix = 'receiver-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
}

export interface HttpAnswer {
  status: number;
  body: any;
  headers: Headers;
}

export async function request(url: string, init: { method?: string; body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
  var headers: Record<string, string> = { ...(init.headers ?? {}) };
  var body: string | undefined;
  if (init.raw !== undefined) body = init.raw;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = 'Bearer ' + init.token;
  var res = await fetch(url, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
  var text = await res.text();
  var parsed: any = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A valid event; override fields per test. */
export function makeEvent(over: Record<string, unknown> = {}) {
  return { device_id: 'esp32-a', id: 1, time: Date.now() - 1000, gesture: 'circle', move: 3, score: 0.9, ...over };
}
