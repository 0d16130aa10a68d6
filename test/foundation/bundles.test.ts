import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { lintEspruinoCode } from '../../src/testing/espruino-lint';
import { createEspruinoSandbox, SandboxBoard } from '../../src/testing/sandbox';
import { BOARDS, EXTRA_MODULES } from '../../tools/boards.mjs';

var root = path.resolve(__dirname, '../..');

function bundlePath(board: string, minified: boolean): string {
  return path.join(root, 'dist/espruino', board, minified ? 'espruino-gestures.min.js' : 'espruino-gestures.js');
}

describe.each(Object.keys(BOARDS))('board bundle %s', (board) => {
  var info = BOARDS[board];

  it('exists in plain and minified form (run `npm run build` first)', () => {
    expect(existsSync(bundlePath(board, false))).toBe(true);
    expect(existsSync(bundlePath(board, true))).toBe(true);
  });

  it.each([false, true])('passes the Espruino lint (minified: %s)', (minified) => {
    var problems = lintEspruinoCode(readFileSync(bundlePath(board, minified), 'utf8'));
    expect(problems.map((p) => p.line + ':' + p.column + ' ' + p.rule + ' ' + p.message)).toEqual([]);
  });

  it('stays under its byte budget (minified)', () => {
    var bytes = statSync(bundlePath(board, true)).size;
    expect(bytes).toBeLessThanOrEqual(info.maxMinBytes);
  });

  it.each([false, true])('loads in the Espruino sandbox of its board and exports the runtime (minified: %s)', (minified) => {
    var sb = createEspruinoSandbox({ board: info.espruinoBoard as SandboxBoard });
    var exported = sb.loadBundle(board, { minified });
    expect(typeof exported.deviceError).toBe('function');
    var err = exported.deviceError('X', 'msg');
    expect(err.message).toBe('msg');
    expect(err.code).toBe('X');
  });

  it('is CommonJS the espruino CLI can inline (exports.x, no import/export, no require of Node modules)', () => {
    var code = readFileSync(bundlePath(board, true), 'utf8');
    expect(code).toMatch(/exports\.\w+\s*=/);
    expect(code).not.toMatch(/\bimport\s*\(|^\s*export\s/m);
  });
});

describe('minified bundles', () => {
  it('behave the same as the plain ones for the same board', () => {
    for (var board of Object.keys(BOARDS)) {
      var plain = createEspruinoSandbox().loadBundle(board);
      var min = createEspruinoSandbox().loadBundle(board, { minified: true });
      expect(Object.keys(min).sort()).toEqual(Object.keys(plain).sort());
    }
  });
});

describe.each(Object.keys(BOARDS))('extra modules for %s', (board) => {
  it.each(Object.keys(EXTRA_MODULES))('%s passes the lint and loads beside the main bundle', (name) => {
    for (var minified of [false, true]) {
      var file = path.join(root, 'dist/espruino', board, name + (minified ? '.min.js' : '.js'));
      expect(lintEspruinoCode(readFileSync(file, 'utf8'))).toEqual([]);
      var sb = createEspruinoSandbox({ board: BOARDS[board].espruinoBoard as SandboxBoard });
      sb.loadBundle(board, { minified });
      expect(Object.keys(sb.loadBundle(board, { minified, module: name })).length).toBeGreaterThan(0);
    }
  });
});
