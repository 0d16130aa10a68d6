// Builds a user's app from the installed package the two ways a user would: (a) rollup with
// @rollup/plugin-node-resolve (the "espruino" export condition picks the ES5 device build,
// which rollup tree-shakes), terser for ES5 and the package's `espruino()` output plugin; (b) the
// espruino CLI, which inlines the whole board bundle found at MODULE_URL.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { ROOT } from './install';

var ESPRUINO_CLI = path.join(ROOT, 'node_modules', '.bin', 'espruino');

/** The ES5 app with its `var eg = require('espruino-gestures');` line as an ES import. */
export function asEsModule(app: string): string {
  var line = "var eg = require('espruino-gestures');";
  if (app.indexOf(line) < 0) throw new Error('app has no ' + line);
  return app.replace(line, "import * as eg from 'espruino-gestures';");
}

export interface RollupBuild { code: string; minCode: string }

/** rollup + node-resolve + terser + `espruino-gestures/rollup`, all resolved as the user's project would. */
export async function buildWithRollup(project: string, entry: string): Promise<RollupBuild> {
  // `import { espruino } from 'espruino-gestures/rollup'`, resolved from the user's project.
  var pluginFile = createRequire(path.join(project, 'package.json')).resolve('espruino-gestures/rollup');
  var { espruino } = await import(/* @vite-ignore */ pathToFileURL(pluginFile).href);
  var warnings: string[] = [];
  var bundle = await rollup({
    input: path.join(project, entry),
    plugins: [nodeResolve({ exportConditions: ['espruino'] })],
    onwarn: (w) => { warnings.push(w.code + ': ' + w.message); },
  });
  try {
    var common = {
      // No wrapper (docs/packaging.md): the app's top-level vars stay globals, so `box.stats()`
      // works in the console; terser must then leave top-level names alone.
      format: 'es' as const,
      strict: false, // Espruino ignores 'use strict'
      freeze: false,
      generatedCode: { preset: 'es5' as const, constBindings: false, objectShorthand: false, arrowFunctions: false },
    };
    var plain = await bundle.generate({ ...common, plugins: [espruino()] });
    // terser's defaults otherwise (join_vars included): espruino() repairs what Espruino cannot run.
    var min = await bundle.generate({
      ...common,
      plugins: [terser({ ecma: 5, module: false, toplevel: false, compress: { ecma: 5, passes: 2 }, format: { ecma: 5, comments: false } }), espruino()],
    });
  } finally {
    await bundle.close();
  }
  if (warnings.length) throw new Error('rollup warned:\n' + warnings.join('\n'));
  return { code: plain.output[0].code, minCode: min.output[0].code };
}

/** `espruino -n --board <board.json> --config MODULE_URL=<installed bundle folder> -o out app`. */
export function buildWithEspruinoCli(project: string, entry: string, boardJson: string, bundleDir: string): string {
  var out = path.join(project, entry.replace(/\.js$/, '') + '.cli-out.js');
  var r = spawnSync(ESPRUINO_CLI, ['-n', '--board', boardJson, '--config', 'MODULE_URL=' + bundleDir, '-o', out, path.join(project, entry)],
    { cwd: project, encoding: 'utf8' });
  var said = (r.stdout || '') + (r.stderr || '');
  if (r.error) throw new Error('cannot run the espruino CLI: ' + r.error.message);
  // The CLI exits 0 when a module is missing: its words are the only sign.
  var missing = said.match(/Module \S+ not found/g);
  if (missing) throw new Error('espruino CLI: ' + missing.join(', ') + '\n' + said);
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error('espruino CLI failed (' + r.status + ')\n' + said);
  return fs.readFileSync(out, 'utf8');
}
