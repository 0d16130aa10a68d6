// Every global and static member the board bundles reference exists in the real interpreter
// (or is a board object the code feature-detects), found with acorn and checked with typeof
// there; and what the sandbox removes is missing in the real one too, so the two agree.
import { expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { ancestor } from 'acorn-walk';
import { EspruinoWorld } from '../../src/testing/espruino-real';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { describeReal, ROOT } from './helpers';

/** Board objects and host-only clocks the device code feature-detects (typeof X !== 'undefined'). */
var FEATURE_DETECTED = ['Bangle', 'Puck', 'NRF', 'performance'];

/** Free globals and `Global.member` names referenced by the bundles. */
function referenced(): { globals: string[]; statics: string[] } {
  var globals = new Set<string>(), statics = new Set<string>();
  for (var board of fs.readdirSync(path.join(ROOT, 'dist/espruino'))) {
    for (var file of ['espruino-gestures.js', 'espruino-gestures-recorder.js']) {
      var f = path.join(ROOT, 'dist/espruino', board, file);
      if (!fs.existsSync(f)) continue;
      var ast: any = parse(fs.readFileSync(f, 'utf8'), { ecmaVersion: 5, sourceType: 'script', allowReturnOutsideFunction: true });
      var declared = new Set<string>(['exports', 'module', 'undefined']);
      ancestor(ast, {
        VariableDeclarator(n: any) { declared.add(n.id.name); },
        Function(n: any) { if (n.id) declared.add(n.id.name); n.params.forEach((p: any) => declared.add(p.name)); },
        CatchClause(n: any) { if (n.param) declared.add(n.param.name); },
      });
      ancestor(ast, {
        Identifier(n: any, _s: any, anc: any[]) {
          var p = anc[anc.length - 2];
          if (p && ((p.type === 'MemberExpression' && p.property === n && !p.computed) || (p.type === 'Property' && p.key === n))) return;
          if (!declared.has(n.name)) globals.add(n.name);
        },
        MemberExpression(n: any) {
          if (!n.computed && n.object.type === 'Identifier' && !declared.has(n.object.name)) statics.add(n.object.name + '.' + n.property.name);
        },
      });
    }
  }
  return { globals: [...globals].sort(), statics: [...statics].sort() };
}

/** Members the sandbox removes (src/testing/sandbox-gaps.ts), as expressions. */
var REMOVED = ['Float32Array.BYTES_PER_ELEMENT', 'new Float32Array(1).BYTES_PER_ELEMENT', 'Uint8Array.from', 'Uint8Array.of',
  'new Int16Array(1).copyWithin', 'new Uint8Array(1).lastIndexOf', 'new Uint8Array(1).at', 'ArrayBuffer.isView', 'new ArrayBuffer(1).slice',
  '(1).toPrecision', 'Number.parseFloat', 'Number.parseInt', 'Number.EPSILON', 'Number.isFinite', '[].at', '[].flat', '[].lastIndexOf',
  '[].reduceRight', '"".localeCompare', 'Math.cbrt', 'Math.fround', 'Math.log2', 'Math.hypot', 'Array.from', 'Object.freeze'];

describeReal('members the bundles use, in the real interpreter', () => {
  it('every referenced global and static member exists there (or is feature-detected)', async () => {
    var names = referenced();
    expect(names.globals).toContain('Float32Array');
    var probe = names.globals.filter((g) => FEATURE_DETECTED.indexOf(g) < 0).concat(names.statics.filter((s) => FEATURE_DETECTED.indexOf(s.split('.')[0]) < 0));
    var world = new EspruinoWorld({ build: 'grow', timeoutS: 30 });
    try {
      var r = await world.run('var N = ' + JSON.stringify(probe) + ', T = {};\n' +
        'N.forEach(function (n) { try { T[n] = eval("typeof " + n); } catch (e) { T[n] = "error"; } });\n' +
        'var R = ' + JSON.stringify(REMOVED) + ', U = {};\n' +
        'R.forEach(function (n) { try { U[n] = eval("typeof " + n); } catch (e) { U[n] = "error"; } });\n' +
        'report("TYPES", T); report("REMOVED", U);');
      expect(r.code, r.stdout).toBe(0);
      var types = r.records('TYPES')[0];
      var missing = probe.filter((n) => types[n] === 'undefined' || types[n] === 'error');
      expect(missing, 'referenced by a bundle, missing in Espruino 2v29').toEqual([]);
      var real = r.records('REMOVED')[0];
      var sb = createEspruinoSandbox({ board: 'ESP32' });
      for (var expr of REMOVED) {
        expect(real[expr], expr + ' in the real interpreter').toBe('undefined');
        expect(sb.run('typeof ' + expr), expr + ' in the sandbox').toBe('undefined');
      }
    } finally {
      world.cleanup();
    }
  });
});
