// Runs an example app, as `npm run examples` builds it (what a user uploads), in the real
// interpreter on its board's build, with stand-ins (test/espruino/standins) only for hardware.
// nRF52 boards: the CLI's Storage upload is run (its writes, as the CLI sends them) together
// with the stand-ins as .boot0, then the board build powers up and runs the app from Storage.
// ESP32: the app is uploaded into RAM after the stand-ins, then E.emit('init') as at power-on.
// A monitor samples process.memory() and ends the run once the recording has been played.
import { EspruinoWorld, type EspruinoBuild, type EspruinoRunResult } from '../../src/testing/espruino-real';
import { standin } from './helpers';

/** Float32 rows of 6 (acc m/s^2, gyro deg/s) as the stand-ins read them from Storage. */
export function recordingBytes(rows: ArrayLike<ArrayLike<number>>): Uint8Array {
  var out = new Float32Array(rows.length * 6);
  for (var i = 0; i < rows.length; i++) for (var c = 0; c < 6; c++) out[i * 6 + c] = rows[i][c] || 0;
  return new Uint8Array(out.buffer);
}

export interface MonitorOptions {
  /** JS expression true once the stand-in has played the whole recording. */
  played: string;
  /** ms to keep running after that (debouncer, outbox delivery). */
  tailMs: number;
  /** JS expression reported as APP at the end (e.g. the app's box.stats()). */
  app?: string;
  /**
   * JS expression for the index of the sample the stand-in delivered last: each event of the
   * app's `pipeline` is then reported as EVT {row, timeMs, gesture}, so the test can check it
   * happened at the same sample as on the host, whatever the real-time lag of this machine.
   */
  eventRow?: string;
  /**
   * Record the time the app's pipeline got each sample (TS records {from, t: ms since
   * `sampleTimes`' value}), hooked before the stand-in's first sample: a host replay with these
   * times sees the device's exact windows, whatever the machine's real-time lag.
   */
  sampleTimes?: string;
  /** JS expression giving the recording row of the sample being pushed (TS records then carry r). */
  sampleRow?: string;
  /** Report each window's label (WIN records: strings of label digits) for a comparison. */
  windows?: boolean;
  /** JS expression reported as PROGRESS every 2 s (for a failing test's message). */
  progress?: string;
}

/**
 * Monitor code: MEM_MONITOR (the variables the monitor itself keeps while it runs: its state,
 * its sampling timer and functions, measured as it sets them up; a board running the app
 * has none of them), MEM_BOOT (memory 100 ms after start-up, the app initialised), MEM_PEAK
 * (the most variables in use while running, sampled every 250 ms), MEM_RUN (at the end,
 * running), APP, then DONE. Each figure is process.memory() in the board's build.
 */
export function monitorCode(o: MonitorOptions): string {
  return [
    // Read before the monitor's first variable exists (Espruino creates a var when it runs).
    'var monFrom = process.memory().usage;',
    'var mon = { peak: 0, doneAt: 0 };',
    o.sampleTimes ? [
      // Called by the accelerometer stand-ins before their first sample (the app's pipeline exists).
      'function onFirstSample() {',
      '  var push = pipeline.push, buf = new Float64Array(50), rb = new Int32Array(50), n = 0, from = 0, t0 = ' + o.sampleTimes + ';',
      '  report("TS0", t0);',
      '  mon.flushTs = function () { if (n) print("@@TS " + JSON.stringify({ from: from, t: [].slice.call(buf, 0, n)' + (o.sampleRow ? ', r: [].slice.call(rb, 0, n)' : '') + ' })); from += n; n = 0; };',
      '  function seen(t) { ' + (o.sampleRow ? 'var row = ' + o.sampleRow + '; rb[n] = row === undefined ? -1 : row; ' : '') + 'buf[n++] = t - t0; if (n === buf.length) mon.flushTs(); }',
      '  var inBlock = false;',
      '  pipeline.push = function (t, v) { if (!inBlock) seen(t); return push.call(pipeline, t, v); };',
      // A source that delivers bursts (SampleBlock): each of the block's samples, at its time.
      '  var pushBlock = pipeline.pushBlock;',
      // Its answer goes back to the source: false, and the source delivers the samples to push().
      '  if (pushBlock) pipeline.pushBlock = function (b) { var taken = false; inBlock = true;',
      '    try { taken = pushBlock.call(pipeline, b); } finally { inBlock = false; }',
      '    if (taken) for (var j = 0; j < b.count; j++) seen(b.t0 + (b.k0 + j) * b.periodMs);',
      '    return taken; };',
      '}',
    ].join('\n') : '',
    'mon.timer = setInterval(function () {',
    '  var u = process.memory(false).usage; if (u > mon.peak) mon.peak = u;',
    o.progress ? '  if (!mon.last || getTime() - mon.last >= 2) { mon.last = getTime(); try { report("PROGRESS", ' + o.progress + '); } catch (e) { report("PROGRESS", String(e)); } }' : '',
    '  if (!mon.doneAt && (' + o.played + ')) mon.doneAt = getTime() + ' + o.tailMs / 1000 + ';',
    '  if (mon.doneAt && getTime() >= mon.doneAt) {',
    '    clearInterval(mon.timer);',
    o.windows ? '    mon.flushWin();' : '',
    o.sampleTimes ? '    if (mon.flushTs) mon.flushTs();' : '',
    '    report("MEM_RUN", process.memory());',
    '    report("MEM_PEAK", mon.peak);',
    o.app ? '    try { report("APP", ' + o.app + '); } catch (e) { report("APP", { error: String(e) }); }' : '',
    '    report("DONE", 1);',
    '  }',
    '}, 250);',
    // Before the one-shot timer below, which has run and gone by MEM_RUN.
    'report("MEM_MONITOR", process.memory().usage - monFrom);',
    'setTimeout(function () {',
    '  report("MEM_BOOT", process.memory());',
    o.windows ? '  var predict = pipeline.classifier.predict, wl = "", wc = 0; pipeline.classifier.predict = function (f, s) { var l = predict.call(this, f, s); wl += l; if (++wc % 50 === 0) { print("@@WIN " + JSON.stringify(wl)); wl = ""; } return l; }; mon.flushWin = function () { if (wl) print("@@WIN " + JSON.stringify(wl)); };' : '',
    o.eventRow ? '  var onEvent = pipeline.onEvent; pipeline.onEvent = function (e) { report("EVT", { row: ' + o.eventRow + ', timeMs: e.timeMs, gesture: e.gesture }); onEvent(e); };' : '',
    '}, 100);',
  ].join('\n');
}

/**
 * Stand-ins as modules defined in RAM (Modules.addCached with a function), for RAM uploads:
 * code run from Storage is ~5x slower in this build, too slow for a 100 Hz register model.
 */
export function standinModulesInRam(names: string[]): string {
  return names.map((n) => 'Modules.addCached(' + JSON.stringify(n === 'wifi' ? 'Wifi' : 'standin-' + n) + ', function () {\n' + standin(n) + '\n});').join('\n');
}

/** Stand-in module files for Storage (require("standin-x") finds them there). */
export function standinFiles(names: string[]): { [file: string]: string } {
  var files: { [file: string]: string } = {};
  names.forEach((n) => { files[n === 'wifi' ? 'Wifi' : 'standin-' + n] = standin(n); });
  return files;
}

export interface StorageAppRun {
  build: EspruinoBuild;
  /** The espruino CLI's Storage upload (app and its files). */
  upload: string;
  /** Extra Storage files (recordings, stand-ins). */
  files: { [name: string]: string | Uint8Array };
  /** .boot0: stand-ins and monitor, run before the app at power-up. */
  boot0: string;
  /** Storage file to load() after power-up (apps that are not .bootcde, e.g. a Bangle app). */
  loadApp?: string;
  timeoutS: number;
}

/** nRF52 boards: upload to Storage as the CLI does, then power up the board build. */
export async function runStorageApp(o: StorageAppRun): Promise<EspruinoRunResult> {
  var world = new EspruinoWorld({ build: o.build, timeoutS: o.timeoutS });
  try {
    // The CLI's upload ends with load(...) to start the app: the second run powers up instead.
    var writes = o.upload.replace(/^load\([^)]*\);?\s*$/gm, '');
    var files = Object.assign({}, o.files, { '.boot0': 'function report(t,v){print("@@"+t+" "+JSON.stringify(v));}\n' + o.boot0 });
    await world.writeStorage(files, { before: writes });
    // Running a file does not boot from Storage: load() resets and powers up as the board does
    // (.boot0, then .bootcde or the given app, then E.on('init')).
    return await world.run(o.loadApp ? 'load(' + JSON.stringify(o.loadApp) + ');' : 'load();', { until: 'DONE', timeoutS: o.timeoutS });
  } finally {
    world.cleanup();
  }
}

export interface RamAppRun {
  build: EspruinoBuild;
  /** The espruino CLI's RAM upload of the app. */
  app: string;
  files: { [name: string]: string | Uint8Array };
  /** Stand-ins, run before the app text. */
  before: string;
  /** Monitor and anything else, run after E.emit('init'). */
  after: string;
  timeoutS: number;
}

/** ESP32: Storage files first, then stand-ins + the app in RAM + power-on init. */
export async function runRamApp(o: RamAppRun): Promise<EspruinoRunResult> {
  var world = new EspruinoWorld({ build: o.build, timeoutS: o.timeoutS });
  try {
    await world.writeStorage(o.files);
    return await world.run(o.before + '\n' + o.app + '\nE.emit("init");\n' + o.after, { until: 'DONE', timeoutS: o.timeoutS });
  } finally {
    world.cleanup();
  }
}

/** Variables of a process.memory() record: used and free. */
export function memLine(m: any): string {
  return m ? m.usage + ' used / ' + m.total + ' (' + Math.round((100 * m.free) / m.total) + '% free)' : 'n/a';
}
