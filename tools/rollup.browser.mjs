// The browser side of the dashboard's Bluetooth bridge: src/browser/ble-gesture-codec.ts as
// one ES5 script, dist/browser/ble-gesture-codec.js, defining the global EspruinoGesturesBle.
// The receiver serves it at /dashboard/ble-gesture-codec.js (src/server/dashboard-files.ts).
// The lead's rollup.config.mjs imports `browserCodecConfig` from here.
import typescript from '@rollup/plugin-typescript';

export var BROWSER_CODEC_FILE = 'dist/browser/ble-gesture-codec.js';

export var browserCodecConfig = {
  input: 'src/browser/ble-gesture-codec.ts',
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
