// Two kinds of output:
// - one standalone ES5 CommonJS bundle (+ .min.js) per board under dist/espruino/<board>/,
//   holding only what src/boards/<board>.ts exports, with function declarations moved to
//   the top of every scope (Espruino does not hoist), and the same as an ES module
//   (.esm.js) that tools/app-bundle.mjs tree-shakes into one app's bundle;
// - Node builds (ESM, ES2022) of the package entries under dist/node/.
import typescript from '@rollup/plugin-typescript';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { espruinoHoist } from './tools/hoist-functions.mjs';
import { espruinoForInit } from './tools/for-init-declarators.mjs';
import { espruinoOutput, terserForEspruino } from './tools/espruino-output.mjs';
import { prototypeAlias } from './tools/prototype-alias.mjs';
import { classUnwrap } from './tools/unwrap-classes.mjs';
import { buildFeatures } from './tools/build-features.mjs';
import { BOARDS, EXTRA_MODULES } from './tools/boards.mjs';
import { deviceEsmConfig } from './tools/rollup.device-esm.mjs';
import { browserCodecConfig } from './tools/rollup.browser.mjs';

var pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// Device code only: a board bundle never sees host, server or testing code.
var DEVICE_SOURCES = ['src/*.d.ts', 'src/core/**/*.ts', 'src/drivers/**/*.ts', 'src/pipeline/**/*.ts',
  'src/classifiers/**/*.ts', 'src/sinks/**/*.ts', 'src/boards/**/*.ts'];

export function moduleConfig(board, moduleName, input, outDir) {
  var dir = outDir || ('dist/espruino/' + board + '/');
  return {
    input: input,
    treeshake: { moduleSideEffects: false },
    plugins: [
      typescript({
        tsconfig: './tsconfig.device.json',
        compilerOptions: { noEmit: false, declaration: false, sourceMap: false, removeComments: true },
        include: DEVICE_SOURCES,
        noEmitOnError: true,
      }),
      classUnwrap(),
      prototypeAlias(),
      buildFeatures(BOARDS[board].without),
    ],
    output: [
      Object.assign({ file: dir + moduleName + '.js', plugins: [espruinoHoist()] }, espruinoOutput),
      Object.assign({ file: dir + moduleName + '.min.js', plugins: [terserForEspruino(), espruinoForInit(), espruinoHoist()] }, espruinoOutput),
      // The same code as an ES module, for one app's tree-shaken bundle (tools/app-bundle.mjs).
      Object.assign({}, espruinoOutput, { file: dir + moduleName + '.esm.js', format: 'es', exports: undefined, interop: undefined, esModule: undefined }),
    ],
    onwarn: failOnWarning,
  };
}

function failOnWarning(warning, warn) {
  // A circular import or a missing export in device code is a real bug: stop the build.
  if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'MISSING_EXPORT') {
    throw new Error(warning.message);
  }
  warn(warning);
}

var external = builtinModules
  .concat(builtinModules.map(function (m) { return 'node:' + m; }))
  .concat(Object.keys(pkg.dependencies || {}))
  .concat(Object.keys(pkg.devDependencies || {}))
  .concat(Object.keys(pkg.peerDependencies || {}));

function isExternal(id) {
  return external.some(function (name) { return id === name || id.startsWith(name + '/'); });
}

var nodeConfig = {
  input: {
    index: 'src/index.ts',
    host: 'src/host/index.ts',
    testing: 'src/testing/index.ts',
    server: 'src/server/index.ts',
    cli: 'src/cli/index.ts',
  },
  external: isExternal,
  plugins: [
    typescript({
      tsconfig: './tsconfig.json',
      compilerOptions: { noEmit: false, declaration: false, outDir: 'dist/node', sourceMap: true },
      include: ['src/**/*.ts'],
      exclude: ['src/device-timers.d.ts', 'test/**'],
      // Type errors are reported by `npm run typecheck` (part of `npm test`), not here.
      noEmitOnError: false,
    }),
  ],
  output: {
    dir: 'dist/node', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js',
    // The typescript plugin's paths are relative to a folder one level too deep: re-anchor each
    // source at the repository so maps in dist/node and dist/node/chunks point at src/.
    sourcemapPathTransform: function (rel, mapFile) {
      var i = rel.split('\\').join('/').indexOf('src/');
      return i < 0 ? rel : path.relative(path.dirname(mapFile), path.resolve(rel.slice(i))).split(path.sep).join('/');
    },
  },
  onwarn: failOnWarning,
};

var espruinoConfigs = [];
Object.keys(BOARDS).forEach(function (board) {
  espruinoConfigs.push(moduleConfig(board, 'espruino-gestures', 'src/boards/' + board + '.ts'));
  Object.keys(EXTRA_MODULES).forEach(function (name) {
    espruinoConfigs.push(moduleConfig(board, name, EXTRA_MODULES[name]));
  });
});

export default espruinoConfigs.concat([nodeConfig, deviceEsmConfig, browserCodecConfig]);
