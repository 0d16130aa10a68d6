// Bangle.js 2 Storage app: the accelerometer polled at 50 Hz, the default model (idle /
// snake / updown / wave, trained from the MIT emlearn wrist recordings at 50 Hz; naive Bayes), one event
// per gesture on the screen and as a BLE notification to a connected phone or computer.
// Events wait in the outbox (kept in Storage) while nobody is connected.
// A Bangle app runs when the launcher loads it, not at power-on, so it starts at the end of
// this file rather than in E.on('init'). ES5 only.
var eg = require('espruino-gestures');

var CONFIG = {
  deviceId: 'bangle-1',
  modelFile: 'gestures.model'
};

// Globals on purpose: `box.stats()` or `pipeline.counters` in the IDE's console.
var box, pipeline, source;

function show(line1, line2) {
  if (typeof g === 'undefined') return; // no screen (host tests)
  g.clear();
  g.setFontAlign(0, 0);
  g.setFont('Vector', 36);
  g.drawString(line1, g.getWidth() / 2, g.getHeight() / 2 - 20);
  g.setFont('6x8', 2);
  g.drawString(line2, g.getWidth() / 2, g.getHeight() / 2 + 30);
}

function startGestures() {
  var model = eg.loadModel(CONFIG.modelFile); // typed-array views over its Storage file: ~90 variables (docs/boards.md)
  box = eg.createOutbox({
    deviceId: CONFIG.deviceId,
    labels: model.spec.labels,
    storage: require('Storage'),
    sink: eg.createBleNotifySink()
  });
  // Poll at the rate the model was trained from (50 Hz: every 20 ms); accelerometer only.
  source = new eg.BangleAccelSource({ rateHz: model.spec.sourceRateHz, channels: model.spec.channels });
  pipeline = new eg.GesturePipeline({
    source: source,
    model: model,
    // Two confident windows in a row (0.6 s at the model's 300 ms hop) make one event, then 4 s
    // of quiet (no features, no inference): the emlearn gestures are continuous motions.
    // Chosen by the event grid on the emlearn recordings (data/models/README.md).
    debouncer: new eg.ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 2, refractoryMs: 4000 }),
    onEvent: function (e) {
      box.push(e);
      show(e.gesture, Math.round(e.score * 100) + '%  #' + (box.stats().nextId - 1));
      if (typeof Bangle !== 'undefined' && Bangle.buzz) Bangle.buzz(80);
    },
    onError: function (err) { console.log('accel: ' + err.code + ' ' + err.message); }
  });
  pipeline.start();
  show('ready', model.spec.labels.slice(1).join(' '));
  // Leaving the app (button) stops the sensor polling, which would drain the battery.
  E.on('kill', function () { pipeline.stop(); });
}

startGestures();
