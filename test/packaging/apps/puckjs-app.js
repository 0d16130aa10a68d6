// A user's Puck.js app (ES5, as the espruino CLI needs): built-in accelerometer, the forest
// pasted as base64 (`espruino-gestures export --format base64`), one event per gesture as a
// BLE notification. The packaging test builds it with the espruino CLI as is, and with
// rollup after swapping the require line for `import * as eg from 'espruino-gestures'`.
var eg = require('espruino-gestures');

var MODEL_BASE64 = '__MODEL_BASE64__';
var box, pipeline, source;

// A function expression, not a declaration: the CLI puts the modules before this code and
// Espruino does not hoist, so the lint wants no top-level function declarations here.
E.on('init', function start() {
  var model = eg.loadModel(MODEL_BASE64);
  box = eg.createOutbox({ deviceId: 'puck-user', labels: model.spec.labels, sink: eg.createBleNotifySink(), capacity: 8 });
  source = new eg.PuckAccelSource({ rateHz: model.spec.sourceRateHz, channels: model.spec.channels });
  pipeline = new eg.GesturePipeline({
    source: source,
    model: model,
    debouncer: new eg.ConsecutiveDebouncer({ idleLabel: model.spec.idleLabel, count: 3, refractoryMs: 4000 }),
    onEvent: function (e) {
      box.push(e);
      console.log('gesture ' + e.gesture);
    },
    onError: function (err) { console.log('accel error ' + err.code); }
  });
  pipeline.start();
});
