// The browser side of the dashboard's Bluetooth bridge: src/browser/bridge-core.ts as
// one ES5 script, dist/browser/bridge-core.js, defining the global EspruinoGesturesBle.
// The receiver serves it at /dashboard/bridge-core.js (src/node/package-files.ts).
// The lead's rollup.config.mjs imports `browserCodecConfig` from here.
import typescript from '@rollup/plugin-typescript';

export var BROWSER_CODEC_FILE = 'dist/browser/bridge-core.js';

export var browserCodecConfig = {
  input: 'src/browser/bridge-core.ts',
  treeshake: { moduleSideEffects: false },
  plugins: [
    typescript({
      tsconfig: './tsconfig.device.json',
      compilerOptions: { noEmit: false, declaration: false, sourceMap: false },
      include: ['src/*.d.ts', 'src/core/**/*.ts', 'src/sinks/**/*.ts', 'src/browser/**/*.ts'],
      noEmitOnError: true,
    }),
  ],
  output: { file: BROWSER_CODEC_FILE, format: 'iife', name: 'EspruinoGesturesBle' },
  onwarn: function (warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'MISSING_EXPORT') throw new Error(warning.message);
    warn(warning);
  },
};
