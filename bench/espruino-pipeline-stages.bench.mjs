// Where the pipeline's time goes, per stage, in the REAL Espruino interpreter (16,383-variable
// build, code in RAM), for each example's default configuration (bench/espruino-pipeline-cases.mjs):
// per sample (rings, downsampling, pipeline bookkeeping; every window left out), per window
// (the window copy; each feature statistic; inference; the debouncer). µs of interpreter CPU
// time, best of 3, and what each costs per second of data when every window is classified.
// Needs `npm run build`. ESPRUINO_PIPELINE_CASES=text: only the cases whose name contains it.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { interpreterPresent, measureInInterpreter, BUILD, CPU_MS, RAM_COPIES } from './espruino.mjs';

var root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!interpreterPresent()) process.exit(0);
var { CASES, selectedCases } = await import('./espruino-pipeline-cases.mjs');
var bundle = readFileSync(path.join(root, 'dist/espruino/esp32/espruino-gestures.min.js'));
var cases = selectedCases(process.env.ESPRUINO_PIPELINE_CASES ? CASES : CASES.filter(function (c) { return c.example; }));
/** Windows kept for the per-window stages (cycled over): bounded memory for any window size. */
var KEPT = 24;

function stageScript(c) {
  return [
    RAM_COPIES,
    CPU_MS,
    'Modules.addCached("espruino-gestures", ramText("eg.js"));',
    'var eg = require("espruino-gestures");',
    'var model = eg.loadModel(ramBytes("m.egm")), spec = model.spec;',
    'var sig = new Float32Array(new Float32Array(S.readArrayBuffer("sig.bin")));',
    'var CH = spec.channels, nch = CH.length, n = sig.length / nch, RATE = ' + c.rateHz + ', i, k, r;',
    'var src = { channels: CH, rateHz: RATE };',
    // FIFO cases: the per-sample stage takes the MPU6500's 20-frame bursts through pushBlock when the bundle has it.
    'var W = ' + (c.fifo ? 'new Int16Array(new Int16Array(S.readArrayBuffer("w.bin")))' : 'null') + ', A = 9.80665 / 16384, G = 1 / 131, BURST = 20;',
    'if (W) for (i = 0; i < sig.length; i++) sig[i] = W[i] * (i % 6 < 3 ? A : G);',
    // A bundle built without sample blocks has a pushBlock that takes none (its driver then delivers samples).
    'var BLOCKS = !!W && typeof eg.GesturePipeline.prototype.pushBlock === "function" && new eg.GesturePipeline({ source: { channels: CH, rateHz: RATE }, model: model, debouncer: ' + c.debouncer + ', onEvent: function () {} })' +
    '.pushBlock({ raw: new Int16Array(6), count: 1, stride: 6, at: new Uint8Array([0, 1, 2, 3, 4, 5]), scale: new Float64Array(6), offset: new Float64Array(6), t0: 0, k0: 0, periodMs: 1000 / RATE });',
    'var blk = { raw: W, count: BURST, stride: 6, at: new Uint8Array([0, 1, 2, 3, 4, 5]), scale: new Float64Array([A, A, A, G, G, G]), offset: new Float64Array(6), t0: 0, k0: 0, periodMs: 1000 / RATE };',
    'function best(f) { var b = 1e9; for (var r = 0; r < 3; r++) b = Math.min(b, f()); return b; }',
    'function feed() { var t0 = cpuMs(), v; for (var pass = 0; pass < 4; pass++) for (i = 0; i < n; i++) v = sig.subarray(i * nch, i * nch + nch); return cpuMs() - t0; }',
    'var feedMs = best(feed), samples = 4 * n;',
    // Per sample: every window ends before quietUntilMs, so none is copied or classified.
    'function quietRun() { var p = new eg.GesturePipeline({ source: src, model: model, debouncer: ' + c.debouncer + ', onEvent: function () {} });',
    '  p.windower.quietUntilMs = Infinity; var t0 = cpuMs();',
    '  for (var pass = 0; pass < 4; pass++) { if (BLOCKS) for (i = 0; i < n; i += BURST) { blk.raw = W.subarray(i * 6, (i + BURST) * 6); blk.k0 = pass * n + i; p.pushBlock(blk); }',
    '    else for (i = 0; i < n; i++) p.push((pass * n + i) * 1000 / RATE, sig.subarray(i * nch, i * nch + nch)); }',
    '  return cpuMs() - t0; }',
    'var sampleUs = (best(quietRun) - feedMs) * 1000 / samples;',
    // The raw windows (points, time-major) of the spec, from a windower of its raw twin.
    'var rawSpec = JSON.parse(JSON.stringify(spec)); rawSpec.features = "raw"; delete rawSpec.stats; delete rawSpec.spectralBands; delete rawSpec.motionGate;',
    'var kept = [], nWin = 0;',
    'function windowsRun(quiet) { var w = new eg.Windower(rawSpec, CH, RATE, function (t, f) { nWin++; if (kept.length < ' + KEPT + ') kept.push(new Float32Array(f)); });',
    '  if (quiet) w.quietUntilMs = Infinity; nWin = 0; var t0 = cpuMs();',
    '  for (var pass = 0; pass < 4; pass++) for (i = 0; i < n; i++) w.push((pass * n + i) * 1000 / RATE, sig.subarray(i * nch, i * nch + nch));',
    '  return cpuMs() - t0; }',
    'windowsRun(false); var windows = nWin;',
    'var copyUs = (best(function () { return windowsRun(false); }) - best(function () { return windowsRun(true); })) * 1000 / windows;',
    // Each stage over the kept windows, REPS times.
    'var REPS = Math.max(1, Math.round(800 / kept.length));',
    'function perWindow(f) { return best(function () { var t0 = cpuMs(); for (r = 0; r < REPS; r++) for (k = 0; k < kept.length; k++) f(kept[k], k); return cpuMs() - t0; }) * 1000 / (REPS * kept.length); }',
    'var emptyUs = perWindow(function () {});',
    'var feats = kept.map(function (w) { var f = new Float32Array(eg.featureCount(spec)); eg.computeFeatures(spec, w, f); return f; });',
    'var out = {}; var fv = new Float32Array(eg.featureCount(spec));',
    'out.features = perWindow(function (w) { eg.computeFeatures(spec, w, fv); }) - emptyUs;',
    'if (spec.stats) spec.stats.forEach(function (s) { var one = JSON.parse(JSON.stringify(spec)); one.stats = [s]; delete one.spectralBands; one.features = "stats";',
    '  var f1 = new Float32Array(eg.featureCount(one)); out["stat " + s] = perWindow(function (w) { eg.computeFeatures(one, w, f1); }) - emptyUs; });',
    'var scores = new Float32Array(spec.labels.length), labels = feats.map(function (f) { return model.classifier.predict(f, scores); });',
    'out.inference = perWindow(function (w, k) { model.classifier.predict(feats[k], scores); }) - emptyUs;',
    'var deb = ' + c.debouncer + ', tw = 0;',
    'out.debouncer = perWindow(function (w, k) { scores.fill(0); scores[labels[k]] = 0.9; deb.update(tw += 100, labels[k], scores); }) - perWindow(function (w, k) { scores.fill(0); scores[labels[k]] = 0.9; tw += 100; });',
    'print("RESULT " + JSON.stringify({ blocks: BLOCKS, sampleUs: sampleUs, copyUs: copyUs, windowsPerS: windows * RATE / samples, stages: out }));'
  ].join('\n');
}

var tmp = mkdtempSync(path.join(os.tmpdir(), 'espruino-stages-'));
var rows = cases.map(function (c) {
  var files = { 'eg.js': new Uint8Array(bundle), 'm.egm': c.model, 'sig.bin': new Uint8Array(c.signal.buffer, c.signal.byteOffset, c.signal.byteLength) };
  if (c.fifo) files['w.bin'] = new Uint8Array(c.fifo.buffer, c.fifo.byteOffset, c.fifo.byteLength);
  return { c: c, r: measureInInterpreter(tmp, files, stageScript(c)) };
});
rmSync(tmp, { recursive: true, force: true });

console.log('Real Espruino 2v29 (' + BUILD + '), code in RAM, interpreter CPU time, best of 3. µs per sample or per window;');
console.log('in brackets: ms per second of data if every window were classified (quiet windows skip all but the sample stage).');
console.log('"stat X": computeFeatures with that statistic alone (each includes the channel gather and sum).\n');
console.log('| configuration | samples/s | windows/s | per sample | window copy | features | inference | debouncer | feature split |');
console.log('| --- | ---: | ---: | --- | --- | --- | --- | --- | --- |');
rows.forEach(function (row) {
  var r = row.r, c = row.c;
  if (r.error) return console.log('| ' + c.name + ' | fails: ' + r.error + ' |');
  var w = r.windowsPerS;
  function cell(us, per) { return Math.round(us) + ' (' + ((us * per) / 1000).toFixed(1) + ')'; }
  var split = Object.keys(r.stages).filter(function (k) { return k.indexOf('stat ') === 0; }).map(function (k) { return k.slice(5) + ' ' + Math.round(r.stages[k]); }).join(', ');
  console.log('| ' + c.name + (r.blocks ? ' (bursts)' : '') + ' | ' + c.rateHz + ' | ' + w.toFixed(1) + ' | ' + cell(r.sampleUs, c.rateHz) + ' | ' + cell(r.copyUs, w) + ' | ' + cell(r.stages.features, w) + ' | ' +
    cell(r.stages.inference, w) + ' | ' + cell(r.stages.debouncer, w) + ' | ' + (split || '-') + ' |');
});
