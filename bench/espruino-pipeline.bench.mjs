// The pipeline's cost in the REAL Espruino interpreter (../shared/tools/espruino, or
// ESPRUINO_BIN_DIR; 16,383-variable build, code in RAM): interpreter milliseconds per
// second of sensor data, for each example's default configuration, split into windowing +
// features + debouncing (the model's own labels replayed) and inference. Real recordings are pushed
// through GesturePipeline.push as the device's source does. Needs `npm run build`.
// ESPRUINO_BASELINE_BUNDLE=<an older espruino-gestures.min.js> adds a "before" column.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { interpreterPresent, measureInInterpreter, BUILD, CPU_MS, RAM_COPIES } from './espruino.mjs';

var here = path.dirname(fileURLToPath(import.meta.url));
var root = path.resolve(here, '..');
// The recording is pushed this many times over (times running on), for >= 1 s of CPU per figure.
var PASSES = 4;

if (!interpreterPresent()) process.exit(0);
var { CASES: ALL_CASES, selectedCases, SECONDS } = await import('./espruino-pipeline-cases.mjs');
var bundles = { now: readFileSync(path.join(root, 'dist/espruino/esp32/espruino-gestures.min.js')) };
if (process.env.ESPRUINO_BASELINE_BUNDLE) bundles.before = readFileSync(process.env.ESPRUINO_BASELINE_BUNDLE);
var CASES = selectedCases(ALL_CASES);

// ---- interpreter ----------------------------------------------------------------------
function timedScript(c) {
  return [
    RAM_COPIES,
    CPU_MS,
    'Modules.addCached("espruino-gestures", ramText("eg.js"));',
    'var eg = require("espruino-gestures");',
    'var model = eg.loadModel(ramBytes("m.egm"));',
    'var sig = new Float32Array(new Float32Array(S.readArrayBuffer("sig.bin")));',
    'var CH = model.spec.channels, nch = CH.length, n = sig.length / nch, RATE = ' + c.rateHz + ', i;',
    // FIFO cases: the samples are the MPU6500's words as its driver scales them; a bundle with
    // pushBlock gets them as the driver's 20-frame bursts (SampleBlock), an older one sample by sample.
    'var W = ' + (c.fifo ? 'new Int16Array(new Int16Array(S.readArrayBuffer("w.bin")))' : 'null') + ', A = 9.80665 / 16384, G = 1 / 131, BURST = 20;',
    'if (W) for (i = 0; i < sig.length; i++) sig[i] = W[i] * (i % 6 < 3 ? A : G);',
    // A bundle built without sample blocks has a pushBlock that takes none (its driver then delivers samples).
    'var BLOCKS = !!W && typeof eg.GesturePipeline.prototype.pushBlock === "function" && new eg.GesturePipeline({ source: { channels: CH, rateHz: RATE }, model: model, debouncer: ' + c.debouncer + ', onEvent: function () {} })' +
    '.pushBlock({ raw: new Int16Array(6), count: 1, stride: 6, at: new Uint8Array([0, 1, 2, 3, 4, 5]), scale: new Float64Array(6), offset: new Float64Array(6), t0: 0, k0: 0, periodMs: 1000 / RATE });',
    'var blk = { raw: W, count: BURST, stride: 6, at: new Uint8Array([0, 1, 2, 3, 4, 5]), scale: new Float64Array([A, A, A, G, G, G]), offset: new Float64Array(6), t0: 0, k0: 0, periodMs: 1000 / RATE };',
    // "Windowing" replays the real model's labels and scores window by window (recorded in a
    // first, untimed run): the debouncer then leaves out the same quiet windows as the real run.
    'var L = [], SC = [], at = 0;',
    'var recorder = { labels: model.spec.labels, predict: function (f, s) { var l = model.classifier.predict(f, s); L.push(l); SC.push(s[l]); return l; } };',
    'var constant = { labels: model.spec.labels, predict: function (f, s) { var k = at++; s.fill(0); s[L[k]] = SC[k]; return L[k]; } };',
    // What feeding the samples costs without a pipeline (a view per sample, as a driver hands one over).
    'var PASSES = ' + PASSES + ';',
    'function feed() { var t0 = cpuMs(), v, pass; for (pass = 0; pass < PASSES; pass++) { if (BLOCKS) for (i = 0; i < n; i += BURST) { blk.raw = W.subarray(i * 6, (i + BURST) * 6); blk.k0 = pass * n + i; }',
    '  else for (i = 0; i < n; i++) v = sig.subarray(i * nch, i * nch + nch); } return cpuMs() - t0; }',
    'function pushAll(p, pass) { if (BLOCKS) for (i = 0; i < n; i += BURST) { blk.raw = W.subarray(i * 6, (i + BURST) * 6); blk.k0 = pass * n + i; p.pushBlock(blk); }',
    '  else for (i = 0; i < n; i++) p.push((pass * n + i) * 1000 / RATE, sig.subarray(i * nch, i * nch + nch)); }',
    'function run(classifier) {',
    '  var events = 0, p = new eg.GesturePipeline({ source: { channels: CH, rateHz: RATE }, model: { spec: model.spec, classifier: classifier },',
    '    debouncer: ' + c.debouncer + ', onEvent: function () { events++; } });',
    '  at = 0; var t0 = cpuMs();',
    '  for (var pass = 0; pass < PASSES; pass++) pushAll(p, pass);',
    '  return { ms: cpuMs() - t0, windows: p.counters.windows, quiet: p.counters.quiet || 0, events: events, inferMs: p.inferenceTime().meanMs };',
    '}',
    'var first = run(recorder);',
    'var best = { feed: 1e9, full: null, constant: null };',
    'for (var r = 0; r < 3; r++) {',
    '  best.feed = Math.min(best.feed, feed());',
    '  var a = run(model.classifier); if (!best.full || a.ms < best.full.ms) best.full = a;',
    '  var b = run(constant); if (!best.constant || b.ms < best.constant.ms) best.constant = b;',
    '}',
    'best.seconds = PASSES * n / RATE;',
    'best.blocks = BLOCKS;',
    'print("RESULT " + JSON.stringify(best));'
  ].join('\n');
}
var tmp = mkdtempSync(path.join(os.tmpdir(), 'espruino-pipeline-'));
function measure(bundle, c) {
  var files = { 'eg.js': new Uint8Array(bundle), 'm.egm': c.model, 'sig.bin': new Uint8Array(c.signal.buffer, c.signal.byteOffset, c.signal.byteLength) };
  if (c.fifo) files['w.bin'] = new Uint8Array(c.fifo.buffer, c.fifo.byteOffset, c.fifo.byteLength);
  return measureInInterpreter(tmp, files, timedScript(c));
}

/** Milliseconds of interpreter time per second of data, the feeding loop's own time taken off. */
function perSecond(r, part) { return (r[part].ms - r.feed) / r.seconds; }
function cell(r) {
  if (r.error) return 'fails: ' + r.error;
  return perSecond(r, 'full').toFixed(1) + (r.blocks ? ' blocks' : '') + ' (windowing ' + perSecond(r, 'constant').toFixed(1) + ', inference ' + (perSecond(r, 'full') - perSecond(r, 'constant')).toFixed(1) + ')';
}
var results = CASES.map(function (c) {
  var out = {};
  for (var k in bundles) out[k] = measure(bundles[k], c);
  return out;
});
rmSync(tmp, { recursive: true, force: true });

console.log('Real Espruino 2v29 (' + BUILD + '), code in RAM; ' + SECONDS + ' s of real recordings per case, pushed ' + PASSES + ' times over through GesturePipeline.push, best of 3 (interpreter CPU time).');
console.log('ms of interpreter time per second of data (windowing = the model\'s labels replayed: rings, window, features, debouncer; inference = the rest).');
console.log('Quiet: windows left unclassified while the debouncer could not emit (no features, no inference; the same events).\n');
var cols = Object.keys(bundles);
console.log('| configuration | windows/s | quiet | events | inference µs per classified window | ' + cols.map(function (k) { return k === 'now' ? 'ms per s of data' : 'before: ms per s'; }).join(' | ') + ' |');
console.log('| --- | ---: | ---: | ---: | ---: | ' + cols.map(function () { return '---'; }).join(' | ') + ' |');
CASES.forEach(function (c, j) {
  var now = results[j].now;
  var info = now.error ? '- | - | - | -' : (now.full.windows / now.seconds).toFixed(1) + ' | ' + Math.round((100 * now.full.quiet) / now.full.windows) + '% | ' + now.full.events + ' | ' +
    Math.round(((now.full.ms - now.constant.ms) * 1000) / (now.full.windows - now.full.quiet));
  console.log('| ' + c.name + ' | ' + info + ' | ' + cols.map(function (k) { return cell(results[j][k]); }).join(' | ') + ' |');
});
