// Features a board bundle may leave out to fit a small board's flash. Node builds and
// tests have them all; rollup.config.mjs sets the ones a board lacks (tools/boards.mjs,
// `without`) to false, and terser then removes the code they guard. Asking a bundle for a
// feature it lacks is a BAD_CONFIG error naming the board's bundle (see docs/boards.md).
import { configError } from './errors';

export var BuildFeatures = {
  /** MPU6500 gyro calibration at init (option calibrateGyro). */
  mpuCalibration: true,
  /** MPU6500 poll mode (option mode: 'poll'); FIFO mode is always there. */
  mpuPoll: true,
  /** MPU6500 setRate / setAccelRange / setGyroRange / setDlpf (options are set at connectI2C). */
  mpuReconfigure: true,
  /** MPU6500 readSample (one reading on demand); start() streams samples on every board. */
  mpuReadSample: true,
  /** The outbox's copy of its queue in Storage (option storage) and the label check its file format needs. */
  outboxStorage: true,
  /** createBleAdvertSink (gestures in the advertisement); notifications are always there. */
  bleAdvert: true,
  /** The 'spectral' and 'cross' feature blocks (src/pipeline/spectral.ts, cross-axis.ts). */
  spectralFeatures: true,
  /**
   * GesturePipeline's default debouncer (OriginalDebouncer when options.debouncer is absent).
   * Without it an app passes its debouncer, and a bundle whose app never names
   * OriginalDebouncer leaves that class out (about 40 variables on Puck.js).
   */
  defaultDebouncer: true,
  /**
   * Sample blocks (SampleBlock: GesturePipeline.pushBlock, the MPU6500's FIFO bursts
   * delivered whole); boards whose sources deliver one sample at a time leave them out.
   */
  sampleBlocks: true,
  /** Forest models in the puckjs bundle's loadModel (an app whose model is naive Bayes leaves them out). */
  forestModels: true,
  /** The loop FFT used when E.FFT is missing (every supported board has E.FFT: left out of all). */
  fftFallback: true,
  /**
   * The loop CRC-32 the model loader uses when E.CRC32 is missing (every supported board has
   * E.CRC32: left out of all; the function alone costs a Puck.js about 7 variables).
   */
  crcFallback: true,
  /** The loop sum and variance used when E.sum / E.variance are missing (the host; every supported board has them: left out of all). */
  mathFallback: true,
};

/** The message for an option this bundle was built without, and what to do instead. */
export function notInThisBuild(what: string, instead: string): string {
  return what + ' is not in this board\'s bundle (left out to save flash, see docs/boards.md): ' + instead;
}

/**
 * Stands in for a whole export a board's bundle leaves out (src/boards/<board>.ts), so that
 * calling it, or `new`, is the same clear BAD_CONFIG rather than "not a function".
 */
export function leftOut(what: string, instead: string): any {
  return function () {
    throw configError(notInThisBuild(what, instead));
  };
}
