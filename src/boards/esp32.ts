// What the esp32 bundle (dist/espruino/esp32/espruino-gestures.js) contains: only what this board uses.
export { deviceError, ErrorCodes } from '../core/errors';
export { ALL_CHANNELS, STANDARD_GRAVITY } from '../core/types';
