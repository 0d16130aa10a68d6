// The harness itself: builds, Storage in a private directory, structured lines, SIGKILL.
import { afterAll, expect, it } from 'vitest';
import { EspruinoWorld, storageModules } from '../../src/testing/espruino-real';
import { describeReal } from './helpers';

describeReal('real Espruino harness', () => {
  var worlds: EspruinoWorld[] = [];
  function world(build?: any) {
    var w = new EspruinoWorld({ build: build, timeoutS: 20 });
    worlds.push(w);
    return w;
  }
  afterAll(() => worlds.forEach((w) => w.cleanup()));

  it('runs each board build with its variable count', async () => {
    for (var build of [2630, 12000, 16383] as const) {
      var r = await world(build).run('report("MEM",process.memory()); report("V",process.version);');
      expect(r.code).toBe(0);
      expect(r.records('MEM')[0].total).toBe(build);
      expect(r.records('V')[0]).toBe('2v29');
    }
  });

  it('writes Storage in one run and loads a module from it in the next', async () => {
    var w = world(2630);
    var bytes = new Uint8Array(3000);
    for (var i = 0; i < bytes.length; i++) bytes[i] = (i * 7) & 255;
    await w.writeStorage({ 'm.js': 'exports.twice = function (x) { return 2 * x; };', 'b.bin': bytes });
    var r = await w.run(storageModules({ m: 'm.js' }) +
      'var b=new Uint8Array(require("Storage").readArrayBuffer("b.bin"));var s=0;for(var i=0;i<b.length;i++)s+=b[i];' +
      'report("R",{t:require("m").twice(21),n:b.length,sum:s});');
    expect(r.code).toBe(0);
    var sum = bytes.reduce((a, b) => a + b, 0);
    expect(r.records('R')).toEqual([{ t: 42, n: 3000, sum: sum }]);
    // Another world has its own Storage.
    var other = await world(2630).run('report("L",require("Storage").list());');
    expect(other.records('L')).toEqual([[]]);
  });

  it('reports uncaught errors from callbacks and kills a run that never ends', async () => {
    var r = await world(2630).run('setTimeout(function(){ throw new Error("late"); }, 10);');
    expect(r.uncaught.join('\n')).toMatch(/late/);
    var t0 = Date.now();
    var hang = await world(2630).run('setInterval(function(){}, 100);', { timeoutS: 2 });
    expect(hang.timedOut).toBe(true);
    expect(hang.code).toBe(null);
    expect(Date.now() - t0).toBeLessThan(15000);
  });
});
