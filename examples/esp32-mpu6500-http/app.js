// The original system on espruino-gestures: an ESP32 reads an MPU6500 over I2C at 100 Hz,
// a random forest classifies 1 s windows, a debouncer makes one event per gesture, and each
// event is POSTed over Wi-Fi to the receiver (`espruino-gestures serve`). Events wait in an
// outbox in Storage while the network is down, and are retried until acknowledged.
// The clock: a board that has just powered up counts getTime() from boot. The HTTP sink sets
// it from the receiver's Date header (to about a second); until then events are held with
// their boot time (`box.stats().held`) and corrected when it is set, never sent before 2001.
// ES5 only: the espruino CLI's minifier corrupts newer syntax.
var eg = require('espruino-gestures');

// Edit these before uploading (README.md). The model file is written to Storage once.
var CONFIG = {
  wifiSsid: 'my-network',
  wifiPassword: 'my-password',
  receiverHost: '192.168.1.10',
  receiverPort: 8080,
  token: 'paste the token printed by: espruino-gestures token create --device esp32-kitchen',
  deviceId: 'esp32-kitchen',
  modelFile: 'gestures.model'
};

// Globals on purpose: type `box.stats()` or `pipeline.counters` in the console to look inside.
var box, pipeline, imu;

function startGestures() {
  var wifi = require('Wifi');
  var model = eg.loadModel(CONFIG.modelFile); // typed-array views over its Storage file: ~90 variables (docs/boards.md)
  box = eg.createOutbox({
    deviceId: CONFIG.deviceId,
    labels: model.spec.labels,
    storage: require('Storage'),
    sink: eg.createHttpSink({
      host: CONFIG.receiverHost, port: CONFIG.receiverPort, token: CONFIG.token, wifi: wifi, timeoutMs: 4000,
      setClock: true // from the receiver's Date header while the clock is unset
    }),
    retryMinMs: 500,
    retryMaxMs: 8000,
    // Why events wait: CLOCK_UNSET (held until the clock is set), NETWORK (retried), STORAGE.
    onError: function (err) { console.log('outbox: ' + err.code + ' ' + err.message); }
  });
  wifi.connect(CONFIG.wifiSsid, { password: CONFIG.wifiPassword }, function (err) {
    if (err) console.log('Wi-Fi: ' + err + ' (events wait in the outbox)');
  });

  I2C1.setup({ scl: D22, sda: D21, bitrate: 400000 });
  // The sensor runs at the rate the model was trained from; the pipeline refuses a mismatch.
  imu = eg.connectI2C(I2C1, { rateHz: model.spec.sourceRateHz });
  pipeline = new eg.GesturePipeline({
    source: imu,
    model: model,
    // Four confident windows in a row make one event; then 1.5 s of quiet per gesture.
    debouncer: new eg.ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 1500 }),
    onEvent: function (e) {
      box.push(e);
      console.log('gesture ' + e.gesture + ' ' + e.score.toFixed(2));
    },
    onError: function (err) { console.log('sensor: ' + err.code + ' ' + err.message); }
  });
  imu.init().then(function () {
    pipeline.start();
  }).catch(function (err) {
    console.log('MPU6500: ' + (err.code || '') + ' ' + err.message);
  });
}

E.on('init', startGestures);
