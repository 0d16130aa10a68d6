// Shared by the real-interpreter tier (npm run test:espruino): finds the interpreter and
// makes a describe() that runs there, fails in CI without it, and skips with a reason elsewhere.
import { describe, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { findEspruino, espruinoMissingReason } from '../../src/testing/espruino-real';

export var ROOT = path.resolve(__dirname, '../..');
export var STANDINS = path.join(__dirname, 'standins');
export var ESPRUINO_DIR = findEspruino();

/** describe() over the real interpreter: missing in CI is a failure, elsewhere a named skip. */
export function describeReal(title: string, body: () => void) {
  if (ESPRUINO_DIR) {
    describe(title, body);
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it('the Espruino interpreter is available (required in CI)', () => {
        throw new Error('missing in CI: ' + espruinoMissingReason());
      });
    });
  } else {
    console.log('[skipped: ' + title + ': ' + espruinoMissingReason() + ']');
    describe.skip(title + ' [skipped: ' + espruinoMissingReason() + ']', () => {
      it('needs the Espruino interpreter', () => {});
    });
  }
}

/** Source of a stand-in (test/espruino/standins/<name>.js). */
export function standin(name: string): string {
  return fs.readFileSync(path.join(STANDINS, name + '.js'), 'latin1');
}

/** A board bundle's text (needs npm run build). */
export function bundle(board: string, minified?: boolean, module = 'espruino-gestures'): string {
  var file = path.join(ROOT, 'dist', 'espruino', board, module + (minified ? '.min.js' : '.js'));
  if (!fs.existsSync(file)) throw new Error('no bundle ' + file + ': run `npm run build` first');
  return fs.readFileSync(file, 'latin1');
}
