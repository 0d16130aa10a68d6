// What the puckjs bundle (dist/espruino/puckjs/espruino-gestures.js) contains: only what this board uses.
export { deviceError, ErrorCodes } from '../core/errors';
export { ALL_CHANNELS, STANDARD_GRAVITY } from '../core/types';
