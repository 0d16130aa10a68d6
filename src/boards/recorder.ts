// Module "espruino-gestures-recorder" (every board): streams samples as CSV lines for
// `espruino-gestures record`. Kept out of the main bundles: only the recorder app needs it.
export { CsvRecorder } from '../sinks/csv-recorder';
