// A whole-file RAM upload that cannot fit: the Puck.js recorder with the whole board bundle
// inlined (what the espruino CLI built before each app got its own module) runs out of memory
// on the 2,630-variable build, and the sandbox's upload() refuses it the same way (its rule was
// measured here: one variable per 9 characters of source). With its own module, as
// `npm run examples` builds it now, the same recorder fits and streams.
import { expect, it } from 'vitest';
import { EspruinoWorld } from '../../src/testing/espruino-real';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { builtExample } from '../examples/helpers';
import { describeReal, bundle } from './helpers';

/** The CLI's RAM upload with the board's whole bundle in place of the app's own module. */
function withBoardBundle(code: string, board: string): string {
  var lines = code.split('\n');
  var i = lines.findIndex((l) => l.indexOf('Modules.addCached("espruino-gestures",') === 0);
  expect(i).toBeGreaterThanOrEqual(0);
  lines[i] = 'Modules.addCached("espruino-gestures",function(){' + bundle(board, true).trim() + '});';
  return lines.join('\n');
}

describeReal('RAM uploads in the real interpreter', () => {
  it('the Puck.js recorder with the whole bundle does not fit the 2,630 build in RAM; the sandbox says so too', async () => {
    var code = withBoardBundle(builtExample('recorder', 'puckjs.js'), 'puckjs');
    var world = new EspruinoWorld({ build: 2630, timeoutS: 30 });
    try {
      var r = await world.run(code);
      expect(r.stdout).toMatch(/OUT OF MEMORY|LOW_MEMORY/);
    } finally {
      world.cleanup();
    }
    expect(() => createEspruinoSandbox({ board: 'PUCKJS' }).upload(code)).toThrow(/OUT OF MEMORY/);
  });

  it('with its own module the Puck.js recorder fits the 2,630 build in RAM (both agree)', async () => {
    var code = builtExample('recorder', 'puckjs.js');
    var world = new EspruinoWorld({ build: 2630, timeoutS: 30 });
    try {
      // Loads and starts (no Puck here: the source refuses with its own error, not memory).
      var r = await world.run(code + '\ntry { E.emit("init"); } catch (e) { report("ERR", e.message); }\nreport("MEM", process.memory());');
      expect(r.stdout).not.toMatch(/OUT OF MEMORY|LOW_MEMORY/);
      expect(r.records('MEM')[0].total).toBe(2630);
    } finally {
      world.cleanup();
    }
    expect(() => createEspruinoSandbox({ board: 'PUCKJS' }).upload(code)).not.toThrow();
  });

  it('the same rule lets a text that fits run in both', async () => {
    var code = 'var x = 1;\n//' + 'a'.repeat(20000) + '\nreport("OK", x);';
    var world = new EspruinoWorld({ build: 2630, timeoutS: 30 });
    try {
      var r = await world.run(code);
      expect(r.records('OK')).toEqual([1]);
    } finally {
      world.cleanup();
    }
    expect(createEspruinoSandbox({ board: 'PUCKJS' }).upload(code.replace('report("OK", x);', 'x'))).toBe(1);
  });
});
