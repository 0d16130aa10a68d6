// The motion gate (spec.motionGate): windows at rest are idle without features or inference,
// counted as gated; moving windows are classified as before; with quiet windows (a debouncer's
// refractory time) too, each window is one of classified, gated or quiet; the device bundle
// in the sandbox gates the same windows as the host.
import { describe, it, expect } from 'vitest';
import { GesturePipeline, ConsecutiveDebouncer, Windower } from '../../src/pipeline';
import type { PipelineEvent } from '../../src/pipeline';
import { windowMotion } from '../../src/pipeline/motion-gate';
import { validateSpec } from '../../src/core/spec';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { readSeedRecording } from './seed-recording';
import { makeHandClassifier, stdSpec, DEVICE_HAND_CLASSIFIER } from './hand-classifier';
import { seedRawSpec } from './specs';

/**
 * quiet: the debouncer itself, so the pipeline also leaves out the windows of its refractory
 * time (quiet windows); otherwise a wrapper without quietUntilMs that records every label.
 */
function run(gate: number | undefined, name: string, quiet?: boolean) {
  var rec = readSeedRecording(name);
  var spec = stdSpec({ motionGate: gate });
  var classifier = makeHandClassifier();
  var events: PipelineEvent[] = [], labels: number[] = [];
  var debouncer = new ConsecutiveDebouncer({ idleLabel: 0, refractoryMs: 1500 });
  var p = new GesturePipeline({
    source: { channels: rec.channels, rateHz: 100 }, model: { spec, classifier },
    debouncer: quiet ? debouncer : { update: (t, l, s) => { labels.push(l); return debouncer.update(t, l, s); }, reset: () => debouncer.reset() },
    onEvent: (e) => events.push(e),
  });
  rec.rows.forEach((row, i) => p.push(rec.times[i], row));
  return { p, events, labels, calls: classifier.calls };
}

describe('motion gate', () => {
  it('measures the RMS deviation of the acceleration vector, not its level or the gyro', () => {
    var spec = seedRawSpec({ points: 4, features: 'raw' });
    var still = new Float32Array(24);
    for (var p = 0; p < 4; p++) { still[p * 6 + 2] = 9.81; still[p * 6 + 3] = 100 * p; }
    expect(windowMotion(spec, still)).toBe(0); // gravity only, gyro spinning: no acc motion
    var moving = still.slice();
    [1, -1, 1, -1].forEach((v, p) => { moving[p * 6] = v; moving[p * 6 + 1] = 2 * v; });
    expect(windowMotion(spec, moving)).toBeCloseTo(Math.sqrt(1 + 4), 6);
    // No acc_ channel: every channel counts.
    expect(windowMotion(seedRawSpec({ channels: ['gyro_x'], points: 4 }), new Float32Array([0, 2, 0, 2]))).toBeCloseTo(1, 6);
  });

  it.each(['move_x_20210522_1.csv', 'move_circle_20210522_1.csv'])('%s: the same events; windows at rest are idle without inference', (name) => {
    var off = run(undefined, name), on = run(0.5, name);
    expect(on.events.map((e) => e.gesture + '@' + e.timeMs)).toEqual(off.events.map((e) => e.gesture + '@' + e.timeMs));
    expect(on.events.length).toBeGreaterThan(2);
    var c = on.p.counters;
    expect(c.windows).toBe(off.p.counters.windows);
    expect(c.gated).toBeGreaterThan(10);
    expect(c.inferences + c.gated).toBe(c.windows);
    expect(on.calls).toBe(c.inferences);
    expect(off.p.counters.gated).toBe(0);
    // Every gated window reached the debouncer as idle; every window reached it once.
    expect(on.labels.length).toBe(c.windows);
    expect(on.labels.filter((l) => l === 0).length).toBeGreaterThanOrEqual(c.gated);
  });

  it.each(['move_x_20210522_1.csv', 'move_circle_20210522_1.csv'])('%s: gate and quiet windows together: the same events, each window counted once', (name) => {
    var every = run(undefined, name), both = run(0.5, name, true), quietOnly = run(undefined, name, true);
    expect(both.events.map((e) => e.gesture + '@' + e.timeMs)).toEqual(every.events.map((e) => e.gesture + '@' + e.timeMs));
    var c = both.p.counters;
    expect(c.windows).toBe(every.p.counters.windows);
    expect(c.gated).toBeGreaterThan(0); // rest outside the refractory times
    expect(c.quiet).toBeGreaterThan(every.events.length * 50);
    // A quiet window is not measured by the gate: it is quiet, not gated, and never classified.
    expect(c.inferences + c.gated + c.quiet).toBe(c.windows);
    expect(both.calls).toBe(c.inferences);
    expect(c.quiet).toBe(quietOnly.p.counters.quiet);
    expect(c.inferences).toBeLessThan(quietOnly.p.counters.inferences);
  });

  it('a gate above every window\'s motion turns the stream idle: no inference, no event', () => {
    var r = run(1e6, 'move_x_20210522_1.csv');
    expect(r.p.counters.inferences).toBe(0);
    expect(r.events).toEqual([]);
    expect(r.p.counters.gated).toBe(r.p.counters.windows);
  });

  it('a Windower without the gate option (the host\'s training windows) ignores the gate', () => {
    var n = 0, spec = stdSpec({ motionGate: 1e6 });
    var w = new Windower(spec, spec.channels, 100, () => n++);
    for (var i = 0; i < 300; i++) w.push(i * 10, [0, 0, 9.8, 0, 0, 0]);
    expect(n).toBeGreaterThan(0);
  });

  it('refuses a negative gate and a gate without an idle class', () => {
    expect(() => validateSpec(stdSpec({ motionGate: -1 }))).toThrow(/motionGate must be a number >= 0 \(m\/s2; 0: off\), got -1/);
    expect(() => validateSpec(stdSpec({ motionGate: 0.5, idleLabel: -1 }))).toThrow(/motionGate needs an idle label: gated windows are idle, got -1/);
    expect(() => validateSpec(stdSpec({ motionGate: 0, idleLabel: -1 }))).not.toThrow();
  });

  it.each(['esp32', 'puckjs'])('the %s bundle in the sandbox gates the same windows and emits the same events as the host', (board) => {
    var name = 'move_circle_20210522_1.csv', rec = readSeedRecording(name), host = run(0.5, name, true);
    var sb = createEspruinoSandbox({ board: board === 'esp32' ? 'ESP32' : 'PUCKJS' });
    sb.loadBundle(board, { minified: true });
    var device = sb.run(`
      var eg = require('espruino-gestures'), rows = ${JSON.stringify(rec.rows)}, times = ${JSON.stringify(rec.times)}, events = [];
      var p = new eg.GesturePipeline({ source: { channels: ${JSON.stringify(rec.channels)}, rateHz: 100 },
        model: { spec: ${JSON.stringify(stdSpec({ motionGate: 0.5 }))}, classifier: ${DEVICE_HAND_CLASSIFIER} },
        debouncer: new eg.ConsecutiveDebouncer({ idleLabel: 0, refractoryMs: 1500 }),
        onEvent: function (e) { events.push(e.gesture + '@' + e.timeMs); } });
      for (var r = 0; r < rows.length; r++) p.push(times[r], rows[r]);
      ({ events: events, gated: p.counters.gated, quiet: p.counters.quiet, inferences: p.counters.inferences });
    `) as any;
    expect(device.gated).toBe(host.p.counters.gated);
    expect(device.quiet).toBe(host.p.counters.quiet);
    expect(device.quiet).toBeGreaterThan(0);
    expect(device.inferences).toBe(host.p.counters.inferences);
    expect(device.events).toEqual(host.events.map((e) => e.gesture + '@' + e.timeMs));
  });
});
