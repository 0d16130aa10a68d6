// The device runtime (src/index.ts) as one ES5 ES module, dist/device/index.js, for users
// who bundle their own Espruino app with rollup (or another bundler): package.json offers
// it as `espruino-gestures/device` and under the "espruino" export condition. The bundler
// tree-shakes it, so an app carries only what it calls. Function declarations are moved to
// the top of every scope, as in the board bundles (Espruino does not hoist); a user's final
// bundle should get the same treatment (`espruino-gestures/rollup` exports the plugin).
// The lead's rollup.config.mjs imports `deviceEsmConfig` from here.
import typescript from '@rollup/plugin-typescript';
import { hoistFunctionDeclarations } from './hoist-functions.mjs';

var DEVICE_SOURCES = ['src/*.d.ts', 'src/core/**/*.ts', 'src/drivers/**/*.ts', 'src/pipeline/**/*.ts',
  'src/classifiers/**/*.ts', 'src/sinks/**/*.ts', 'src/index.ts'];

/** An ES module ends with one `export { ... };`: hoist the script before it (acorn parses ES5 scripts). */
function hoistEsModule() {
  return {
    name: 'espruino-hoist-esm',
    renderChunk(code) {
      var at = code.lastIndexOf('\nexport {');
      if (at < 0 || /^\s*import\s/m.test(code)) throw new Error('device ESM build: expected one self-contained chunk ending in `export { ... }`');
      return { code: hoistFunctionDeclarations(code.slice(0, at)) + code.slice(at), map: null };
    },
  };
}

export var deviceEsmConfig = {
  input: 'src/index.ts',
  treeshake: { moduleSideEffects: false },
  plugins: [
    typescript({
      tsconfig: './tools/tsconfig.device-esm.json',
      compilerOptions: { noEmit: false, declaration: false, sourceMap: false, removeComments: false },
      include: DEVICE_SOURCES,
      noEmitOnError: true,
    }),
  ],
  output: {
    file: 'dist/device/index.js',
    format: 'es',
    freeze: false, // namespace objects would use Object.freeze, which Espruino lacks
    generatedCode: { preset: 'es5', constBindings: false, objectShorthand: false, arrowFunctions: false },
    sourcemap: false,
    plugins: [hoistEsModule()],
  },
  onwarn: function (warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'MISSING_EXPORT') throw new Error(warning.message);
    warn(warning);
  },
};

export default deviceEsmConfig;
