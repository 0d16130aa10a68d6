// Node entry: espruino-gestures/host. Each module of this folder adds its exports here.
export {};
// Training (models engineer): trainers, splits, model file encoder, cost helpers.
export * from './train/index';
// BLE (outputs engineer): turn notification payloads and advertisements back into events.
export { decodeGesturePayload, decodeAdvertisement, GESTURE_PAYLOAD_BYTES, ESPRUINO_MANUFACTURER_ID } from '../sinks/ble-payload';
export type { PayloadDecodeOptions } from '../sinks/ble-payload';
export { GESTURE_SERVICE_UUID, GESTURE_EVENT_CHAR_UUID } from '../sinks/ble';
