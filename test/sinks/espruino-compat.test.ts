// Things the sandbox (V8) cannot catch: Espruino's RegExp knows no {m,n}, ?, \u or
// lookarounds (src/jswrap_regexp.c), so the outputs' device code uses no regex literals;
// and the device-side id rule must stay the receiver's rule.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { isValidDeviceId, isByteText } from '../../src/sinks/device-id';
import { DEVICE_ID_PATTERN } from '../../src/server/validate';

var SINKS = path.resolve(__dirname, '../../src/sinks');

describe('outputs device code and Espruino', () => {
  it('has no regular expression literals', () => {
    var found: string[] = [];
    for (var file of fs.readdirSync(SINKS).filter((f) => f.endsWith('.ts'))) {
      var src = ts.createSourceFile(file, fs.readFileSync(path.join(SINKS, file), 'utf8'), ts.ScriptTarget.ES5, true);
      var visit = (node: ts.Node) => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) found.push(file + ': ' + node.getText());
        ts.forEachChild(node, visit);
      };
      visit(src);
    }
    expect(found).toEqual([]);
  });

  it('accepts exactly the device ids the receiver accepts', () => {
    var ids = ['a', 'esp32-a', 'ESP32_b.1:x', '42', 'x'.repeat(64), 'x'.repeat(65), '', 'a/b', 'a b', 'a+b', 'a#', 'é', 'a\n', '9:8.7_6-5'];
    for (var id of ids) expect([id, isValidDeviceId(id)]).toEqual([id, DEVICE_ID_PATTERN.test(id)]);
    expect(isValidDeviceId(42)).toBe(false);
    expect(isByteText('café')).toBe(true);
    expect(isByteText('ジェスチャー')).toBe(false);
  });
});
