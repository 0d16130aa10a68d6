import { deviceError, ErrorCodes } from '../core/errors';
import type { DeviceError } from '../core/types';

/**
 * A BAD_INPUT error that names the file and, when known, the 1-based line, so a user can
 * open the file at the fault: "walk.csv:812: time goes backwards (4050 ms after 4060 ms)".
 */
export function inputError(file: string, line: number | null, message: string): DeviceError {
  var where = line === null ? file : file + ':' + line;
  var err = deviceError(ErrorCodes.BAD_INPUT, where + ': ' + message, { file: file, line: line });
  (err as any).exitCode = 2;
  return err;
}
