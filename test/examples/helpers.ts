// Shared by the example tests: build an example through the espruino CLI (the code a user
// uploads), swap its CONFIG block, train models, and measure memory in the sandbox.
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/index';
import { estimateJsVars } from '../../src/testing/jsvar-estimate';
import type { EspruinoSandbox } from '../../src/testing/sandbox';
// @ts-ignore: plain ES module tool, no types
import { EXAMPLES, buildExample } from '../../tools/build-examples.mjs';

export var ROOT = path.resolve(__dirname, '../..');
export var SEED = path.resolve(ROOT, '../shared/data/seed/data');
export var BUILD_DIR = path.join(ROOT, 'artifacts', 'examples');

var built: { [key: string]: { out: string; upload?: string } } = {};
function build(example: string, file: string) {
  var key = example + '/' + file;
  if (!built[key]) {
    var entry = EXAMPLES.find((e: any) => e.example === example && e.file === file);
    if (!entry) throw new Error('no such example upload ' + key);
    built[key] = buildExample(entry, BUILD_DIR);
  }
  return built[key];
}

/** The espruino CLI's output for an example file (built once per test process). */
export function builtExample(example: string, file = 'app.js'): string {
  return fs.readFileSync(build(example, file).out, 'utf8');
}

/** The CLI's Storage upload for an nRF52 example: Storage.write calls, then load(). */
export function builtUpload(example: string, file = 'app.js'): string {
  var up = build(example, file).upload;
  if (!up) throw new Error(example + ' has no Storage upload');
  return fs.readFileSync(up, 'utf8');
}

/** Runs a Storage upload in the sandbox as the board would, then loads the app file it wrote. */
export function uploadAndLoad(sb: EspruinoSandbox, upload: string, appFile: string): string {
  sb.upload(upload, 'upload.js'); // through the console: OUT OF MEMORY if it cannot fit
  var app = sb.storage.read(appFile);
  if (app === undefined) throw new Error('the upload wrote no ' + appFile);
  sb.run(app, appFile); // load(): runs from flash, its text costs no variables
  return app;
}

/** Replaces values in the example's `var CONFIG = { ... };` block (as a user edits it). */
export function withConfig(code: string, values: { [name: string]: string | number }): string {
  var m = /var CONFIG = \{([\s\S]*?)\n\};/.exec(code);
  if (!m) throw new Error('no CONFIG block');
  var block = m[0];
  for (var name of Object.keys(values)) {
    var re = new RegExp('(\\n  ' + name + ': )([^\\n]*?)(,?)(\\s*//[^\\n]*)?\\n');
    if (!re.test(block)) throw new Error('CONFIG has no ' + name);
    block = block.replace(re, (_all, a, _v, comma, comment) => a + JSON.stringify(values[name]) + comma + (comment || '') + '\n');
  }
  return code.replace(m[0], block);
}

/** The README's command: train circle/x/y from the seed's window table (never committed). */
export async function trainSeedModel(outFile: string): Promise<Uint8Array> {
  var err: string[] = [];
  var code = await main(['train', '--table', path.join(SEED, 'transformed/20210529_v2_data_all_20hz.csv'),
    '--labels', 'idle,x,y,circle', '--seed-variant', 'base', '--model', 'dt', '--min-leaf', '3', '--hop', '50', '--out', outFile], { out: () => {}, err: (l) => err.push(l), isTTY: false });
  if (code !== 0) throw new Error('train failed: ' + err.join('\n'));
  return new Uint8Array(fs.readFileSync(outFile));
}

/** Writes bytes into the sandbox's Storage as Espruino's Storage.write would. */
export function writeStorage(sb: EspruinoSandbox, name: string, bytes: Uint8Array): void {
  var U8 = sb.run('Uint8Array');
  var copy = new U8(bytes.length);
  copy.set(bytes);
  sb.storage.write(name, copy);
}

/**
 * Variables the app's objects hold after boot, estimated as E.getSizeOf does, with each
 * function counted as ~3 variables (function, name, code reference): its text is counted
 * separately by codeVars, because where it lives depends on the board (ESP32: RAM; nRF52
 * code run from Storage: memory-mapped flash). Includes the bundle's exports and prototypes.
 * Closure state is not visible to the estimate.
 */
export function appStateVars(sb: EspruinoSandbox, globals: string[], options?: { modelInFlash?: string }): number {
  var seen = new Set<any>();
  var total = 0;
  if (options && options.modelInFlash) {
    // nRF52: the model's typed arrays are views over memory-mapped flash, ~2 variables each
    // (the sandbox's Storage hands out a RAM copy, which would count the bytes).
    var classifier = sb.run(options.modelInFlash);
    for (var k of Object.keys(classifier)) {
      if (ArrayBuffer.isView(classifier[k])) { seen.add(classifier[k]); total += 2; }
    }
  }
  var bundle = sb.require('espruino-gestures');
  return total + objectVars(bundle, seen) + globals.reduce((sum, g) => sum + objectVars(sb.run(g), seen), 0);
}

function objectVars(v: any, seen: Set<any>): number {
  if (v === null || typeof v !== 'object' && typeof v !== 'function') return estimateJsVars(v);
  if (seen.has(v)) return 0;
  if (ArrayBuffer.isView(v) || (v.constructor && v.constructor.name === 'ArrayBuffer')) { seen.add(v); return estimateJsVars(v); }
  seen.add(v);
  var total = typeof v === 'function' ? 3 : 1;
  var keys = Object.keys(v);
  if (typeof v === 'function' && v.prototype) {
    var proto = Object.getOwnPropertyNames(v.prototype).filter((k) => k !== 'constructor');
    if (proto.length) total += 2 + proto.reduce((s, k) => s + estimateJsVars(k) + objectVars(v.prototype[k], seen), 0);
  }
  for (var k of keys) total += (/^\d+$/.test(k) ? 1 : estimateJsVars(k)) + objectVars(v[k], seen);
  return total;
}

/** Variables the code text takes when it lives in RAM (ESP32: uploaded or loaded from flash). */
export function codeVars(code: string): number {
  return estimateJsVars(code);
}

import { readNpyRecording } from '../../src/host/readers/npy-recording';
import { STANDARD_GRAVITY } from '../../src/core/types';
import type { Recording as SimRecording } from '../../src/testing/recording';

export var EMLEARN = path.join(ROOT, 'data/emlearn-har/cgestures');
/** idle, wave, idle, updown, idle, snake, idle: 4 s each, one recording of the emlearn set each. */
export var EMLEARN_SEQUENCE = ['193704_idle', '192906_wave', '193708_idle', '192823_updown', '193712_idle', '192744_snake', '193716_idle'];

/**
 * emlearn recordings (wrist accelerometer, 100 Hz, int16 counts) back to back as one
 * recording for the simulated sensors: m/s^2, gyro channels at 0.
 */
export function emlearnSignal(names = EMLEARN_SEQUENCE): SimRecording {
  var rows: number[][] = [];
  for (var name of names) {
    var rec = readNpyRecording(path.join(EMLEARN, '2025-06-15T' + name + '.npy'), { rateHz: 100, scale: STANDARD_GRAVITY / 16384 });
    for (var i = 0; i < rec.timesMs.length; i++) rows.push([rec.values[i * 3], rec.values[i * 3 + 1], rec.values[i * 3 + 2], 0, 0, 0]);
  }
  var values = new Float64Array(rows.length * 6);
  rows.forEach((r, i) => values.set(r, i * 6));
  return {
    channels: ['acc_x', 'acc_y', 'acc_z', 'gyro_x', 'gyro_y', 'gyro_z'],
    timesMs: Float64Array.from(rows, (_, i) => i * 10),
    values, length: rows.length, rateHz: 100,
  };
}

export function modelBytes(file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(ROOT, 'data/models', file)));
}

/**
 * Drives the sandbox 100 ms at a time until `endMs` has passed and the app's outbox (`box`)
 * is empty, with the network down from `outage.from` to `outage.to`; real I/O settles
 * after every step.
 */
export async function runWithOutage(
  sb: EspruinoSandbox,
  net: { setNetworkUp(up: boolean): void; settle(): Promise<void> },
  outage: { from: number; to: number },
  endMs: number,
  maxSteps: number
): Promise<void> {
  for (var step = 0; step < maxSteps; step++) {
    if (sb.now() === outage.to) net.setNetworkUp(true);
    await sb.advance(100);
    if (sb.now() === outage.from) net.setNetworkUp(false);
    await net.settle();
    if (sb.now() > endMs && sb.run('box.size()') === 0) break;
  }
}
