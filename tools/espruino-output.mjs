// What every Espruino bundle's output gets, shared by rollup.config.mjs (board bundles) and
// tools/app-bundle.mjs (one app's tree-shaken bundle): ES5 CommonJS settings, and terser
// settings that Espruino can run.
import terser from '@rollup/plugin-terser';
import { internalPropertyMangling } from './internal-properties.mjs';

export var espruinoOutput = {
  format: 'cjs',
  exports: 'named',
  strict: false, // Espruino ignores 'use strict'; it only costs bytes
  esModule: false, // no Object.defineProperty(exports, '__esModule')
  freeze: false, // namespace objects would use Object.freeze, which Espruino lacks
  interop: 'default',
  generatedCode: { preset: 'es5', constBindings: false, objectShorthand: false, arrowFunctions: false },
  sourcemap: false,
};

// join_vars merges neighbouring `var`s (about 500 bytes a bundle); the rare
// `for (var a, i = 0; ...)` it makes, which Espruino cannot run, is undone by espruinoForInit.
// Properties: only the internal names listed in tools/internal-properties.mjs are renamed.
export function terserForEspruino() {
  return terser({
    ecma: 5,
    toplevel: true,
    compress: { ecma: 5, passes: 3, join_vars: true, hoist_funs: true, unsafe: false, keep_fargs: false },
    mangle: { toplevel: true, properties: internalPropertyMangling() },
    format: { ecma: 5, comments: false },
  });
}
