// A user's ESP32 app (ES5): an MPU6500 on I2C1, the forest pasted as base64, majority
// smoothing, events POSTed over Wi-Fi through the outbox. Built the same two ways as the
// Puck.js app by the packaging test.
var eg = require('espruino-gestures');

var MODEL_BASE64 = '__MODEL_BASE64__';
var box, pipeline, imu;

// A function expression, not a declaration: the CLI puts the modules before this code and
// Espruino does not hoist, so the lint wants no top-level function declarations here.
E.on('init', function start() {
  var model = eg.loadModel(MODEL_BASE64);
  var wifi = require('Wifi');
  box = eg.createOutbox({
    deviceId: 'esp32-user',
    labels: model.spec.labels,
    sink: eg.createHttpSink({ host: '192.168.1.10', port: 8080, token: 'user-token', wifi: wifi, timeoutMs: 4000 }),
    capacity: 16
  });
  wifi.connect('user-network', { password: 'user-password' }, function (err) {
    if (err) console.log('wifi ' + err);
  });
  I2C1.setup({ scl: D22, sda: D21, bitrate: 400000 });
  imu = eg.connectI2C(I2C1, { rateHz: model.spec.sourceRateHz });
  pipeline = new eg.GesturePipeline({
    source: imu,
    model: model,
    debouncer: new eg.ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 5, refractoryMs: 4000 }),
    onEvent: function (e) {
      box.push(e);
      console.log('gesture ' + e.gesture);
    },
    onError: function (err) { console.log('imu error ' + err.code); }
  });
  imu.init().then(function () { pipeline.start(); }).catch(function (err) { console.log('imu ' + err.message); });
});
