// What the esp32 bundle (dist/espruino/esp32/espruino-gestures.js) contains: only what this board uses.
export { deviceError, ErrorCodes } from '../core/errors';
export { ALL_CHANNELS, STANDARD_GRAVITY } from '../core/types';
// Models: forest, nearest centroid, Gaussian naive Bayes, softmax regression, and their loader.
export { createForest } from '../classifiers/forest';
export { createNearestCentroid } from '../classifiers/nearest-centroid';
export { createGaussianNB } from '../classifiers/gaussian-nb';
export { createSoftmaxRegression } from '../classifiers/softmax-regression';
export { loadModel } from '../classifiers/load-model';
// Outputs: the outbox, HTTP POST over Wi-Fi, MQTT over net.
export { createOutbox } from '../sinks/outbox';
// The device clock: set it (setTime, reading the step so held events can be corrected), or ask whether it is.
export { setClock, clockIsSet } from '../core/clock';
export { createHttpSink } from '../sinks/http';
export { createMqttSink } from '../sinks/mqtt';
// Pipeline: windower, features, the three debouncers, GesturePipeline.
export { GesturePipeline, Windower, computeFeatures, featureCount, OriginalDebouncer, ConsecutiveDebouncer, MajorityDebouncer } from '../pipeline/index';
// Sensor: the MPU6500 driver (I2C, FIFO or poll), its ranges and filters.
export { MPU6500, connectI2C } from '../drivers/mpu6500';
export { AccelRange, GyroRange, Dlpf } from '../drivers/mpu6500-registers';
