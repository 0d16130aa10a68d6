// A classifier you write yourself, plugged into the same pipeline as a trained model: a
// hand-tuned rule on two statistics per axis detects "shake" and "tilt-left"/"tilt-right"
// on a Bangle.js 2, with no training data at all. See README.md (extending the SDK).
// ES5 only. A Bangle app starts when loaded (not in E.on('init'): that fires at power-on).
var eg = require('espruino-gestures');

// What the pipeline computes for the classifier: per axis, mean and std over a 1 s window
// of 25 points (50 Hz polling, each pair averaged), a new window every 100 ms.
var SPEC = {
  channels: ['acc_x', 'acc_y', 'acc_z'],
  sourceRateHz: 50, rateHz: 25, downsample: 'mean',
  windowMs: 1000, points: 25, hopMs: 100,
  features: 'stats', stats: ['mean', 'std'], // features: mean x, std x, mean y, std y, mean z, std z
  labels: ['idle', 'shake', 'tilt-left', 'tilt-right'],
  idleLabel: 0
};

// Thresholds in m/s^2, tuned by hand (README.md says how).
var SHAKE_STD = 6;   // summed std of the three axes above this: shaking
var STILL_STD = 1.5; // below this the watch is held still
var TILT_MEAN = 5;   // |mean x| above this while still: tilted ~30 degrees or more

// The Classifier interface: labels, and predict(features, scores) -> label index, filling
// scores (0..1 per label) when given. No allocation per call: it runs 10 times a second.
var shakeOrTilt = {
  labels: SPEC.labels,
  predict: function (f, scores) {
    var motion = f[1] + f[3] + f[5];
    var label = 0, score = 1;
    if (motion > SHAKE_STD) {
      label = 1;
      score = Math.min(1, 0.5 + (motion - SHAKE_STD) / SHAKE_STD);
    } else if (motion < STILL_STD && (f[0] > TILT_MEAN || f[0] < -TILT_MEAN)) {
      label = f[0] > 0 ? 2 : 3;
      score = Math.min(1, 0.5 + (Math.abs(f[0]) - TILT_MEAN) / TILT_MEAN);
    }
    if (scores) {
      scores.fill((1 - score) / (scores.length - 1));
      scores[label] = score;
    }
    return label;
  }
};

// Globals on purpose: `pipeline.counters` in the IDE's console.
var pipeline, source;

function startGestures() {
  source = new eg.BangleAccelSource({ rateHz: SPEC.sourceRateHz, channels: SPEC.channels });
  pipeline = new eg.GesturePipeline({
    source: source,
    model: { spec: SPEC, classifier: shakeOrTilt }, // checked like a trained model's spec
    // 3 windows in a row (0.3 s); then 3 s of quiet, as a 2 s shake stays in view for 3 s.
    debouncer: new eg.ConsecutiveDebouncer({ idleLabel: SPEC.idleLabel, count: 3, minScore: 0.55, refractoryMs: 3000 }),
    onEvent: function (e) {
      console.log(e.gesture + ' ' + e.score.toFixed(2));
      if (typeof Bangle !== 'undefined' && Bangle.buzz) Bangle.buzz(e.label === 1 ? 200 : 60);
    },
    onError: function (err) { console.log('accel: ' + err.code + ' ' + err.message); }
  });
  pipeline.start();
  E.on('kill', function () { pipeline.stop(); });
}

startGestures();
