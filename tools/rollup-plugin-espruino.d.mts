export { hoistFunctionDeclarations, espruinoHoist } from './hoist-functions.mjs';
export { moveForInitDeclarators, espruinoForInit } from './for-init-declarators.mjs';
/** Output plugin for a user's Espruino app bundle: for-init fix, then hoisting. Put it after terser. */
export declare function espruino(): { name: string; renderChunk(code: string): { code: string; map: null } };
