import { describe, it, expect } from 'vitest';
import { createEspruinoSandbox } from '../../src/testing/sandbox';

describe('Espruino sandbox', () => {
  it('offers no Node globals and none of the built-ins Espruino lacks', () => {
    var sb = createEspruinoSandbox();
    for (var name of ['process', 'Buffer', 'Map', 'Set', 'WeakMap', 'Symbol', 'Proxy', 'Reflect', 'setImmediate', 'queueMicrotask']) {
      expect(sb.run('typeof ' + name), name).toBe('undefined');
    }
    for (var member of ['Array.from', 'Array.of', 'Object.freeze', 'Number.isFinite', 'Number.isInteger', 'Number.EPSILON', 'Promise.race', 'Math.fround', 'Math.trunc', 'Math.imul', 'Math.log2', 'Math.log10', 'Math.hypot']) {
      expect(sb.run('typeof ' + member), member).toBe('undefined');
    }
    expect(() => sb.run('new Map()')).toThrow(/Map is not defined/);
    expect(() => sb.run('Object.create({}, { a: { value: 1 } })')).toThrow(/not supported by Espruino/);
    expect(sb.run('Object.create(null) !== null')).toBe(true);
  });

  it('offers Espruino globals: E, getTime, timers, I2C, Modules, require, btoa/atob', () => {
    var sb = createEspruinoSandbox();
    for (var name of ['E', 'getTime', 'setTimeout', 'setInterval', 'clearInterval', 'changeInterval', 'I2C1', 'I2C2', 'Modules', 'require', 'btoa', 'atob', 'print']) {
      expect(sb.run('typeof ' + name), name).not.toBe('undefined');
    }
    expect(sb.run('atob(btoa("\\u0000\\u00ff\\u0080a"))')).toBe('\u0000\u00ff\u0080a');
    expect(sb.run('new Uint8Array(E.toArrayBuffer(atob("AAEC/w=="))).join(",")')).toBe('0,1,2,255');
    expect(sb.run('E.toArrayBuffer("ab") instanceof ArrayBuffer')).toBe(true);
    expect(() => sb.require('nope')).toThrow('Module nope not found');
  });

  it('E.sum and E.variance behave as the firmware (variance is the SUM of squared deviations)', () => {
    var sb = createEspruinoSandbox();
    expect(sb.run('E.sum(new Float32Array([1, 2, 3, 4]))')).toBe(10);
    expect(sb.run('E.variance(new Float32Array([1, 2, 3, 4]), 2.5)')).toBe(5);
  });

  it('E.FFT transforms in place and scales by 1/N', () => {
    var sb = createEspruinoSandbox();
    var re = sb.run('var re = new Float32Array([1, 1, 1, 1, 0, 0, 0, 0]); var im = new Float32Array(8); E.FFT(re, im); re');
    expect(re[0]).toBeCloseTo(0.5, 6); // DC: sum 4 / N 8
    var mag = sb.run('var m = new Float32Array([0, 1, 0, -1]); E.FFT(m); m');
    expect(Array.from(mag as Float32Array).map((v) => Math.round(v * 1000) / 1000)).toEqual([0, 0.5, 0, 0.5]);
    // As the 2v29 interpreter: another length is zero-padded to the next power of two and
    // the first results written back ([1..5] gives [1.875, -0.6768, 0.375, ...], sum 15 / 8).
    var five = sb.run('var a = new Float32Array([1, 2, 3, 4, 5]), b = new Float32Array(5); E.FFT(a, b); [a, b]') as Float32Array[];
    expect(Array.from(five[0]).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([1.875, -0.6768, 0.375, -0.3232, 0.375]);
    expect(Array.from(five[1]).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0, -0.9053, 0.25, -0.1553, 0]);
  });

  it('runs timers in virtual time order, with getTime and Date.now one clock, as on the board', async () => {
    var sb = createEspruinoSandbox({ startEpochMs: 1_000_000 });
    sb.run('var log = []; setInterval(function(){ log.push("i" + getTime()); }, 250); setTimeout(function(){ log.push("t" + Date.now()); }, 600);');
    await sb.advance(1000);
    expect(sb.run('log.join(" ")')).toBe('i1000.25 i1000.5 t1000600 i1000.75 i1001');
    expect(sb.now()).toBe(1000);
    sb.run('clearInterval()');
    await sb.advance(10 * 60 * 1000); // ten minutes of device time: nothing left to run
    expect(sb.run('log.length')).toBe(5);
    expect(sb.run('new Date().getTime()')).toBe(1_000_000 + 601_000);
  });

  it('starts with an unset clock counting from boot, as a board that has just powered up; setTime steps it, timers keep their delays', async () => {
    var sb = createEspruinoSandbox();
    await sb.advance(1500);
    expect(sb.run('[getTime(), Date.now()]')).toEqual([1.5, 1500]);
    sb.run('var fired = null; setTimeout(function(){ fired = getTime(); }, 1000); setTime(1764000000);');
    expect(sb.run('Date.now()')).toBe(1764000000000);
    await sb.advance(1000);
    expect(sb.run('fired')).toBe(1764000001);
    sb.setDeviceClock(Date.UTC(2027, 0, 1)); // SNTP stepping it underneath
    expect(sb.run('new Date().getUTCFullYear()')).toBe(2027);
  });

  it('settles promises between timers, so promise chains see the time they run at', async () => {
    var sb = createEspruinoSandbox();
    sb.run('var seen = []; function wait(ms){ return new Promise(function(r){ setTimeout(r, ms); }); }' +
      'wait(100).then(function(){ seen.push(getTime()); return wait(100); }).then(function(){ seen.push(getTime()); });');
    await sb.advance(500);
    expect(sb.run('seen.join(",")')).toBe('0.1,0.2');
  });

  it('surfaces uncaught errors from timers', async () => {
    var sb = createEspruinoSandbox();
    sb.run('setTimeout(function(){ throw new Error("boom"); }, 10);');
    await expect(sb.advance(20)).rejects.toThrow('boom');
    var collecting = createEspruinoSandbox({ uncaught: 'collect' });
    collecting.run('setTimeout(function(){ throw new Error("later"); }, 10); var after = 0; setTimeout(function(){ after = 1; }, 15);');
    await collecting.advance(20);
    expect(collecting.errors.map((e) => e.message)).toEqual(['later']);
    expect(collecting.run('after')).toBe(1);
  });

  it('runs CLI-style modules (Modules.addCached with a function) and boots E.on("init")', async () => {
    var sb = createEspruinoSandbox();
    sb.run('Modules.addCached("greet", function(){ exports.hi = function(n){ return "hi " + n; }; });' +
      'var said; E.on("init", function(){ said = require("greet").hi("there"); });');
    await sb.boot();
    expect(sb.run('said')).toBe('hi there');
  });

  it('has a Storage with Espruino rules: 28-character names, capacity, readArrayBuffer', () => {
    var sb = createEspruinoSandbox({ board: 'PUCKJS' });
    sb.run('var S = require("Storage"); S.write("model.bin", new Uint8Array([1,2,3,4]));');
    expect(sb.run('new Uint8Array(S.readArrayBuffer("model.bin")).join(",")')).toBe('1,2,3,4');
    expect(sb.run('S.read("model.bin", 1, 2)')).toBe('\u0002\u0003');
    expect(sb.run('S.readArrayBuffer("model.bin") instanceof ArrayBuffer')).toBe(true);
    expect(() => sb.run('S.write("this-name-is-longer-than-28-chars", "x")')).toThrow(/Name too long/);
    expect(() => sb.run('S.write("big", new Uint8Array(50000))')).toThrow(/Storage full/);
    sb.run('S.writeJSON("cfg.json", {a: 1}); var cfg = S.readJSON("cfg.json");');
    expect(sb.run('cfg.a')).toBe(1);
    expect(sb.storage.files['model.bin']).toEqual(new Uint8Array([1, 2, 3, 4]));
  });

  it('routes I2C to attached devices and throws the board error when nothing answers', () => {
    var sb = createEspruinoSandbox();
    var regs = new Uint8Array(256);
    regs[0x75] = 0x70;
    var pointer = 0;
    sb.i2c.I2C1.attach(0x68, {
      write(bytes) { pointer = bytes[0]; if (bytes.length > 1) regs[pointer] = bytes[1]; },
      read(n) { return regs.slice(pointer, pointer + n); },
    });
    expect(sb.run('I2C1.setup({scl: D22, sda: D21}); I2C1.writeTo(0x68, 0x75); I2C1.readFrom(0x68, 1)[0]')).toBe(0x70);
    expect(sb.run('I2C1.readFrom(0x68, 1) instanceof Uint8Array')).toBe(true);
    expect(() => sb.run('I2C1.writeTo(0x69, 0x75)')).toThrow(/doesn't ACK/);
  });
});
