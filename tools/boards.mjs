// The boards we build a bundle for, with the budgets their bundles must stay under.
// Budgets are bytes of the minified bundle (what the espruino CLI uploads); see README.
export var BOARDS = {
  esp32: { espruinoBoard: 'ESP32', maxMinBytes: 40000 },
  puckjs: { espruinoBoard: 'PUCKJS', maxMinBytes: 16000 },
  banglejs2: { espruinoBoard: 'BANGLEJS2', maxMinBytes: 24000 },
  pixljs: { espruinoBoard: 'PIXLJS', maxMinBytes: 16000 },
};
