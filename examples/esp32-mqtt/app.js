// ESP32 + MPU6500 over I2C (as esp32-mpu6500-http), publishing each gesture over MQTT to a
// broker the receiver subscribes to (`espruino-gestures serve --mqtt mqtt://broker`). QoS 1:
// an event leaves the outbox only when the broker acknowledged it; the receiver drops repeats.
// The clock: a board that has just powered up counts getTime() from boot. SNTP sets it once
// Wi-Fi is up; events made before that are held with their boot time and corrected.
// The sensor starts once the clock is set (or after SNTP_WAIT_MS without it): on an ESP32,
// SNTP steps the clock underneath Espruino, and timers running then may all fire at once.
// ES5 only: the espruino CLI's minifier corrupts newer syntax.
var eg = require('espruino-gestures');

// Edit these before uploading (README.md). The model file is written to Storage once.
var CONFIG = {
  wifiSsid: 'my-network',
  wifiPassword: 'my-password',
  brokerHost: '192.168.1.10',
  brokerPort: 1883,
  topicPrefix: 'gestures', // the receiver's --mqtt-prefix; the topic is <prefix>/<deviceId>/events
  username: '',
  password: '',
  deviceId: 'esp32-hall',
  modelFile: 'gestures.model',
  ntpServer: 'pool.ntp.org'
};
var SNTP_WAIT_MS = 15000;

// Globals on purpose: type `box.stats()` or `pipeline.counters` in the console to look inside.
var box, pipeline, imu, mqtt;

function startGestures() {
  var wifi = require('Wifi');
  var model = eg.loadModel(CONFIG.modelFile); // typed-array views over its Storage file: ~90 variables (docs/boards.md)
  mqtt = eg.createMqttSink({
    host: CONFIG.brokerHost, port: CONFIG.brokerPort, deviceId: CONFIG.deviceId,
    topic: CONFIG.topicPrefix + '/' + CONFIG.deviceId + '/events',
    username: CONFIG.username || undefined, password: CONFIG.password || undefined,
    wifi: wifi, keepAliveS: 30
  });
  box = eg.createOutbox({
    deviceId: CONFIG.deviceId,
    labels: model.spec.labels,
    storage: require('Storage'),
    sink: mqtt,
    retryMinMs: 500,
    retryMaxMs: 8000,
    // Why events wait: CLOCK_UNSET (held until the clock is set), NETWORK (retried), STORAGE.
    onError: function (err) { console.log('outbox: ' + err.code + ' ' + err.message); }
  });
  wifi.on('connected', function () { wifi.setSNTP(CONFIG.ntpServer, 'UTC0'); });
  wifi.connect(CONFIG.wifiSsid, { password: CONFIG.wifiPassword }, function (err) {
    if (err) console.log('Wi-Fi: ' + err + ' (events wait in the outbox)');
  });

  I2C1.setup({ scl: D22, sda: D21, bitrate: 400000 });
  // The sensor runs at the rate the model was trained from; the pipeline refuses a mismatch.
  imu = eg.connectI2C(I2C1, { rateHz: model.spec.sourceRateHz });
  pipeline = new eg.GesturePipeline({
    source: imu,
    model: model,
    debouncer: new eg.ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 1500 }),
    onEvent: function (e) { box.push(e); },
    onError: function (err) { console.log('sensor: ' + err.code + ' ' + err.message); }
  });
  var waited = 0;
  function startWhenClockSet() {
    if (!eg.clockIsSet() && waited < SNTP_WAIT_MS) { waited += 250; return setTimeout(startWhenClockSet, 250); }
    if (!eg.clockIsSet()) console.log('clock: no SNTP answer yet, starting anyway (events held until it comes)');
    imu.init().then(function () {
      pipeline.start();
    }).catch(function (err) {
      console.log('MPU6500: ' + (err.code || '') + ' ' + err.message);
    });
  }
  startWhenClockSet();
}

E.on('init', startGestures);
