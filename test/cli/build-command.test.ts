// Issue 12, item 7: `espruino-gestures build` runs the espruino CLI with the package's board
// bundle and board JSON, and fails where the CLI itself exits 0. Needs `npm run build`.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { runCli } from './run-cli';
import { buildApp } from '../../src/host/build/espruino-build';
import { createEspruinoSandbox } from '../../src/testing/sandbox';

const ROOT = path.resolve(__dirname, '../..');
const run = (argv: string[]) => runCli(argv);

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'eg-build-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('espruino-gestures build', () => {
  it('builds the Puck.js recorder as a Storage upload with both modules inlined; it runs from Storage', async () => {
    const out = path.join(tmp, 'recorder-upload.js');
    const r = await run(['build', path.join(ROOT, 'examples/recorder/puckjs.js'), '--board', 'puckjs', '--out', out, '--storage', '.bootcde:-']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Built .*puckjs\.js for puckjs: \d+ bytes -> .*recorder-upload\.js \(Storage upload\)$/);
    const upload = readFileSync(out, 'utf8');
    expect(upload).toContain('require("Storage").write(".bootcde",');
    expect(upload.trim().split('\n').pop()).toBe('load(".bootcde")');
    const sb = createEspruinoSandbox({ board: 'PUCKJS' });
    sb.run(upload.replace(/\nload\("\.bootcde"\)\s*$/, '\n'), 'upload.js');
    expect(sb.storage.read('.bootcde')).toContain('Modules.addCached("espruino-gestures-recorder"');
  });

  it('a module neither built in nor a bundle fails, naming it (the CLI alone exits 0)', async () => {
    const app = path.join(tmp, 'ws-app.js');
    writeFileSync(app, "var eg = require('espruino-gestures');\nvar ws = require('ws');\n");
    const r = await run(['build', app, '--board', 'esp32', '--out', path.join(tmp, 'ws-out.js')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Module ws not found: neither built into the board \(board\.json builtin_modules\) nor in .*dist\/espruino\/esp32/);
  });

  it('code Espruino cannot run fails with the lint\'s findings', async () => {
    const app = path.join(tmp, 'es6-app.js');
    writeFileSync(app, "var eg = require('espruino-gestures');\nvar f = (x) => x * 2;\n");
    const r = await run(['build', app, '--board', 'esp32', '--out', path.join(tmp, 'es6-out.js')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/es6-out\.js will not run on Espruino:\n\s+\d+:\d+ \[es5-syntax\] not ES5/);
  });

  it('an unknown board, a missing app or a missing espruino CLI say what to do', async () => {
    const b = await run(['build', path.join(ROOT, 'examples/recorder/puckjs.js'), '--board', 'puck', '--out', path.join(tmp, 'x.js')]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/--board puck: no bundle .* \(boards: .*puckjs/);
    const a = await run(['build', path.join(tmp, 'nope.js'), '--board', 'puckjs', '--out', path.join(tmp, 'x.js')]);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/nope\.js: no such app file/);
    expect(() => buildApp({ app: path.join(ROOT, 'examples/recorder/puckjs.js'), board: 'puckjs', out: path.join(tmp, 'x.js'), cli: path.join(tmp, 'no-cli.js') }))
      .toThrow('the espruino CLI is not installed: npm install --save-dev espruino');
  });
});
