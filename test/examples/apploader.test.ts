// The banglejs2-ble example as a Bangle.js App Loader app: the folder `npm run apploader`
// builds passes the App Loader's rules, and installed as the App Loader installs it (each
// file written to Storage, evaluated ones as the value of their expression) it runs: the
// model loads from its data file and gestures arrive as notifications.
import { describe, it, expect, beforeAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildAppLoaderApp, iconBitmap, espruinoImage } from '../../tools/apploader.mjs';
import { appLoaderProblems } from './apploader-rules';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installBleFakes } from '../../src/testing/fakes/ble';
import { createFakeBangle } from '../../src/testing/fakes/accel-bangle';
import { decodeGesturePayload } from '../../src/sinks/ble-payload';
import { emlearnSignal, modelBytes } from './helpers';

var dir: string;
beforeAll(() => { dir = buildAppLoaderApp(fs.mkdtempSync(path.join(os.tmpdir(), 'apploader-'))); });

describe('App Loader app', () => {
  it('passes the App Loader\'s rules', () => {
    expect(appLoaderProblems(dir)).toEqual([]);
  });

  it('the rules catch what the App Loader refuses', () => {
    var broken = fs.mkdtempSync(path.join(os.tmpdir(), 'apploader-broken-'));
    var copy = path.join(broken, 'gestures');
    fs.cpSync(dir, copy, { recursive: true });
    var meta = JSON.parse(fs.readFileSync(path.join(copy, 'metadata.json'), 'utf8'));
    meta.version = '0.02';
    meta.supports = ['PUCKJS'];
    meta.storage = meta.storage.filter(function (f: any) { return f.name !== 'gestures.img'; });
    fs.writeFileSync(path.join(copy, 'metadata.json'), JSON.stringify(meta));
    expect(appLoaderProblems(copy)).toEqual(['unknown device PUCKJS', 'version 0.02 and the ChangeLog disagree', 'no JS icon gestures.img']);
  });

  it('draws the same 48x48 icon on the page (PNG) and in the launcher (image string)', () => {
    var png = fs.readFileSync(path.join(dir, 'app.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(48);
    expect(png.readUInt32BE(20)).toBe(48);
    var img = Buffer.from(/atob\("([^"]*)"\)/.exec(fs.readFileSync(path.join(dir, 'app-icon.js'), 'utf8'))![1], 'base64');
    expect(Array.from(img)).toEqual(Array.from(espruinoImage(iconBitmap())));
    expect([img[0], img[1], img[2]]).toEqual([48, 48, 1]);
  });

  it('installed as the App Loader installs it, runs and notifies the gestures of a replayed recording', async () => {
    var sb = createEspruinoSandbox({ board: 'BANGLEJS2', startEpochMs: Date.UTC(2026, 10, 25, 9) });
    var ble = installBleFakes(sb);
    var bangle = createFakeBangle({ signal: emlearnSignal(), interpolation: 'linear', timers: { setInterval: sb.run('setInterval'), clearInterval: sb.run('clearInterval') } });
    (bangle as any).buzz = () => {};
    sb.defineGlobal('Bangle', bangle);
    var meta = JSON.parse(fs.readFileSync(path.join(dir, 'metadata.json'), 'utf8'));
    var write = sb.run('(function (name, value) { require("Storage").write(name, value); })');
    meta.storage.concat(meta.data.filter(function (d: any) { return d.url; })).forEach(function (f: any) {
      var text = fs.readFileSync(path.join(dir, f.url), 'utf8');
      write(f.name, f.evaluate ? sb.run('(' + text + ')', f.url) : text);
    });
    expect(new Uint8Array(sb.storage.readArrayBuffer('gestures.model')!)).toEqual(modelBytes('banglejs2-cgestures.egm'));
    ble.central.connect();
    sb.run(sb.storage.read('gestures.app.js')!, 'gestures.app.js');
    await sb.advance(29_000);
    expect(sb.errors).toEqual([]);
    var labels = JSON.parse(JSON.stringify(sb.run('pipeline.classifier.labels')));
    var gestures = ble.notifications.map((n) => decodeGesturePayload(n.bytes, { deviceId: 'bangle-1', labels }).gesture);
    expect(gestures).toEqual(['wave', 'updown', 'snake']);
  });
});
