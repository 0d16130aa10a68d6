// Options whose names an internal field also uses must still reach the code in the
// minified bundles (a property renamed in one place and not the other would be ignored).
// (pixljs is built without the advert sink: test/size/board-features.test.ts.)
import { describe, it, expect } from 'vitest';
import { createEspruinoSandbox } from '../../src/testing/sandbox';

describe.each(['puckjs', 'banglejs2'])('minified %s bundle', (board) => {
  it('createBleAdvertSink passes intervalMs and name to NRF.setAdvertising', async () => {
    var sb = createEspruinoSandbox({ board: 'PUCKJS' });
    var g = sb.loadBundle(board, { minified: true });
    sb.defineGlobal('g', g);
    sb.run(`var adverts = [];
      var nrf = { setAdvertising: function (data, options) { adverts.push(options); } };
      var sink = g.createBleAdvertSink({ nrf: nrf, intervalMs: 250, name: 'P1', holdMs: 10 });
      sink.send([{ device_id: 'p', id: 7, time: 1700000000000, gesture: 'wave', move: 2, score: 0.5 }], function () {});`);
    await sb.advance(20);
    var adv = sb.run('adverts[0]');
    expect(adv.interval).toBe(250);
    expect(adv.name).toBe('P1');
    expect(adv.manufacturer).toBe(0x0590);
  });
});
