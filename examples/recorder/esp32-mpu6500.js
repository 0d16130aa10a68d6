// Recorder for ESP32 + MPU6500: streams samples as CSV lines in the original system's
// format (acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms) over the USB serial console.
// On the host: espruino-gestures record --input /dev/ttyUSB0 --out wave.csv --keys 1=x,2=y,3=circle
var eg = require('espruino-gestures');
var CsvRecorder = require('espruino-gestures-recorder').CsvRecorder;

var RATE_HZ = 100; // the original recorded at 100 Hz

function startRecorder() {
  I2C1.setup({ scl: D22, sda: D21, bitrate: 400000 });
  var imu = eg.connectI2C(I2C1, { rateHz: RATE_HZ });
  imu.init().then(function () {
    // The header repeats every 5 s so the host can attach to a board that is already running.
    var recorder = new CsvRecorder(imu, { decimals: 4, headerEveryMs: 5000 });
    recorder.start();
  }).catch(function (e) {
    // Lines starting with '#' are comments for the host: it shows them and records nothing.
    console.log('# recorder: ' + (e.code || '') + ' ' + e.message);
  });
}

E.on('init', startRecorder);
