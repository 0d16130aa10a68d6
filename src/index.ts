// Device runtime entry for Node (host replay, tests, user tools). Each board bundle in
// src/boards/ re-exports the subset of this that the board uses.
export * from './core/types';
export * from './core/errors';
// Models: forest runtime, other classifiers, model file decoder.
export { createForest } from './classifiers/forest';
export type { Forest, ForestArrays, IndexArray } from './classifiers/forest';
export { createNearestCentroid } from './classifiers/nearest-centroid';
export type { NearestCentroid } from './classifiers/nearest-centroid';
export { createGaussianNB } from './classifiers/gaussian-nb';
export type { GaussianNB } from './classifiers/gaussian-nb';
export { createSoftmaxRegression } from './classifiers/softmax-regression';
export type { SoftmaxRegression } from './classifiers/softmax-regression';
export { loadModel } from './classifiers/load-model';
export { loadForestModel } from './classifiers/load-forest-model';
export { decodeModel } from './classifiers/model-decode';
export type { LoadedModel, ModelInput, ModelKind, ModelKindTable, ModelArray } from './classifiers/model-decode';
export { checkForest } from './classifiers/forest-kind';
export { ModelKinds, MODEL_VERSION } from './classifiers/model-format';
export { specFeatureCount } from './core/spec';
// Outputs: outbox and sinks.
export { createOutbox } from './sinks/outbox';
export { setClock, clockIsSet, CLOCK_SET_MS } from './core/clock';
export type { Outbox, OutboxOptions, OutboxStats } from './sinks/outbox';
export { encodeOutbox, decodeOutbox, OUTBOX_FORMAT_VERSION } from './sinks/outbox-store';
export type { StorageLike, OutboxImage } from './sinks/outbox-store';
export type { Sink, SendDone } from './sinks/sink';
export { createHttpSink } from './sinks/http';
export type { HttpSinkOptions, WifiLike } from './sinks/http';
export { asciiJson, eventsBody, writeMoveBody } from './sinks/event-json';
// Streaming pipeline: windower, features, debouncers, GesturePipeline, recording replay.
export * from './pipeline/index';
// Sample sources: MPU6500 driver, Bangle.js 2 and Puck.js v2 built-in sensors.
export * from './drivers/index';
export { createBleNotifySink, createBleAdvertSink, GESTURE_SERVICE_UUID, GESTURE_EVENT_CHAR_UUID, ADVERT_LIMIT } from './sinks/ble';
export type { BleNotifySinkOptions, BleAdvertSinkOptions } from './sinks/ble';
export { encodeGesturePayload, decodeGesturePayload, decodeAdvertisement, GESTURE_PAYLOAD_BYTES, GESTURE_PAYLOAD_MAGIC, GESTURE_PAYLOAD_VERSION, ESPRUINO_MANUFACTURER_ID } from './sinks/ble-payload';
export type { PayloadDecodeOptions } from './sinks/ble-payload';
export { createMqttSink } from './sinks/mqtt';
export type { MqttSinkOptions, MqttSink } from './sinks/mqtt';
export { MqttParser, connectPacket, publishPacket, pingPacket, encodeLength } from './sinks/mqtt-packets';
export type { MqttPacket, ConnectOptions } from './sinks/mqtt-packets';
export { CsvRecorder } from './sinks/csv-recorder';
export type { CsvRecorderOptions } from './sinks/csv-recorder';
