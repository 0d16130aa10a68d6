// `node tools/build-examples.mjs` (npm run examples): every example goes through the espruino
// CLI offline with its local board JSON and the board's bundle; a missing module fails the
// build although the CLI itself exits 0.
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintEspruinoCode } from '../../src/testing/espruino-lint';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
// @ts-ignore: plain ES module tool, no types
import { EXAMPLES, buildExample, withoutFor } from '../../tools/build-examples.mjs';
import { ROOT } from './helpers';

var tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eg-build-examples-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('build-examples', () => {
  it('builds every example through the espruino CLI into ES5 code with the board bundle inlined', () => {
    var out = path.join(tmp, 'all');
    var r = spawnSync(process.execPath, [path.join(ROOT, 'tools/build-examples.mjs'), '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    var folders = fs.readdirSync(path.join(ROOT, 'examples')).filter((d) => fs.statSync(path.join(ROOT, 'examples', d)).isDirectory());
    expect(new Set(EXAMPLES.map((e: any) => e.example))).toEqual(new Set(folders)); // no example left out
    for (var e of EXAMPLES) {
      var file = path.join(out, e.example, e.file);
      expect(r.stdout).toContain(e.example + '/' + e.file + ' (' + e.bundle + ')');
      var code = fs.readFileSync(file, 'utf8');
      // The app's own module: the board bundle tree-shaken to the exports the app uses.
      var appModule = path.join(out, e.example, 'modules', e.file.replace(/\.js$/, ''), 'espruino-gestures.min.js');
      var bundle = fs.readFileSync(appModule, 'utf8');
      expect(code).toContain(bundle.trim().slice(0, 200));
      var boardBytes = fs.statSync(path.join(ROOT, 'dist/espruino', e.bundle, 'espruino-gestures.min.js')).size;
      expect(bundle.length).toBeLessThan(boardBytes);
      var uses = new Set(fs.readFileSync(path.join(ROOT, 'examples', e.example, e.file), 'utf8').match(/\beg\.\w+/g)!.map((u) => u.slice(3)));
      var exported = new Set(bundle.match(/\bexports\.\w+(?==)/g)!.map((x) => x.slice(8)));
      expect(exported, e.example + '/' + e.file).toEqual(uses);
      expect(code).toContain(fs.readFileSync(path.join(ROOT, 'examples', e.example, e.file), 'utf8').trim().split('\n').pop());
      // ES5 and Espruino's built-ins. Top-level function declarations after statements are
      // fine in the apps: each is only called later (E.on('init') or the last line).
      var problems = lintEspruinoCode(code).filter((p) => p.rule !== 'hoisting');
      expect(problems, e.example + '/' + e.file).toEqual([]);
      expect(code).not.toMatch(/function onInit\s*\(/);
      if (e.without && e.without.indexOf('defaultDebouncer') >= 0) {
        // Features the app never uses are left out of its module: asking for one is a clear BAD_CONFIG.
        var sb = createEspruinoSandbox({ board: 'ESP32' });
        var eg = sb.run('(function () { var exports = {}; ' + bundle + '\nreturn exports; })()', 'app-module.js');
        sb.defineGlobal('eg', eg);
        expect(sb.run(`(function () { try { new eg.GesturePipeline({ source: { channels: ['acc_x'], rateHz: 10 }, onEvent: function () {},
          model: { spec: { rateHz: 10, sourceRateHz: 10, windowMs: 1000, hopMs: 500, channels: ['acc_x'], features: 'raw', labels: ['idle', 'x'], idleLabel: 0, points: 10 },
            classifier: { labels: ['idle', 'x'], predict: function () { return 0; } } } }); return 'accepted'; } catch (err) { return err.code + ': ' + err.message; } })()`))
          .toMatch(/^BAD_CONFIG: .* is not in this board's bundle/);
      }
      if (e.storage) {
        // The Storage upload writes the app file (and e.g. the model), then loads it.
        var upload = fs.readFileSync(path.join(out, e.example, e.file.replace(/\.js$/, '.upload.js')), 'utf8');
        for (var name of [e.storage.app, ...Object.keys(e.storage.files)]) expect(upload).toContain('require("Storage").write(' + JSON.stringify(name) + ',');
        expect(upload.trim().split('\n').pop()).toBe('load(' + JSON.stringify(e.storage.app) + ')');
      }
    }
  }, 240_000); // seven app bundles and ten CLI runs

  it('leaves out of an app module what the app cannot reach: forests beside a naive Bayes model, the Storage outbox without storage', () => {
    var entry = (name: string) => EXAMPLES.find((e: any) => e.example === name);
    var source = (name: string) => fs.readFileSync(path.join(ROOT, 'examples', name, 'app.js'), 'utf8');
    // puckjs-ble: naive Bayes default model, its queue in RAM (no storage option).
    expect(withoutFor(entry('puckjs-ble'), source('puckjs-ble')).sort()).toEqual(['forestModels', 'outboxStorage']);
    // banglejs2-ble passes storage (and its bundle reads every kind anyway); the ESP32 apps keep their own list.
    expect(withoutFor(entry('banglejs2-ble'), source('banglejs2-ble'))).toEqual([]);
    expect(withoutFor(entry('esp32-mqtt'), source('esp32-mqtt'))).toEqual(['defaultDebouncer']);
    // The same Puck.js app with a forest model keeps forests; with storage it keeps the Storage outbox.
    var forestFile = path.join(tmp, 'forest.egm');
    fs.writeFileSync(forestFile, Buffer.from([69, 71, 77, 70, 3, 1])); // "EGMF", version 3, kind 1: forest
    var withForest = Object.assign({}, entry('puckjs-ble'), { storage: { app: '.bootcde', files: { 'gestures.model': forestFile } } });
    expect(withoutFor(withForest, source('puckjs-ble'))).toEqual(['outboxStorage']);
    var stored = source('puckjs-ble').replace("capacity: 16", "capacity: 16, storage: require('Storage')");
    expect(stored).not.toBe(source('puckjs-ble'));
    expect(withoutFor(withForest, stored)).toEqual([]);
    // Storage reaching the options another way keeps it too: a reboot must not lose the queue.
    var assigned = source('puckjs-ble') + "\nvar outboxOptions = {}; outboxOptions.storage = require('Storage');\n";
    expect(withoutFor(withForest, assigned)).toEqual([]);
    var shorthand = source('puckjs-ble').replace("capacity: 16", "capacity: 16, storage");
    expect(withoutFor(withForest, shorthand)).toEqual([]);
    // Reading the model from Storage is not the outbox's storage.
    var modelOnly = source('puckjs-ble') + "\nvar m = require('Storage').read('gestures.model');\n";
    expect(withoutFor(withForest, modelOnly)).toEqual(['outboxStorage']);
  });

  it('fails, naming the module, when a required module is neither built in nor a bundle', () => {
    var dir = path.join(tmp, 'examples');
    fs.mkdirSync(path.join(dir, 'broken'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'broken', 'app.js'), "var eg = require('espruino-gestures');\nvar ws = require('ws');\n");
    fs.writeFileSync(path.join(dir, 'broken', 'board.json'), JSON.stringify({ info: { builtin_modules: ['Storage'] } }));
    var entry = { example: 'broken', file: 'app.js', board: 'broken/board.json', bundle: 'esp32', modules: ['espruino-gestures'] };
    expect(() => buildExample(entry, path.join(tmp, 'out'), dir)).toThrow(/broken\/app\.js: Module ws not found/);
    // And a built-in the board JSON does not list is just as missing.
    fs.writeFileSync(path.join(dir, 'broken', 'app.js'), "var eg = require('espruino-gestures');\nvar w = require('Wifi');\n");
    expect(() => buildExample(entry, path.join(tmp, 'out'), dir)).toThrow(/Module Wifi not found/);
  });
});
