// The boards we build bundles for, with the budgets their main bundles must stay under.
// Budgets are bytes of the minified bundle (what the espruino CLI uploads): ratchets, the
// achieved size rounded up to the next 1,000 bytes plus 5% (docs/boards.md); lower them when
// a bundle shrinks (pixljs: the achieved size rounded up to the next 500 bytes, its flash is
// that tight). `without`: build features (src/core/build-features.ts) left out.
// Every board also gets the extra modules below, each its own file beside the main one.
export var EXTRA_MODULES = {
  'espruino-gestures-recorder': 'src/boards/recorder.ts',
};

export var BOARDS = {
  esp32: { espruinoBoard: 'ESP32', maxMinBytes: 57000, without: ['fftFallback', 'crcFallback', 'mathFallback'] },
  puckjs: { espruinoBoard: 'PUCKJS', maxMinBytes: 34000, without: ['spectralFeatures', 'fftFallback', 'crcFallback', 'mathFallback', 'defaultDebouncer', 'sampleBlocks'] },
  banglejs2: { espruinoBoard: 'BANGLEJS2', maxMinBytes: 39000, without: ['fftFallback', 'crcFallback', 'mathFallback', 'sampleBlocks'] },
  pixljs: { espruinoBoard: 'PIXLJS', maxMinBytes: 38500, without: ['mpuCalibration', 'mpuPoll', 'mpuReconfigure', 'mpuReadSample', 'outboxStorage', 'bleAdvert', 'spectralFeatures', 'fftFallback', 'crcFallback', 'mathFallback', 'sampleBlocks'] },
};
