// What the dashboard's Bluetooth bridge (dashboard/bluetooth-bridge.js) takes from the device
// code: the gesture characteristic's UUIDs and the payload decoder, bundled unchanged as
// dist/browser/ble-gesture-codec.js (global EspruinoGesturesBle, tools/rollup.browser.mjs), so
// the browser decodes notifications with the very code the host and the tests use.
export { decodeGesturePayload, encodeGesturePayload, GESTURE_PAYLOAD_BYTES } from '../sinks/ble-payload';
export { GESTURE_SERVICE_UUID, GESTURE_EVENT_CHAR_UUID } from '../sinks/ble';
