// Features a board bundle may leave out to fit a small board's flash. Node builds and
// tests have them all; rollup.config.mjs sets the ones a board lacks (tools/boards.mjs,
// `without`) to false, and terser then removes the code they guard. Asking a bundle for a
// feature it lacks is a BAD_CONFIG error naming the board's bundle (see docs/boards.md).
export var BuildFeatures = {
  /** MPU6500 gyro calibration at init (option calibrateGyro). */
  mpuCalibration: true,
};

/** The message for an option this bundle was built without, and what to do instead. */
export function notInThisBuild(what: string, instead: string): string {
  return what + ' is not in this board\'s bundle (left out to save flash, see docs/boards.md): ' + instead;
}
