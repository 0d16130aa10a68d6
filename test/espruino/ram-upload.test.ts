// A whole-file RAM upload that cannot fit: the Puck.js recorder, as the espruino CLI builds it
// for RAM, runs out of memory on the 2,630-variable build, and the sandbox's upload() refuses
// it the same way (its rule was measured here: one variable per 9 characters of source).
import { expect, it } from 'vitest';
import { EspruinoWorld } from '../../src/testing/espruino-real';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { builtExample } from '../examples/helpers';
import { describeReal } from './helpers';

describeReal('RAM uploads in the real interpreter', () => {
  it('the Puck.js recorder does not fit the 2,630 build in RAM; the sandbox says so too', async () => {
    var code = builtExample('recorder', 'puckjs.js');
    var world = new EspruinoWorld({ build: 2630, timeoutS: 30 });
    try {
      var r = await world.run(code);
      expect(r.stdout).toMatch(/OUT OF MEMORY|LOW_MEMORY/);
    } finally {
      world.cleanup();
    }
    expect(() => createEspruinoSandbox({ board: 'PUCKJS' }).upload(code)).toThrow(/OUT OF MEMORY/);
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
