// Runs Espruino code in a Node `vm` context that offers only what Espruino offers, on a
// virtual clock. A bundle that uses Map, Set, Symbol, Array.from, Math.fround, process,
// Buffer... fails here as it would on the board, and minutes of device time run in
// milliseconds of test time.
import vm from 'node:vm';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeI2CBus } from './i2c-bus';
import { VirtualTimers } from './virtual-timers';
import { createE } from './fakes/espruino-e';
import { FakeStorage } from './fakes/storage';
import { makeEmitter } from './fakes/emitter';
import { Realm, bytesToBinaryString, binaryStringToBytes } from './fakes/realm';
import { REMOVE_SCRIPT } from './sandbox-gaps';
import { uploadProblem } from './sandbox-upload';

export type SandboxBoard = 'ESP32' | 'PUCKJS' | 'BANGLEJS2' | 'PIXLJS';

export interface SandboxOptions {
  board?: SandboxBoard;
  /**
   * The device clock at boot (virtual time 0), epoch ms: a board whose clock was set before
   * the app started (the Web IDE sets it on connect, a Bangle.js keeps it). Default: unset,
   * as on a board that has just powered up: getTime() and Date.now() count from boot until
   * the app sets the clock (setTime, SNTP through the Wi-Fi fake, setDeviceClock).
   */
  startEpochMs?: number;
  /** Extra globals (fakes of board objects). */
  globals?: { [name: string]: any };
  /** Extra modules for require(name). */
  modules?: { [name: string]: any };
  /** 'throw' (default): an uncaught error in a timer rejects advance(); 'collect': it is only recorded. */
  uncaught?: 'throw' | 'collect';
  /** Bytes of flash Storage. Defaults per board (Puck.js 40 KB, Pixl.js 36 KB...). */
  storageBytes?: number;
}

/** Where each board's bundle sits, relative to the package root. */
export var BOARD_DIRS: { [board in SandboxBoard]: string } = {
  ESP32: 'esp32',
  PUCKJS: 'puckjs',
  BANGLEJS2: 'banglejs2',
  PIXLJS: 'pixljs',
};

var STORAGE_BYTES: { [board in SandboxBoard]: number } = {
  ESP32: 1024 * 1024,
  PUCKJS: 40 * 1024,
  BANGLEJS2: 8 * 1024 * 1024,
  PIXLJS: 36 * 1024,
};

/** Date with a virtual now; `new Date(x)` and the statics otherwise as usual. */
var DATE_SCRIPT = [
  '(function(RealDate, now){',
  '  function VDate(a, b, c, d, e, f, g) {',
  '    var n = arguments.length;',
  '    if (!(this instanceof VDate)) return new RealDate(now()).toString();',
  '    if (n === 0) return new RealDate(now());',
  '    if (n === 1) return new RealDate(a);',
  '    return new RealDate(a, b, n > 2 ? c : 1, n > 3 ? d : 0, n > 4 ? e : 0, n > 5 ? f : 0, n > 6 ? g : 0);',
  '  }',
  '  VDate.prototype = RealDate.prototype;',
  '  VDate.now = function(){ return now(); };',
  '  VDate.UTC = RealDate.UTC; VDate.parse = RealDate.parse;',
  '  globalThis.Date = VDate;',
  '})',
].join('\n');

/** A source of real I/O (sockets) whose results reach the sandbox when settled. */
export interface IoWaiter {
  isIdle(): boolean;
  settle(): Promise<void>;
}

export interface EspruinoSandbox {
  board: SandboxBoard;
  context: vm.Context;
  i2c: { I2C1: FakeI2CBus; I2C2: FakeI2CBus };
  storage: FakeStorage;
  /** Lines printed with console.log / print. */
  output: string[];
  /** Uncaught errors from timers and events. */
  errors: Error[];
  timers: VirtualTimers;
  /** Virtual ms since boot. */
  now(): number;
  /** The device clock in ms (what Date.now() and getTime() * 1000 return inside). */
  epochMs(): number;
  /**
   * Steps the device clock to `ms` from outside the app, as ESP32 firmware does when SNTP
   * answers (settimeofday underneath Espruino). Virtual time and timers are unaffected.
   */
  setDeviceClock(ms: number): void;
  /** Runs code (test code, data): refuses `digitalWrite = f` as Espruino does, no size check. */
  run(code: string, filename?: string): any;
  /**
   * Runs code as the espruino CLI uploads it to RAM: refused with OUT OF MEMORY when its text
   * cannot fit the board's variables (a Storage upload's write statements count one at a time).
   */
  upload(code: string, filename?: string): any;
  require(name: string): any;
  /** Registers module source (CommonJS) under a name, like the CLI's Modules.addCached. */
  addModule(name: string, code: string): void;
  /**
   * Loads dist/espruino/<board>/<module>(.min).js as module <module> (default
   * "espruino-gestures", or e.g. "espruino-gestures-recorder"); returns its exports.
   */
  loadBundle(board?: string, options?: { minified?: boolean; module?: string }): any;
  defineGlobal(name: string, value: any): void;
  defineModule(name: string, exportsObject: any): void;
  /** Runs due timers in order up to now + ms, letting promises settle after each. */
  advance(ms: number): Promise<void>;
  /** Lets pending promise callbacks run without moving time. */
  flush(): Promise<void>;
  /** Emits E.on('init') as at power-on. */
  boot(): Promise<void>;
  /** Real I/O bridged into the sandbox (network fakes register here): idle() waits for them. */
  ioWaiters: IoWaiter[];
  /** Waits until bridged real I/O has settled (no time passes on the virtual clock). */
  idle(): Promise<void>;
  /** Host realm helpers: binary strings as Espruino's Storage and atob use. */
  realm: Realm;
}

export function createEspruinoSandbox(options?: SandboxOptions): EspruinoSandbox {
  var opts = options || {};
  var board: SandboxBoard = opts.board || 'ESP32';
  // One clock, as on the board: getTime() * 1000 === Date.now() === clockBase + virtual ms.
  var clockBase = opts.startEpochMs === undefined ? 0 : opts.startEpochMs;
  var timers = new VirtualTimers();
  var output: string[] = [];
  var errors: Error[] = [];
  var modules: { [name: string]: any } = {};
  var moduleSources: { [name: string]: any } = {};

  var context = vm.createContext({}, { name: 'espruino-' + board, codeGeneration: { strings: true, wasm: false } });
  vm.runInContext(REMOVE_SCRIPT, context);
  var realm: Realm = vm.runInContext('({ Uint8Array: Uint8Array, ArrayBuffer: ArrayBuffer, Array: Array, Object: Object, Error: Error, JSON: JSON })', context);
  vm.runInContext(DATE_SCRIPT, context)(vm.runInContext('Date', context), function () { return clockBase + timers.now; });

  function reportUncaught(e: any): void {
    errors.push(e);
    output.push('Uncaught ' + (e && e.stack ? e.stack : e));
  }

  function print(...args: any[]): void {
    output.push(args.map(function (a) { return typeof a === 'string' ? a : safeStringify(a); }).join(' '));
  }

  var I2C1 = new FakeI2CBus();
  var I2C2 = new FakeI2CBus();
  [I2C1, I2C2].forEach(function (bus) {
    bus.makeBytes = function (src) {
      var out = new realm.Uint8Array(src.length);
      out.set(src);
      return out;
    };
  });
  var storage = new FakeStorage(realm, opts.storageBytes || STORAGE_BYTES[board]);
  var E = createE(realm);

  function espruinoRequire(name: string): any {
    if (Object.prototype.hasOwnProperty.call(modules, name)) return modules[name];
    if (Object.prototype.hasOwnProperty.call(moduleSources, name)) {
      modules[name] = evaluateModule(moduleSources[name], name);
      return modules[name];
    }
    // Espruino also finds a module saved as a Storage file of that name (Bangle.js apps
    // installed by the App Loader ship their modules that way).
    var saved = storage.read(name);
    if (saved !== undefined) {
      modules[name] = evaluateModule(saved, name);
      return modules[name];
    }
    throw new realm.Error('Module ' + name + ' not found');
  }

  function evaluateModule(source: any, name: string): any {
    var module = vm.runInContext('({ exports: {} })', context);
    if (typeof source === 'string') {
      var wrapper = vm.runInContext('(function (exports, module, require) {\n' + source + '\n})', context, { filename: name + '.js', lineOffset: -1 });
      wrapper(module.exports, module, espruinoRequire);
    } else {
      // A function from Modules.addCached: Espruino runs it with `exports`/`module` in scope.
      var g: any = context;
      var saved = { exports: g.exports, module: g.module };
      g.exports = module.exports;
      g.module = module;
      try {
        source();
      } finally {
        module.exports = g.module.exports === module.exports ? g.exports : g.module.exports;
        g.exports = saved.exports;
        g.module = saved.module;
      }
    }
    return module.exports;
  }

  var Modules = {
    addCached: function (name: string, source: any) {
      moduleSources[name] = source;
      delete modules[name];
    },
    removeCached: function (name: string) {
      delete moduleSources[name];
      delete modules[name];
    },
    removeAllCached: function () {
      moduleSources = {};
      modules = {};
    },
    getCached: function () {
      var out = new realm.Array();
      Object.keys(moduleSources).concat(Object.keys(modules)).forEach(function (n) { if (out.indexOf(n) < 0) out.push(n); });
      return out;
    },
  };

  function wrapTimerFn(fn: any, args: any[]) {
    return function () {
      fn.apply(undefined, args);
    };
  }

  var globals: { [name: string]: any } = {
    global: context,
    E: E,
    Modules: Modules,
    require: espruinoRequire,
    console: { log: print, warn: print, error: print, info: print },
    print: print,
    getTime: function () { return (clockBase + timers.now) / 1000; },
    // Espruino's setTime keeps timers in step (their delays are unchanged), as virtual timers are.
    setTime: function (seconds: number) { clockBase = Number(seconds) * 1000 - timers.now; },
    setTimeout: function (fn: any, ms?: number, ...args: any[]) { return timers.setTimeout(wrapTimerFn(fn, args), ms); },
    setInterval: function (fn: any, ms?: number, ...args: any[]) { return timers.setInterval(wrapTimerFn(fn, args), ms); },
    clearTimeout: function (id?: number) { timers.clear(id); },
    clearInterval: function (id?: number) { timers.clear(id); },
    changeInterval: function (id: number, ms: number) { timers.changeInterval(id, ms); },
    btoa: function (s: string) { return Buffer.from(binaryStringToBytes(String(s))).toString('base64'); },
    atob: function (s: string) { return bytesToBinaryString(new Uint8Array(Buffer.from(String(s), 'base64'))); },
    I2C1: I2C1,
    I2C2: I2C2,
    I2C: function SoftwareI2C(this: any) { return new FakeI2CBus(); },
    digitalWrite: function () {},
    digitalRead: function () { return 0; },
    pinMode: function () {},
    analogRead: function () { return 0; },
    getSerial: function () { return 'sandbox-' + board.toLowerCase(); },
    reset: function () {},
    save: function () {},
    load: function () {},
  };
  // Pins are numbers here; on the board they are Pin objects with the same uses.
  for (var p = 0; p < 48; p++) globals['D' + p] = p;
  globals.LED1 = makePin(); globals.LED2 = makePin(); globals.LED3 = makePin(); globals.BTN = makePin(); globals.BTN1 = globals.BTN;
  globals.Bluetooth = makeEmitter({ write: print, print: print, println: print, setConsole: function () {} });
  for (var name in globals) context[name] = globals[name];

  var builtins: { [name: string]: any } = { Storage: storage };
  for (var b in builtins) modules[b] = builtins[b];
  if (opts.modules) for (var m in opts.modules) modules[m] = opts.modules[m];
  if (opts.globals) for (var gname in opts.globals) context[gname] = opts.globals[gname];

  async function flush(): Promise<void> {
    // Promise callbacks inside the context share Node's microtask queue.
    await new Promise<void>(function (r) { setImmediate(r); });
  }

  var sandbox: EspruinoSandbox = {
    board: board,
    context: context,
    i2c: { I2C1: I2C1, I2C2: I2C2 },
    storage: storage,
    output: output,
    errors: errors,
    timers: timers,
    realm: realm,
    ioWaiters: [],
    now: function () { return timers.now; },
    epochMs: function () { return clockBase + timers.now; },
    setDeviceClock: function (ms: number) { clockBase = ms - timers.now; },
    run: function (code: string, filename?: string) {
      var problem = uploadProblem(code, board, false);
      if (problem) throw problem;
      return vm.runInContext(code, context, { filename: filename || 'sandbox.js' });
    },
    upload: function (code: string, filename?: string) {
      var problem = uploadProblem(code, board, true);
      if (problem) throw problem;
      return vm.runInContext(code, context, { filename: filename || 'upload.js' });
    },
    require: espruinoRequire,
    addModule: function (name: string, code: string) { Modules.addCached(name, code); },
    loadBundle: function (boardDir?: string, loadOptions?: { minified?: boolean; module?: string }) {
      var dir = boardDir || BOARD_DIRS[board];
      var moduleName = (loadOptions && loadOptions.module) || 'espruino-gestures';
      var file = path.join(packageRoot(), 'dist', 'espruino', dir, moduleName + (loadOptions && loadOptions.minified ? '.min.js' : '.js'));
      if (!existsSync(file)) throw new Error('No bundle at ' + file + ': run `npm run build` first');
      Modules.addCached(moduleName, readFileSync(file, 'utf8'));
      return espruinoRequire(moduleName);
    },
    defineGlobal: function (gn: string, value: any) { context[gn] = value; },
    defineModule: function (mn: string, exportsObject: any) { modules[mn] = exportsObject; },
    advance: async function (ms: number) {
      var until = timers.now + ms;
      await flush();
      for (;;) {
        var timer = timers.takeDue(until);
        if (!timer) break;
        try {
          timer.fn();
        } catch (e: any) {
          reportUncaught(e);
          if (opts.uncaught !== 'collect') {
            timers.now = Math.max(timers.now, timer.due);
            throw e;
          }
        }
        await flush();
      }
      timers.now = until;
      await flush();
    },
    flush: flush,
    boot: async function () {
      E.emit('init');
      await flush();
    },
    idle: async function () {
      for (var round = 0; round < 1000; round++) {
        await flush();
        var busy = sandbox.ioWaiters.filter(function (w) { return !w.isIdle(); });
        if (!busy.length) return;
        await Promise.all(busy.map(function (w) { return w.settle(); }));
      }
      throw new Error('sandbox.idle: real I/O did not settle after 1000 rounds');
    },
  };
  return sandbox;
}

function makePin() {
  var state = { value: 0 };
  return {
    set: function () { state.value = 1; },
    reset: function () { state.value = 0; },
    write: function (v: any) { state.value = v ? 1 : 0; },
    read: function () { return state.value; },
  };
}

function safeStringify(v: any): string {
  try {
    return JSON.stringify(v);
  } catch (e) {
    return String(v);
  }
}

var cachedRoot: string | null = null;

/** The folder holding this package's package.json (works from src/ and from dist/node/). */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  var dir = path.dirname(fileURLToPath(import.meta.url));
  for (var i = 0; i < 6; i++) {
    var candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        if (JSON.parse(readFileSync(candidate, 'utf8')).name === 'espruino-gestures') return (cachedRoot = dir);
      } catch (e) {
        /* keep looking */
      }
    }
    dir = path.dirname(dir);
  }
  throw new Error('espruino-gestures: cannot find the package root from ' + fileURLToPath(import.meta.url));
}
