import { describe, it, expect } from 'vitest';
import { lintEspruinoCode } from '../../src/testing/espruino-lint';
import { hoistFunctionDeclarations } from '../../tools/hoist-functions.mjs';

function rules(code: string): string[] {
  return lintEspruinoCode(code).map((p) => p.rule);
}

describe('Espruino lint', () => {
  it('accepts plain ES5 with declarations first', () => {
    expect(lintEspruinoCode('function a(){ return [].slice.call(arguments); }\nvar x = a(1);\nexports.a = a;')).toEqual([]);
  });

  it('rejects syntax beyond ES5', () => {
    expect(rules('const x = 1;')).toEqual(['es5-syntax']);
    expect(rules('var f = (a) => a;')).toEqual(['es5-syntax']);
    expect(rules('var o = { ...p };')).toEqual(['es5-syntax']);
    expect(rules('var s = `t`;')).toEqual(['es5-syntax']);
  });

  it('rejects a function declared after other statements (no hoisting on Espruino)', () => {
    var problems = lintEspruinoCode('var x = f();\nfunction f(){ return 1; }');
    expect(problems).toHaveLength(1);
    expect(problems[0].rule).toBe('hoisting');
    expect(problems[0].message).toContain('function f');
    expect(rules('function outer(){ var y = g(); function g(){ return 2; } return y; }')).toEqual(['hoisting']);
    expect(rules('if (a) { function h(){} }')).toEqual(['hoisting']);
  });

  it('allows directives before function declarations', () => {
    expect(rules('"use strict";\nfunction f(){ "use strict"; function g(){} return g; }\nf();')).toEqual([]);
  });

  it('rejects the built-ins Espruino lacks, but not local names that shadow them', () => {
    expect(rules('var m = new Map();')).toEqual(['missing-builtin']);
    expect(rules('var s = Symbol("x");')).toEqual(['missing-builtin']);
    expect(rules('var a = Array.from(x);')).toEqual(['missing-builtin']);
    expect(rules('var f = Math.fround(1.1);')).toEqual(['missing-builtin']);
    expect(rules('Object.freeze(o);')).toEqual(['missing-builtin']);
    expect(rules('Number.isFinite(1);')).toEqual(['missing-builtin']);
    expect(rules('Promise.race([]);')).toEqual(['missing-builtin']);
    expect(rules('Object.create(p, { a: { value: 1 } });')).toEqual(['missing-builtin']);
    expect(rules('Object.create(p);')).toEqual([]);
    expect(rules('function f(Map){ return Map.get(1); }')).toEqual([]);
    expect(rules('var o = { Map: 1 }; o.Set = 2;')).toEqual([]);
  });

  it('rejects members the real interpreter lacks on any object (BYTES_PER_ELEMENT broke every model load)', () => {
    expect(rules('var n = len * Ctor.BYTES_PER_ELEMENT;')).toEqual(['missing-builtin']);
    expect(rules('var s = x.toPrecision(3);')).toEqual(['missing-builtin']);
    expect(rules('var a = Float32Array.from(x);')).toEqual(['missing-builtin']);
    expect(rules('var v = ArrayBuffer.isView(x);')).toEqual(['missing-builtin']);
    expect(rules('var f = Number.parseFloat(s);')).toEqual(['missing-builtin']);
    expect(rules('var o = { BYTES_PER_ELEMENT: 4 };')).toEqual([]);
  });

  it('rejects a bare assignment to a native global function (only global.x = works)', () => {
    expect(rules('digitalWrite = function(){};')).toEqual(['native-assign']);
    expect(rules('function f(){ setTimeout = null; }')).toEqual(['native-assign']);
    expect(rules('global.digitalWrite = function(){};')).toEqual([]);
    expect(rules('var getTime = function(){ return 1; }; getTime = null;')).toEqual([]);
    // Peripherals the other way round: global.I2C1 = x is ignored, I2C1 = x works.
    expect(rules('global.I2C1 = bus;')).toEqual(['native-assign']);
    expect(rules('I2C1 = bus;')).toEqual([]);
  });

  it('rejects Array.prototype methods used through the prototype', () => {
    expect(rules('var b = Array.prototype.slice.call(arguments);')).toEqual(['prototype-method']);
    expect(rules('var c = String.prototype.trim.call(s);')).toEqual(['prototype-method']);
  });

  it('rejects array holes and for-init declarators without initialiser', () => {
    expect(rules('function f(){ return [1,,2]; }')).toEqual(['array-hole']);
    expect(rules('for (var i = 0, x; i < 3; i++) {}')).toEqual(['for-init-declarator']);
    expect(rules('for (var i = 0, x = 1; i < 3; i++) {}')).toEqual([]);
    expect(rules('for (var k in o) {}')).toEqual([]);
  });

  it('rejects Node globals, Node modules and TypeScript helpers that need hoisting or Symbol', () => {
    expect(rules('process.nextTick(f);')).toEqual(['node-global']);
    expect(rules('var b = Buffer.from("a");')).toEqual(['node-global']);
    expect(rules('var fs = require("fs");')).toEqual(['node-module']);
    expect(rules('var s = require("Storage");')).toEqual([]);
    expect(rules('var B = (function (_super) { __extends(B, _super); function B(){} return B; })(A);')).toContain('ts-helper');
  });
});

describe('RegExp as Espruino understands it', () => {
  it('accepts what its engine supports', () => {
    expect(rules('var r = /^[a-z0-9_]+$/i; var s = /\\d+\\.\\d*|x/g; var t = new RegExp("a.c");')).toEqual([]);
  });

  it('rejects what it silently gets wrong', () => {
    expect(rules('var r = /^a?$/;')).toEqual(['regexp']);
    expect(rules('var r = /^[a-z]{1,8}$/;')).toEqual(['regexp']);
    expect(rules('var r = /\\u00e9/;')).toEqual(['regexp']);
    expect(rules('var r = /(ab)+/;')).toEqual(['regexp']);
    expect(rules('var r = /(?:a|b)c/;')).toContain('regexp');
    expect(rules('var r = /(a)\\1/;')).toEqual(['regexp']);
    expect(rules('var r = /a/m;')).toEqual(['regexp']);
    expect(rules('var r = new RegExp("x{2}");')).toEqual(['regexp']);
  });
});

describe('function hoisting transform', () => {
  it('moves declarations to the top of each scope and keeps behaviour', () => {
    var code = '"use strict";\nvar a = f();\nfunction f(){ var z = g(); function g(){ return 41; } return z + 1; }\nexports.a = a;';
    var out = hoistFunctionDeclarations(code);
    expect(lintEspruinoCode(out)).toEqual([]);
    expect(out.indexOf('"use strict"')).toBe(0);
    var exportsObj: any = {};
    new Function('exports', out)(exportsObj);
    expect(exportsObj.a).toBe(42);
  });

  it('fixes TypeScript ES5 class inheritance output, which breaks un-hoisted', () => {
    var ts = 'var A = (function(){ function A(){ this.v = 1; } return A; })();\n' +
      'var B = (function (_super) { __extends(B, _super); function B(){ _super.call(this); this.w = 2; } return B; })(A);';
    var hoisted = hoistFunctionDeclarations(ts);
    var problems = lintEspruinoCode(hoisted).map((p) => p.rule);
    expect(problems).not.toContain('hoisting');
  });
});
