// The boards we build bundles for, with the budgets their main bundles must stay under.
// Budgets are bytes of the minified bundle (what the espruino CLI uploads); see README.
// Every board also gets the extra modules below, each its own file beside the main one.
export var EXTRA_MODULES = {
  'espruino-gestures-recorder': 'src/boards/recorder.ts',
};

export var BOARDS = {
  esp32: { espruinoBoard: 'ESP32', maxMinBytes: 40000 },
  puckjs: { espruinoBoard: 'PUCKJS', maxMinBytes: 16000 },
  banglejs2: { espruinoBoard: 'BANGLEJS2', maxMinBytes: 24000 },
  pixljs: { espruinoBoard: 'PIXLJS', maxMinBytes: 16000 },
};
