// The Bangle.js 2 examples as the espruino CLI uploads them (app, model and .info into
// Storage), on the 12,000-variable build, launched with load("<app>.app.js") as the Bangle's
// launcher does, with stand-ins for the accelerometer and BLE. Their events are the host
// replay's (same samples, same times); memory is measured with process.memory().
import { expect, it } from 'vitest';
import { loadModel } from '../../src/classifiers/load-model';
import { ConsecutiveDebouncer } from '../../src/pipeline/debounce-consecutive';
import { decodeGesturePayload } from '../../src/sinks/ble-payload';
import { builtUpload, builtExample, modelBytes } from '../examples/helpers';
import { describeReal } from './helpers';
import { hostReplay, emlearnRows, deviceSampleTimes, type HostEvent } from './host-replay';
import { recordingBytes, monitorCode, standinFiles, runStorageApp, memLine } from './example-world';

var SEGMENTS = ['193704_idle', '192906_wave', '193708_idle', '192823_updown'];
var G = 9.80665;

/** The Bangle stand-in hands out g as Float32 rows divided by G; the source multiplies back. */
function asBangleSees(rows: number[][]): number[][] {
  var f = new Float32Array(1);
  return rows.map((r) => r.map((v, c) => { if (c >= 3) return 0; f[0] = v; return (f[0] / G) * G; }));
}

async function runBangleApp(example: string, app: string, rows: number[][], withBle: boolean) {
  return runStorageApp({
    build: 12000,
    upload: builtUpload(example),
    files: Object.assign(standinFiles(withBle ? ['bangle', 'nrf'] : ['bangle']), { 'rec.bin': recordingBytes(rows) }),
    boot0: [
      'var m0 = process.memory().usage;',
      withBle ? 'global.NRF = require("standin-nrf").create({ connectAfterMs: 300 });' : '',
      'global.Bangle = require("standin-bangle").create({ file: "rec.bin" });',
      'report("MEM_STANDINS", process.memory().usage - m0);',
      monitorCode({
        played: 'Bangle.stats.emitted >= Bangle.stats.rows', tailMs: 1500, eventRow: 'Bangle.stats.emitted - 1', windows: true, sampleTimes: 'Bangle.stats.startedAt',
        app: '{ counters: pipeline.counters, inference: pipeline.inferenceTime(), bangle: Bangle.stats' + (withBle ? ', box: box.stats()' : '') + ' }',
      }),
    ].join('\n'),
    loadApp: app,
    timeoutS: 90,
  });
}

/**
 * Device events (EVT) at the host replay's times (from the stand-in's start) within one hop:
 * scores can differ in the last float bits (E.variance/E.sum on the device), which may move
 * a debouncer's pick between near-tied windows by a hop.
 */
function expectSameEvents(r: any, expected: HostEvent[], hopMs: number) {
  var app = r.records('APP')[0];
  var evts = r.records('EVT');
  expect(evts.map((e: any) => e.gesture)).toEqual(expected.map((e) => e.gesture));
  evts.forEach((e: any, i: number) => expect(Math.abs(e.timeMs - app.bangle.startedAt - expected[i].timeMs)).toBeLessThanOrEqual(hopMs + 1));
  expect(app.counters.events).toBe(expected.length);
  var diffs = evts.map((e: any, i: number) => Math.round(e.timeMs - app.bangle.startedAt - expected[i].timeMs));
  return { app, evts, diffs };
}

describeReal('Bangle.js 2 examples in the real interpreter (12,000 variables, from Storage)', () => {
  it('banglejs2-ble notifies the events of the host replay', async () => {
    var bytes = modelBytes('banglejs2-cgestures.egm');
    var model = loadModel(bytes);
    var rate = model.spec.sourceRateHz; // 50 Hz: Bangle.setPollInterval(20)
    var rows = emlearnRows(SEGMENTS, rate);
    var r = await runBangleApp('banglejs2-ble', 'gestures.app.js', rows, true);
    expect(r.uncaught, r.stdout).toEqual([]);
    expect(r.records('DONE'), r.stdout).toEqual([1]);
    var times = deviceSampleTimes(r.records('TS'), rows.length);
    var hostLabels: number[] = [];
    var expected = hostReplay(model, new ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 4000 }), asBangleSees(rows), rate, times, hostLabels);
    var devLabels = r.records('WIN').join('');
    var differ: number[] = [];
    for (var w = 0; w < Math.max(devLabels.length, hostLabels.length); w++) if (Number(devLabels[w]) !== hostLabels[w]) differ.push(w);
    // Same windows, same labels: the device's features, motion gate and model match the host's.
    expect(differ, 'windows ' + devLabels.length + ' device / ' + hostLabels.length + ' host\n' + devLabels + '\n' + hostLabels.join('')).toEqual([]);
    expect(expected.length).toBeGreaterThan(0);
    var { app, evts, diffs } = expectSameEvents(r, expected, model.spec.hopMs);
    var got = r.records('NOTIFY').map((n: any) => decodeGesturePayload(n.bytes, { deviceId: 'bangle-1', labels: model.spec.labels }));
    expect(got.map((e) => e.gesture)).toEqual(expected.map((e) => e.gesture));
    got.forEach((e, i) => expect(Math.abs(e.time - evts[i].timeMs)).toBeLessThanOrEqual(1));
    expect(app.box).toMatchObject({ sent: expected.length, queued: 0, dropped: 0 });
    console.log('[real] banglejs2-ble on 12000: boot ' + memLine(r.records('MEM_BOOT')[0]) + ', running ' + memLine(r.records('MEM_RUN')[0]) +
      ', peak ' + r.records('MEM_PEAK')[0] + ' (stand-ins ' + r.records('MEM_STANDINS')[0] + ' vars included); events ' + got.length + '/' +
      expected.length + ' as host (' + expected.map((e) => e.gesture).join(',') + '), device minus host ' + diffs.join('/') + ' ms, windowing restarts ' + app.counters.gaps +
      '; inference ' + Math.round(app.inference.meanMs * 1000) + ' us mean (code in Storage, ~5x slow in this build)');
  });

  it('custom-classifier logs the events of the host replay of its own rule', async () => {
    // Still, shaken, still, tilted left, still, tilted right (as the sandbox test's wrist).
    var rate = 50, rows: number[][] = [];
    for (var k = 0; k < 16 * rate; k++) {
      var s = k / rate, row = [0, 0, G, 0, 0, 0];
      if (s >= 3 && s < 5) { row[0] = 12 * Math.sin(2 * Math.PI * 5 * s); row[1] = 8 * Math.cos(2 * Math.PI * 4 * s); }
      var tilt = s >= 8 && s < 10 ? 40 : s >= 13 && s < 15 ? -40 : 0;
      if (tilt) { row[0] = G * Math.sin((tilt * Math.PI) / 180); row[2] = G * Math.cos((tilt * Math.PI) / 180); }
      rows.push(row);
    }
    var r = await runBangleApp('custom-classifier', 'shaketilt.app.js', rows, false);
    expect(r.uncaught, r.stdout).toEqual([]);
    expect(r.records('DONE'), r.stdout).toEqual([1]);
    // The app's own SPEC and classifier, evaluated on the host.
    var src = builtExample('custom-classifier');
    var m = /var SPEC = [\s\S]*?\nvar shakeOrTilt = \{[\s\S]*?\n\};/.exec(src);
    expect(m).not.toBeNull();
    var mine = new Function(m![0] + '\nreturn { spec: SPEC, classifier: shakeOrTilt };')();
    var times = deviceSampleTimes(r.records('TS'), rows.length);
    var expected = hostReplay(mine, new ConsecutiveDebouncer({ idleLabel: 0, count: 3, minScore: 0.55, refractoryMs: 3000 }), asBangleSees(rows), rate, times);
    expect(expected.map((e) => e.gesture)).toEqual(['shake', 'tilt-left', 'tilt-right']);
    var { app } = expectSameEvents(r, expected, mine.spec.hopMs);
    // What the app prints for each event.
    expect(r.stdout.split('\n').filter((l: string) => /^(shake|tilt-left|tilt-right) /.test(l)).map((l: string) => l.split(' ')[0]))
      .toEqual(expected.map((e) => e.gesture));
    console.log('[real] custom-classifier on 12000: boot ' + memLine(r.records('MEM_BOOT')[0]) + ', running ' + memLine(r.records('MEM_RUN')[0]) +
      ', peak ' + r.records('MEM_PEAK')[0] + ' (stand-ins ' + r.records('MEM_STANDINS')[0] + ' vars included); events ' + app.counters.events + '/' +
      expected.length + ' as host (' + expected.map((e) => e.gesture).join(',') + ')' +
      '; inference ' + Math.round(app.inference.meanMs * 1000) + ' us mean (code in Storage)');
  });
});
