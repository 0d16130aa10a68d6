// What the dashboard's Bluetooth bridge (dashboard/bluetooth-bridge.js) takes from the SDK,
// bundled unchanged as dist/browser/bridge-core.js (global EspruinoGesturesBle,
// tools/rollup.browser.mjs): the gesture characteristic's UUIDs and the device code's payload
// decoder, so the browser decodes notifications with the very code the host and the tests
// use, and the forwarding queue the Node gateway (`espruino-gestures bridge`) runs too.
export { decodeGesturePayload, encodeGesturePayload, GESTURE_PAYLOAD_BYTES } from '../sinks/ble-payload';
export { GESTURE_SERVICE_UUID, GESTURE_EVENT_CHAR_UUID } from '../sinks/ble';
export { createEventForwarder } from './event-forwarder';
export { UART_SERVICE_UUID, UART_RX_UUID, clockCommandChunks } from './nordic-uart';
