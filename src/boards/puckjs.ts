// What the puckjs bundle (dist/espruino/puckjs/espruino-gestures.js) contains: only what this board uses.
export { deviceError, ErrorCodes } from '../core/errors';
export { ALL_CHANNELS, STANDARD_GRAVITY } from '../core/types';
// Models: forests and Gaussian naive Bayes (the default model); the decoder knows no other kind here.
export { createForest } from '../classifiers/forest';
export { loadForestOrNBModel as loadModel } from '../classifiers/load-small-model';
// Outputs: the outbox and BLE (notifications, or manufacturer data in the advertisement).
export { createOutbox } from '../sinks/outbox';
// The device clock: set it (setTime, reading the step so held events can be corrected), or ask whether it is.
export { setClock, clockIsSet } from '../core/clock';
export { createBleNotifySink, createBleAdvertSink } from '../sinks/ble';
// Pipeline: windower, features, GesturePipeline; the two debouncers with the least code (RAM is tight here).
export { GesturePipeline, Windower, computeFeatures, featureCount, OriginalDebouncer, ConsecutiveDebouncer } from '../pipeline/index';
// Sensor: the built-in accelerometer and gyro (Puck.js v2).
export { PuckAccelSource } from '../drivers/puck';
