// Recorder for Puck.js v2: streams the built-in accelerometer and gyro as CSV lines over the
// console, which is the Bluetooth UART while a computer is connected over BLE.
// BLE UART carries about 2-4 KB/s in practice: 52 Hz with 3 decimals fits, 104 Hz may not.
// On the host, pipe the UART into: espruino-gestures record --input - --out wave.csv
var eg = require('espruino-gestures');
var CsvRecorder = require('espruino-gestures-recorder').CsvRecorder;

function startRecorder() {
  var source = new eg.PuckAccelSource({ rateHz: 52 });
  var recorder = new CsvRecorder(source, { decimals: 3, headerEveryMs: 5000 });
  recorder.start();
}

E.on('init', startRecorder);
