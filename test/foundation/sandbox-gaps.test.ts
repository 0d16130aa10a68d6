// The sandbox lacks what the real interpreter lacks (test/espruino/members.test.ts checks
// the same list against the real one): typed-array members, whole-file RAM uploads that do
// not fit, and bare assignments to native global functions.
import { describe, expect, it } from 'vitest';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { RAM_RULES } from '../../src/testing/sandbox-upload';

describe('sandbox matches the interpreter', () => {
  it('typed arrays have no BYTES_PER_ELEMENT, from/of or copyWithin, and stay typed arrays', () => {
    var sb = createEspruinoSandbox({ board: 'PUCKJS' });
    expect(sb.run('[typeof Float32Array.BYTES_PER_ELEMENT, typeof new Float32Array(1).BYTES_PER_ELEMENT, typeof Uint8Array.from, typeof new Int16Array(2).copyWithin, typeof ArrayBuffer.isView, typeof new ArrayBuffer(4).slice].join()'))
      .toBe('undefined,undefined,undefined,undefined,undefined,undefined');
    expect(sb.run('var a = new Float32Array(new ArrayBuffer(16), 4, 2); a[0] = 1.5; var s = a.subarray(1); [a instanceof Float32Array, s instanceof Float32Array, s.byteOffset, a.constructor === Float32Array, a.length].join()'))
      .toBe('true,true,8,true,2');
    expect(sb.run('typeof (1.5).toPrecision + typeof Number.parseFloat + typeof [].lastIndexOf')).toBe('undefinedundefinedundefined');
  });

  it('refuses a RAM upload whose text cannot fit the board (OUT OF MEMORY), not test code or a Storage file', () => {
    var rule = RAM_RULES.PUCKJS;
    var big = 'var x = 1;\n//' + 'a'.repeat(rule.vars * rule.charsPerVar) + '\n';
    var sb = createEspruinoSandbox({ board: 'PUCKJS' });
    expect(() => sb.upload(big)).toThrow(/OUT OF MEMORY/);
    expect(sb.run(big + 'x + 1', 'app.js')).toBe(2); // load() of a Storage file, or test code
    // The ESP32 has room for it.
    expect(createEspruinoSandbox({ board: 'ESP32' }).upload(big + 'x')).toBe(1);
    // A Storage upload's write statements run one by one on the board: only the largest counts.
    var chunk = 'require("Storage").write("f", "' + 'b'.repeat(1000) + '", 0, 40000);\n';
    expect(() => sb.upload(chunk.repeat(30))).not.toThrow();
  });

  it('refuses digitalWrite = f and global.I2C1 = x as Espruino does; global.digitalWrite = f and I2C1 = x work', () => {
    var sb = createEspruinoSandbox({ board: 'ESP32' });
    expect(() => sb.run('digitalWrite = function(){};')).toThrow(/non-reference Function/);
    sb.run('var calls = 0; global.digitalWrite = function(){ calls++; }; digitalWrite(1, 1);');
    expect(sb.run('calls')).toBe(1);
    // A peripheral the other way round: global.I2C1 = x is ignored there, so refused here.
    expect(() => sb.run('global.I2C1 = {};')).toThrow(/ignored by Espruino/);
    sb.run('I2C1 = { mine: true };');
    expect(sb.run('I2C1.mine')).toBe(true);
  });
});
