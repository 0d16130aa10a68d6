// computeFeatures with Espruino's natives (E.mapInPlace gathering a channel, E.sum, E.variance,
// Math.min/max.apply) gives exactly the values of the plain-loop path, short and long windows.
import { describe, it, expect, afterEach } from 'vitest';
import { computeFeatures, featureCount } from '../../src/pipeline';
import { createE } from '../../src/testing/fakes/espruino-e';
import { seedRawSpec } from './specs';

afterEach(() => {
  delete (globalThis as any).E;
});

function windows(points: number, channels: number, count: number): Float32Array[] {
  var out: Float32Array[] = [];
  for (var w = 0; w < count; w++) {
    var win = new Float32Array(points * channels);
    for (var i = 0; i < win.length; i++) win[i] = Math.sin(i * 0.7 + w) * 9.81 + ((i * 7 + w) % 5) - 2;
    out.push(win);
  }
  return out;
}

describe('computeFeatures: native and loop paths', () => {
  for (var points of [26, 64, 65, 300]) {
    it(points + ' points x 3 channels, every statistic, bit for bit', ((points: number) => () => {
      var spec = seedRawSpec({ channels: ['acc_x', 'acc_y', 'acc_z'], points: points, features: 'stats',
        stats: ['mean', 'std', 'min', 'max', 'rms', 'mad', 'zc'] });
      var plain = new Float32Array(featureCount(spec)), native = new Float32Array(featureCount(spec)), differ = 0;
      var wins = windows(points, 3, 5);
      for (var w = 0; w < wins.length; w++) {
        delete (globalThis as any).E;
        computeFeatures(spec, wins[w], plain);
        (globalThis as any).E = createE({ Uint8Array: Uint8Array } as any);
        computeFeatures(spec, wins[w], native);
        for (var i = 0; i < plain.length; i++) if (!Object.is(plain[i], native[i])) differ++;
        // The gather really ran: channel 2's max is the largest of its points.
        var m = -Infinity;
        for (var p = 0; p < points; p++) m = Math.max(m, wins[w][p * 3 + 2]);
        expect(native[2 * 7 + 3]).toBe(m);
      }
      expect(differ).toBe(0);
    })(points));
  }
});
