// What the pixljs bundle (dist/espruino/pixljs/espruino-gestures.js) contains: only what this board uses.
export { deviceError, ErrorCodes } from '../core/errors';
import { leftOut } from '../core/build-features';
export { ALL_CHANNELS, STANDARD_GRAVITY } from '../core/types';
// Models: forests only (the model file decoder knows only the forest kind here).
export { createForest } from '../classifiers/forest';
export { loadForestModel as loadModel } from '../classifiers/load-forest-model';
// Outputs: the outbox (in RAM here) and BLE notifications (createBleAdvertSink refuses: tools/boards.mjs `without`).
export { createOutbox } from '../sinks/outbox';
// The device clock: set it (setTime, reading the step so held events can be corrected), or ask whether it is.
export { setClock, clockIsSet } from '../core/clock';
export { createBleNotifySink, createBleAdvertSink } from '../sinks/ble';
// Pipeline: windower, features, GesturePipeline and the original debouncer (the pipeline's
// default). ConsecutiveDebouncer is left out to save flash: using it is a clear BAD_CONFIG.
export { GesturePipeline, Windower, computeFeatures, featureCount, OriginalDebouncer } from '../pipeline/index';
export var ConsecutiveDebouncer = leftOut('ConsecutiveDebouncer', 'use OriginalDebouncer (the default of GesturePipeline)');
// Sensor: the MPU6500 driver (I2C, FIFO mode only here), its ranges and filters.
export { MPU6500, connectI2C } from '../drivers/mpu6500';
export { AccelRange, GyroRange, Dlpf } from '../drivers/mpu6500-registers';
