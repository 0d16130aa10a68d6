import { describe, it, expect } from 'vitest';
import { GesturePipeline, ConsecutiveDebouncer, windowsFromRecording } from '../../src/pipeline';
import type { PipelineEvent } from '../../src/pipeline';
import type { SampleHandler, SourceErrorHandler, DeviceError } from '../../src/core/types';
import { deviceError, ErrorCodes } from '../../src/core/errors';
import { readSeedRecording } from './seed-recording';
import { SEED_CHANNELS } from './specs';
import { makeHandClassifier, stdSpec } from './hand-classifier';

/** A source the test drives by hand. */
function fakeSource(channels = SEED_CHANNELS, rateHz = 100) {
  var src = {
    channels: channels,
    rateHz: rateHz,
    started: 0,
    stopped: 0,
    onSample: null as SampleHandler | null,
    onError: null as SourceErrorHandler | null,
    start(onSample: SampleHandler, onError?: SourceErrorHandler) {
      this.started++;
      this.onSample = onSample;
      this.onError = onError || null;
    },
    stop() {
      this.stopped++;
    }
  };
  return src;
}

function replay(name: string, debouncerFor?: () => any) {
  var rec = readSeedRecording(name);
  var source = fakeSource(rec.channels);
  var events: PipelineEvent[] = [];
  var classifier = makeHandClassifier();
  var p = new GesturePipeline({
    source: source,
    model: { spec: stdSpec(), classifier: classifier },
    debouncer: debouncerFor ? debouncerFor() : undefined,
    onEvent: (e) => events.push(e)
  });
  p.start();
  var values = new Float32Array(6);
  rec.rows.forEach((row, i) => {
    values.set(row);
    source.onSample!(rec.times[i], values);
  });
  p.stop();
  return { p, events, rec, source, classifier };
}

/** Gestures in a recording, counted independently: runs of non-idle windows (hop 20 ms) at least 180 ms long. */
function gestureRuns(name: string): number[] {
  var rec = readSeedRecording(name);
  var c = makeHandClassifier();
  var labels: number[] = [];
  windowsFromRecording(stdSpec(), rec.channels, 100, rec.rows, (t, f) => labels.push(c.predict(f)));
  var runs: number[] = [];
  var len = 0;
  for (var i = 0; i <= labels.length; i++) {
    if (i < labels.length && labels[i] !== 0) len++;
    else {
      if (len >= 9) runs.push(len);
      len = 0;
    }
  }
  return runs;
}

describe('GesturePipeline over seed recordings', () => {
  it('turns each repetition of a gesture into one event of the right label (consecutive-confidence)', () => {
    var cases: [string, string][] = [['move_x_20210522_1.csv', 'x'], ['move_y_20210522_1.csv', 'y'], ['move_circle_20210522_1.csv', 'circle']];
    cases.forEach(function (c) {
      var r = replay(c[0], () => new ConsecutiveDebouncer({ idleLabel: 0, refractoryMs: 1500 }));
      var runs = gestureRuns(c[0]);
      // The seed files hold 5-6 repetitions each (ORIGIN.md).
      expect(runs.length).toBeGreaterThanOrEqual(5);
      expect(runs.length).toBeLessThanOrEqual(6);
      expect(r.events.length).toBe(runs.length);
      r.events.forEach((e) => expect(e.gesture).toBe(c[1]));
      r.events.forEach((e) => expect(e.score).toBeCloseTo(0.9, 5));
    });
  });

  it('counts samples, windows, inferences and events; the default debouncer is the original rule', () => {
    var r = replay('move_x_20210522_1.csv');
    var n = r.rec.rows.length;
    expect(r.p.debouncer.constructor.name).toBe('OriginalDebouncer');
    expect(r.p.counters.samples).toBe(n);
    // One window every 2 samples once 101 are buffered.
    expect(r.p.counters.windows).toBe(Math.floor((n - 101) / 2) + 1);
    expect(r.p.counters.inferences).toBe(r.p.counters.windows);
    expect(r.classifier.calls).toBe(r.p.counters.windows);
    expect(r.p.counters.events).toBe(r.events.length);
    expect(r.events.length).toBeGreaterThanOrEqual(5);
    r.events.forEach((e) => expect(e.gesture).toBe('x'));
    expect(r.p.counters.errors).toBe(0);
    expect(r.source.started).toBe(1);
    expect(r.source.stopped).toBe(1);
    var t = r.p.inferenceTime();
    expect(t.count).toBe(r.p.counters.inferences);
    expect(t.minMs).toBeLessThanOrEqual(t.meanMs);
    expect(t.meanMs).toBeLessThanOrEqual(t.maxMs);
  });

  it('allocates no typed array per sample or per window in steady state', () => {
    var rec = readSeedRecording('move_x_20210522_1.csv');
    var p = new GesturePipeline({
      source: { channels: rec.channels, rateHz: 100 },
      model: { spec: stdSpec(), classifier: makeHandClassifier() },
      onEvent: () => {}
    });
    for (var i = 0; i < 200; i++) p.push(rec.times[i], rec.rows[i]);
    var created = 0;
    var names = ['Float32Array', 'Float64Array', 'Int16Array', 'Uint8Array'];
    var real = names.map((n) => (globalThis as any)[n]);
    names.forEach((n, k) => {
      (globalThis as any)[n] = new Proxy(real[k], { construct(target, args) { created++; return Reflect.construct(target, args); } });
    });
    try {
      for (var j = 200; j < rec.rows.length; j++) p.push(rec.times[j], rec.rows[j]);
    } finally {
      names.forEach((n, k) => ((globalThis as any)[n] = real[k]));
    }
    expect(p.counters.events).toBeGreaterThan(0);
    expect(created).toBe(0);
  });

  it('push() replay gives the same windows as windowsFromRecording', () => {
    var rec = readSeedRecording('move_circle_20210522_1.csv');
    var viaPipeline: number[][] = [];
    var p = new GesturePipeline({
      source: { channels: rec.channels, rateHz: 100 },
      model: { spec: stdSpec(), classifier: makeHandClassifier() },
      onEvent: () => {},
      onWindow: (t, f) => viaPipeline.push([t].concat(Array.from(f)))
    });
    rec.rows.forEach((row, i) => p.push(rec.times[i], row));
    var direct: number[][] = [];
    windowsFromRecording(stdSpec(), rec.channels, 100, rec.rows, (t, f) => direct.push([t].concat(Array.from(f))), rec.times);
    expect(viaPipeline).toEqual(direct);
  });
});

describe('GesturePipeline start-up checks', () => {
  it('refuses a source without the model\'s channels (CHANNEL_MISMATCH, with both lists)', () => {
    try {
      new GesturePipeline({
        source: fakeSource(['acc_x', 'acc_y', 'acc_z', 'gyro_y', 'gyro_z']),
        model: { spec: stdSpec(), classifier: makeHandClassifier() },
        onEvent: () => {}
      });
      expect.unreachable();
    } catch (e: any) {
      expect(e.code).toBe(ErrorCodes.CHANNEL_MISMATCH);
      expect(e.message).toContain('acc_x, acc_y, acc_z, gyro_x, gyro_y, gyro_z');
      expect(e.message).toContain('missing: gyro_x');
    }
  });

  it('refuses a source rate that is not a whole multiple of the model rate (RATE_MISMATCH, with numbers)', () => {
    try {
      new GesturePipeline({ source: fakeSource(SEED_CHANNELS, 50), model: { spec: stdSpec({ rateHz: 20 }), classifier: makeHandClassifier() }, onEvent: () => {} });
      expect.unreachable();
    } catch (e: any) {
      expect(e.code).toBe(ErrorCodes.RATE_MISMATCH);
      expect(e.message).toMatch(/20 Hz.*50 Hz/);
    }
  });

  it('refuses a classifier whose labels do not match the spec', () => {
    var c = makeHandClassifier();
    c.labels = ['idle', 'x'];
    expect(() => new GesturePipeline({ source: fakeSource(), model: { spec: stdSpec(), classifier: c }, onEvent: () => {} })).toThrow(/4 labels/);
  });
});

describe('GesturePipeline errors while running', () => {
  function quietPipeline(onError?: (e: DeviceError) => void) {
    var source = fakeSource();
    var classifier = makeHandClassifier();
    var p = new GesturePipeline({ source: source, model: { spec: stdSpec(), classifier: classifier }, onEvent: () => {}, onError: onError });
    p.start();
    return { p, source, classifier };
  }
  var still = new Float32Array([0, 0, 9.8, 0, 0, 0]);

  it('a NaN sample is an error and never reaches the model', () => {
    var errors: DeviceError[] = [];
    var q = quietPipeline((e) => errors.push(e));
    for (var i = 0; i < 300; i++) {
      q.source.onSample!(i * 10, i === 120 ? new Float32Array([0, NaN, 9.8, 0, 0, 0]) : still);
    }
    expect(q.p.counters.errors).toBe(1);
    expect(errors[0].code).toBe(ErrorCodes.BAD_INPUT);
    expect(errors[0].timeMs).toBe(1200);
    expect(q.classifier.sawNaN).toBe(false);
    // Windows end at samples 100, 102, ..., 298: 100 of them; the 51 ending at 120..220 hold the NaN.
    expect(q.p.counters.windows).toBe(100 - 51);
    expect(q.p.windower.skippedWindows).toBe(51);
  });

  it('FIFO_OVERFLOW adds its dropped samples and restarts windowing after the gap', () => {
    var errors: DeviceError[] = [];
    var q = quietPipeline((e) => errors.push(e));
    for (var i = 0; i < 150; i++) q.source.onSample!(i * 10, still);
    var before = q.p.counters.windows; // windows at 100, 102, ..., 148
    expect(before).toBe(25);
    q.source.onError!(deviceError(ErrorCodes.FIFO_OVERFLOW, 'FIFO overflow', { dropped: 42 }));
    // Times continue without a gap: only the overflow report tells the pipeline samples are missing.
    for (var j = 0; j < 100; j++) q.source.onSample!(1500 + j * 10, still);
    expect(q.p.counters.windows).toBe(before); // a full span (101 samples) is needed again
    q.source.onSample!(2500, still);
    expect(q.p.counters.windows).toBe(before + 1);
    expect(q.p.counters.dropped).toBe(42);
    expect(q.p.counters.errors).toBe(1);
    expect(q.p.counters.gaps).toBe(0);
    expect(errors[0].code).toBe(ErrorCodes.FIFO_OVERFLOW);
  });

  it('a gap in the sample times (samples lost without a report) restarts windowing and is counted', () => {
    var q = quietPipeline();
    for (var i = 0; i < 150; i++) q.source.onSample!(i * 10, still);
    expect(q.p.counters.windows).toBe(25);
    // 30 ms late is within the default 5 periods (50 ms); 160 ms is a gap.
    q.source.onSample!(1520, still); // the 151st sample: a window is due
    expect(q.p.counters.windows).toBe(26);
    q.source.onSample!(1680, still);
    for (var j = 1; j < 100; j++) q.source.onSample!(1680 + j * 10, still);
    expect(q.p.counters.windows).toBe(26); // a full span (101 samples) is needed after the gap
    q.source.onSample!(2680, still);
    expect(q.p.counters.windows).toBe(27);
    expect(q.p.counters.gaps).toBe(1);
    expect(q.p.counters.errors).toBe(0);
  });

  it('bad data without onError is counted, not thrown', () => {
    var q = quietPipeline();
    q.source.onError!(deviceError(ErrorCodes.I2C_NACK, 'nack'));
    q.source.onSample!(0, new Float32Array([NaN, 0, 0, 0, 0, 0]));
    expect(q.p.counters.errors).toBe(2);
  });

  it('a classifier exception goes to onError, or is rethrown without it', () => {
    var boom = {
      labels: ['idle', 'x', 'y', 'circle'],
      predict(): number {
        throw deviceError(ErrorCodes.MODEL_CORRUPT, 'broken model');
      }
    };
    var errors: DeviceError[] = [];
    var p = new GesturePipeline({ source: fakeSource(), model: { spec: stdSpec(), classifier: boom }, onEvent: () => {}, onError: (e) => errors.push(e) });
    for (var i = 0; i < 101; i++) p.push(i * 10, still);
    expect(errors.map((e) => e.code)).toEqual([ErrorCodes.MODEL_CORRUPT]);
    expect(p.counters.inferences).toBe(0);
    var q = new GesturePipeline({ source: fakeSource(), model: { spec: stdSpec(), classifier: boom }, onEvent: () => {} });
    for (var k = 0; k < 100; k++) q.push(k * 10, still);
    expect(() => q.push(1000, still)).toThrow(/broken model/);
  });
});

describe('GesturePipeline.start() re-checks a reconfigured source', () => {
  it('refuses to start when the source rate changed to one the model cannot use', () => {
    var source = fakeSource();
    var p = new GesturePipeline({ source: source, model: { spec: stdSpec(), classifier: makeHandClassifier() }, onEvent: () => {} });
    source.rateHz = 50 * 1.5;
    expect(() => p.start()).toThrow(/75 Hz/);
    expect(() => p.start()).toThrow(/75 Hz/); // still refused on a second try
    expect(source.started).toBe(0);
    source.channels = ['acc_x'];
    source.rateHz = 100;
    expect(() => p.start()).toThrow(/missing: acc_y/);
    expect(source.started).toBe(0);
  });

  it('re-windows for a new usable rate (200 Hz: k = 10)', () => {
    var source = fakeSource();
    var p = new GesturePipeline({ source: source, model: { spec: stdSpec(), classifier: makeHandClassifier() }, onEvent: () => {} });
    source.rateHz = 200;
    p.start();
    expect(p.windower.factor).toBe(10);
    expect(p.windower.spanSamples).toBe(201);
  });
});
