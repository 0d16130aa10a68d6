// An unset device clock (a board that has just powered up: getTime() counts from boot):
// events keep their boot time, are held (never sent with a time before 2001, never dropped
// for it), and go out corrected by the clock's step once it is set. The esp32 bundle in the
// Espruino sandbox, whose clock starts unset like the board's.
import { describe, expect, it } from 'vitest';
import { createEspruinoSandbox } from '../../src/testing/sandbox';

var LABELS = ['idle', 'x', 'y', 'circle'];
var EPOCH = Date.UTC(2026, 11, 1, 9, 30);

/** An outbox over a sink that records what it is given and confirms at once. */
function device(storageFrom?: ReturnType<typeof createEspruinoSandbox>) {
  var sb = createEspruinoSandbox({ board: 'ESP32' });
  if (storageFrom) for (var name of Object.keys(storageFrom.storage.files)) sb.storage.files[name] = storageFrom.storage.files[name];
  sb.loadBundle('esp32');
  sb.run(`var eg = require('espruino-gestures');
    var sent = [], errors = [];
    var box = eg.createOutbox({ deviceId: 'esp32-clock', labels: ${JSON.stringify(LABELS)}, storage: require('Storage'),
      onError: function (e) { errors.push(e.code + ': ' + e.message); },
      sink: { maxBatch: 10, send: function (events, done) { events.forEach(function (e) { sent.push(e); }); done(null); } } });`);
  return {
    sb,
    push(label: number) { return sb.run(`box.push({ timeMs: getTime() * 1000, label: ${label}, score: 0.9 })`); },
    sent(): Array<{ id: number; time: number; gesture: string }> { return JSON.parse(sb.run('JSON.stringify(sent)')); },
    errors(): string[] { return sb.run('errors').slice(); },
    stats() { return JSON.parse(sb.run('JSON.stringify(box.stats())')); },
  };
}

describe('outbox with an unset device clock (esp32 bundle in the sandbox)', () => {
  it('holds events with their boot time, says why once, and sends them corrected by the exact step once setTime sets the clock', async () => {
    var d = device();
    await d.sb.advance(7000);
    d.push(1); // 7 s after boot
    await d.sb.advance(2500);
    d.push(2); // 9.5 s
    await d.sb.advance(30_000);
    expect(d.sent()).toEqual([]);
    expect(d.stats()).toMatchObject({ queued: 2, held: 2, dropped: 0, rejected: 0 });
    expect(d.errors()).toEqual(['CLOCK_UNSET: Outbox: clock not set (getTime() counts from boot): events held until SNTP, setTime or a Date header sets it']);
    // 39.5 s after boot the clock is set (e.g. setClock from the receiver's Date header).
    d.sb.run(`eg.setClock(${EPOCH})`);
    await d.sb.advance(1000);
    var bootEpoch = EPOCH - 39_500;
    expect(d.sent().map((e) => [e.id, e.gesture, e.time])).toEqual([[1, 'x', bootEpoch + 7000], [2, 'y', bootEpoch + 9500]]);
    expect(d.stats()).toMatchObject({ queued: 0, held: 0, sent: 2 });
    // After the clock is set, events are sent at once with their epoch time.
    d.push(3);
    await d.sb.advance(0);
    expect(d.sent()[2]).toMatchObject({ id: 3, gesture: 'circle', time: EPOCH + 1000 });
  });

  it('a clock stepped underneath (SNTP on an ESP32) is noticed within the outbox\'s half-second look', async () => {
    var d = device();
    await d.sb.advance(3000);
    d.push(1);
    await d.sb.advance(1234);
    var stepAt = d.sb.now();
    d.sb.setDeviceClock(EPOCH);
    await d.sb.advance(1000);
    var sent = d.sent();
    expect(sent.length).toBe(1);
    var truth = EPOCH - (stepAt - 3000);
    expect(sent[0].time).toBeGreaterThanOrEqual(truth);
    expect(sent[0].time - truth).toBeLessThanOrEqual(500);
  });

  it('a full queue of held events drops the oldest as for a link that is down (counted), never more', async () => {
    var sb = createEspruinoSandbox({ board: 'ESP32' });
    sb.loadBundle('esp32');
    sb.run(`var eg = require('espruino-gestures');
      var box = eg.createOutbox({ deviceId: 'd', labels: ${JSON.stringify(LABELS)}, capacity: 3,
        sink: { maxBatch: 10, send: function (events, done) { done(null); } } });
      for (var i = 0; i < 5; i++) box.push({ timeMs: getTime() * 1000 + i, label: 1, score: 1 });`);
    expect(JSON.parse(sb.run('JSON.stringify(box.stats())'))).toMatchObject({ queued: 3, held: 3, dropped: 2 });
  });

  it('events saved in Storage before a reboot, with the clock never set, come back held and go out as if the reboot were immediate', async () => {
    var d1 = device();
    await d1.sb.advance(5000);
    d1.push(1); // 5 s into the first boot
    await d1.sb.advance(1000);
    d1.push(3); // 6 s; saved at once
    await d1.sb.advance(500); // power cut at 6.5 s
    var d2 = device(d1.sb);
    expect(d2.stats()).toMatchObject({ queued: 2, held: 2, estimated: 2 });
    await d2.sb.advance(2000);
    d2.push(2); // 2 s into the second boot
    d2.sb.run(`eg.setClock(${EPOCH})`); // 2 s after the second boot
    await d2.sb.advance(1000);
    var boot2 = EPOCH - 2000;
    // The first boot's events happened no later than 1 s and 0 s before the second boot.
    expect(d2.sent().map((e) => [e.id, e.gesture, e.time])).toEqual([[1, 'x', boot2 - 1000], [2, 'circle', boot2], [3, 'y', EPOCH]]);
  });
});
