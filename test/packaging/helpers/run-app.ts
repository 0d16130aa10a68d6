// Runs a built user app in the Espruino sandbox of the *installed* package (its /testing
// entry), fed by the emlearn recordings the package ships (data/emlearn-har): idle, wave,
// idle, updown, idle, snake, idle, 4 s each. Returns the gestures that left the device.
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Testing from '../../../src/testing/index';
import type * as Host from '../../../src/host/index';
import type * as Device from '../../../src/index';

export interface InstalledEntries { testing: typeof Testing; host: typeof Host; device: typeof Device }

export async function importInstalled(pkgDir: string): Promise<InstalledEntries> {
  var load = (f: string) => import(/* @vite-ignore */ pathToFileURL(path.join(pkgDir, 'dist', 'node', f)).href);
  return { testing: await load('testing.js'), host: await load('host.js'), device: await load('index.js') };
}

var SEQUENCE = ['193704_idle', '192906_wave', '193708_idle', '192823_updown', '193712_idle', '192744_snake', '193716_idle'];

/** The recordings back to back as one 100 Hz signal in m/s^2 (gyro channels at 0). */
export function emlearnSignal(pkgDir: string, host: typeof Host): Testing.Recording {
  var dir = path.join(pkgDir, 'data', 'emlearn-har', 'cgestures');
  var rows: number[] = [];
  for (var name of SEQUENCE) {
    var rec = host.readNpyRecording(path.join(dir, '2025-06-15T' + name + '.npy'), { rateHz: 100, scale: 9.80665 / 16384 });
    for (var i = 0; i < rec.timesMs.length; i++) rows.push(rec.values[i * 3], rec.values[i * 3 + 1], rec.values[i * 3 + 2], 0, 0, 0);
  }
  var n = rows.length / 6;
  return {
    channels: ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'],
    timesMs: Float64Array.from({ length: n }, (_, i) => i * 10),
    values: Float64Array.from(rows), length: n, rateHz: 100,
  } as Testing.Recording;
}

/** Puck.js: fake accelerometer, a central connected from the start; decoded BLE notifications. */
export async function runPuckApp(code: string, e: InstalledEntries, signal: Testing.Recording, labels: string[]) {
  var sb = e.testing.createEspruinoSandbox({ board: 'PUCKJS', startEpochMs: Date.UTC(2026, 10, 25, 9) });
  var ble = e.testing.installBleFakes(sb);
  var timers = { setInterval: sb.run('setInterval'), clearInterval: sb.run('clearInterval') };
  sb.defineGlobal('Puck', e.testing.createFakePuck({ signal, interpolation: 'linear', timers }));
  sb.run(code, 'puckjs-app.js');
  await sb.boot();
  ble.central.connect();
  await sb.advance(30_000);
  var gestures = ble.notifications.map((n) => e.device.decodeGesturePayload(n.bytes, { deviceId: 'puck-user', labels }).gesture);
  // What a user types in the console (the READMEs' `box.stats()`): the app's globals must be there.
  var consoleStats = sb.run('typeof box === "object" && box ? box.stats() : typeof box');
  return { gestures, errors: sb.errors.map(String), output: sb.output, consoleStats };
}

/** ESP32: simulated MPU6500 on I2C1, Wi-Fi and http bridged to a local server; the POSTed gestures. */
export async function runEsp32App(code: string, e: InstalledEntries, signal: Testing.Recording) {
  var posted: string[] = [];
  var server = http.createServer((req, res) => {
    var body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      try {
        var parsed = JSON.parse(body);
        (Array.isArray(parsed) ? parsed : [parsed]).forEach((ev: any) => posted.push(ev.gesture));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch {
        res.writeHead(400).end('bad json');
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    var sb = e.testing.createEspruinoSandbox({ board: 'ESP32', startEpochMs: Date.UTC(2026, 10, 25, 9) });
    var port = (server.address() as { port: number }).port;
    var net = e.testing.installNetworkFakes(sb, { hosts: { '192.168.1.10': port }, wifi: { ssid: 'user-network', password: 'user-password' } });
    var sim = new e.testing.SimulatedMPU6500({ now: sb.now });
    sb.i2c.I2C1.attach(0x68, sim);
    sb.run(code, 'esp32-app.js');
    await sb.boot();
    await sb.advance(1000); // Wi-Fi joins, the IMU is configured
    sim.play(signal);
    for (var step = 0; step < 300; step++) {
      await sb.advance(100);
      await net.settle();
    }
    return { gestures: posted, errors: sb.errors.map(String), output: sb.output };
  } finally {
    await new Promise((ok) => server.close(ok));
  }
}
