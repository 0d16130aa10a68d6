// Puck.js v2: the built-in accelerometer at 52 Hz, the default model (idle / snake / updown /
// wave, trained from the MIT emlearn recordings at 52 Hz), one event per gesture, sent as a
// BLE notification to whoever is connected (a phone, a computer with the receiver's BLE
// bridge). Events wait in the outbox while nobody is connected. A green flash per gesture.
// ES5 only: the espruino CLI's minifier corrupts newer syntax.
var eg = require('espruino-gestures');

// Edit before uploading (README.md). The model file is written to Storage once.
var CONFIG = {
  deviceId: 'puck-1',
  modelFile: 'gestures.model'
};

// Globals on purpose: type `box.stats()` or `pipeline.counters` in the console to look inside.
var box, pipeline, source;

function startGestures() {
  var model = eg.loadModel(CONFIG.modelFile); // typed-array views over its Storage file: ~90 variables (docs/boards.md)
  box = eg.createOutbox({
    deviceId: CONFIG.deviceId,
    labels: model.spec.labels,
    sink: eg.createBleNotifySink(), // keeps the Nordic UART, so the IDE still connects
    capacity: 16
  });
  // The accelerometer runs at the rate the model was trained from (52 Hz); accelerometer only.
  source = new eg.PuckAccelSource({ rateHz: model.spec.sourceRateHz, channels: model.spec.channels });
  pipeline = new eg.GesturePipeline({
    source: source,
    model: model,
    // Two confident windows in a row (0.5 s at a 250 ms hop) make one event; the emlearn
    // gestures are continuous motions, so one event per 4 s of the same motion.
    debouncer: new eg.ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 4000 }),
    onEvent: function (e) {
      box.push(e);
      digitalWrite(LED2, 1);
      setTimeout(function () { digitalWrite(LED2, 0); }, 150);
    },
    onError: function (err) { console.log('accel: ' + err.code + ' ' + err.message); }
  });
  pipeline.start();
}

E.on('init', startGestures);
