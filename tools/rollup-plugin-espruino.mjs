// espruino-gestures/rollup: what a user's own rollup build of an Espruino app needs after
// minification. Espruino does not hoist function declarations and cannot run a for-init
// declarator without initialiser (`for (var a, i = 0; ...)`, which terser's join_vars
// makes); these are the passes the board bundles get, for the user's whole bundle.
import { hoistFunctionDeclarations, espruinoHoist } from './hoist-functions.mjs';
import { moveForInitDeclarators, espruinoForInit } from './for-init-declarators.mjs';

export { hoistFunctionDeclarations, espruinoHoist, moveForInitDeclarators, espruinoForInit };

/** Output plugin: put it after terser. Input must be ES5 script code (format iife, cjs or es without imports/exports). */
export function espruino() {
  return {
    name: 'espruino',
    renderChunk(code) {
      return { code: hoistFunctionDeclarations(moveForInitDeclarators(code)), map: null };
    },
  };
}
