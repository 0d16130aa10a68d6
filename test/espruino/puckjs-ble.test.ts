// The puckjs-ble example as the espruino CLI uploads it (app and model into Storage), on the
// 2,630-variable build, powered up with stand-ins for the accelerometer and BLE: its
// notifications decode to the host replay's events (same gestures and count, times within
// one hop), and its memory is measured with process.memory().
import { expect, it } from 'vitest';
import { loadModel } from '../../src/classifiers/load-model';
import { ConsecutiveDebouncer } from '../../src/pipeline/debounce-consecutive';
import { decodeGesturePayload } from '../../src/sinks/ble-payload';
import { builtUpload, modelBytes } from '../examples/helpers';
import { describeReal } from './helpers';
import { hostReplay, emlearnRows, quantised, deviceSampleTimes } from './host-replay';
import { recordingBytes, monitorCode, standinFiles, runStorageApp, memLine } from './example-world';

var SEGMENTS = ['193704_idle', '192906_wave', '193708_idle', '192823_updown'];

describeReal('example puckjs-ble in the real interpreter (2,630 variables, from Storage)', () => {
  it('notifies the events of the host replay and keeps its memory', async () => {
    var bytes = modelBytes('puckjs-cgestures.egm');
    var model = loadModel(bytes);
    var rate = model.spec.sourceRateHz; // 52 Hz: Puck.accelOn(52)
    var rows = emlearnRows(SEGMENTS, rate);
    var r = await runStorageApp({
      build: 2630,
      upload: builtUpload('puckjs-ble'),
      files: Object.assign(standinFiles(['puck', 'nrf']), { 'rec.bin': recordingBytes(rows) }),
      boot0: [
        'var m0 = process.memory().usage;',
        'global.NRF = require("standin-nrf").create({ connectAfterMs: 300 });',
        'global.Puck = require("standin-puck").create({ file: "rec.bin" });',
        'report("MEM_STANDINS", process.memory().usage - m0);',
        monitorCode({ played: 'Puck.stats.emitted >= Puck.stats.rows', tailMs: 1500, app: '{ box: box.stats(), counters: pipeline.counters, inference: pipeline.inferenceTime(), puck: Puck.stats }', eventRow: 'Puck.stats.emitted - 1', sampleTimes: 'Puck.stats.startedAt' }),
      ].join('\n'),
      timeoutS: 90,
    });
    expect(r.uncaught, r.stdout).toEqual([]);
    expect(r.records('DONE'), r.stdout).toEqual([1]);
    var app = r.records('APP')[0];
    expect(app.puck.emitted).toBe(rows.length);

    // The host replays the same samples with the times the device gave them (a stall here
    // delays samples on the device as on a board, and may restart windowing).
    var times = deviceSampleTimes(r.records('TS'), rows.length);
    var expected = hostReplay(model, new ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 4000 }), quantised(rows, 8192), rate, times);
    expect(expected.length).toBeGreaterThan(0);
    var got = r.records('NOTIFY').map((n: any) => decodeGesturePayload(n.bytes, { deviceId: 'puck-1', labels: model.spec.labels }));
    expect(got.map((e) => e.gesture)).toEqual(expected.map((e) => e.gesture));
    expect(got.map((e) => e.id)).toEqual(expected.map((_, i) => i + 1));
    // Each event at the same sample as on the host; the notification carries its time.
    var evts = r.records('EVT');
    expect(evts).toHaveLength(expected.length);
    evts.forEach((e: any, i: number) => {
      expect(e.gesture).toBe(expected[i].gesture);
      // Within one hop: scores may differ in the last float bits (E.variance on the device),
      // which can move the debouncer's pick between near-tied windows.
      expect(Math.abs(e.timeMs - app.puck.startedAt - expected[i].timeMs)).toBeLessThanOrEqual(model.spec.hopMs + 1);
      expect(Math.abs(got[i].time - e.timeMs)).toBeLessThanOrEqual(1); // the notification carries it
    });
    var diffs = evts.map((e: any, i: number) => Math.round(e.timeMs - app.puck.startedAt - expected[i].timeMs));
    // Real time: sample k was due at startedAt + k / rate; how late this machine delivered it.
    var lags = evts.map((e: any) => Math.round(e.timeMs - app.puck.startedAt - (e.row * 1000) / rate));
    lags.push(Math.round(app.puck.maxLateMs));
    expect(app.box).toMatchObject({ sent: expected.length, queued: 0, dropped: 0 });
    expect(app.counters.events).toBe(expected.length);

    var boot = r.records('MEM_BOOT')[0], run = r.records('MEM_RUN')[0], standins = r.records('MEM_STANDINS')[0];
    console.log('[real] puckjs-ble on 2630: boot ' + memLine(boot) + ', running ' + memLine(run) + ', peak ' + r.records('MEM_PEAK')[0] +
      ' (stand-ins ' + standins + ' vars included); events ' + got.length + '/' + expected.length + ' as host (' +
      expected.map((e) => e.gesture).join(',') + '), device minus host ' + diffs.join('/') + ' ms; samples delivered ' + lags.join('/') + ' ms late (at the events / at most), windowing restarts ' + app.counters.gaps +
      '; inference ' + Math.round(app.inference.meanMs * 1000) + ' us mean (code in Storage, ~5x slow in this build)');
    expect(boot.total).toBe(2630);
  });

  // Issue 9, item 5: Espruino does not re-emit 'connect' to a later listener, so a central
  // connected before the app starts (the normal case after a Web IDE upload) is seen only in
  // NRF.getSecurityStatus().connected, which createBleNotifySink reads at start.
  it('notifies when a central was already connected at power-up (no connect event reaches the app)', async () => {
    var bytes = modelBytes('puckjs-cgestures.egm');
    var model = loadModel(bytes);
    var rows = emlearnRows(['193704_idle', '192906_wave'], model.spec.sourceRateHz);
    var r = await runStorageApp({
      build: 2630,
      upload: builtUpload('puckjs-ble'),
      files: Object.assign(standinFiles(['puck', 'nrf']), { 'rec.bin': recordingBytes(rows) }),
      boot0: [
        'global.NRF = require("standin-nrf").create({ connected: true });',
        'global.Puck = require("standin-puck").create({ file: "rec.bin" });',
        monitorCode({ played: 'Puck.stats.emitted >= Puck.stats.rows', tailMs: 1500, app: '{ box: box.stats(), counters: pipeline.counters }' }),
      ].join('\n'),
      timeoutS: 60,
    });
    expect(r.records('DONE'), r.stdout).toEqual([1]);
    var app = r.records('APP')[0];
    expect(app.counters.events).toBeGreaterThan(0); // the app saw the wave
    expect(r.records('NOTIFY')).toHaveLength(app.counters.events);
  });
});
