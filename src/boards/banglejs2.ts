// What the banglejs2 bundle (dist/espruino/banglejs2/espruino-gestures.js) contains: only what this board uses.
export { deviceError, ErrorCodes } from '../core/errors';
export { ALL_CHANNELS, STANDARD_GRAVITY } from '../core/types';
// Models: forest, nearest centroid, Gaussian naive Bayes, softmax regression, and their loader.
export { createForest } from '../classifiers/forest';
export { createNearestCentroid } from '../classifiers/nearest-centroid';
export { createGaussianNB } from '../classifiers/gaussian-nb';
export { createSoftmaxRegression } from '../classifiers/softmax-regression';
export { loadModel } from '../classifiers/load-model';
// Outputs: the outbox and BLE (notifications, or manufacturer data in the advertisement).
export { createOutbox } from '../sinks/outbox';
// The device clock: set it (setTime, reading the step so held events can be corrected), or ask whether it is.
export { setClock, clockIsSet } from '../core/clock';
export { createBleNotifySink, createBleAdvertSink } from '../sinks/ble';
// Pipeline: windower, features, the three debouncers, GesturePipeline.
export { GesturePipeline, Windower, computeFeatures, featureCount, OriginalDebouncer, ConsecutiveDebouncer, MajorityDebouncer } from '../pipeline/index';
// Sensor: the built-in accelerometer.
export { BangleAccelSource } from '../drivers/bangle';
