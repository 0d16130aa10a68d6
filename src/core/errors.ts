import type { DeviceError } from './types';

/**
 * Makes a plain Error carrying a stable `code`. Espruino cannot subclass Error
 * (subclasses lose `message`), so every SDK error is built here.
 */
export function deviceError(code: string, message: string, details?: { [key: string]: any }): DeviceError {
  var err = new Error(message) as DeviceError;
  err.code = code;
  if (details) {
    for (var key in details) err[key] = details[key];
  }
  return err;
}

/** Error codes used across the SDK, so tests and users can switch on them. */
export var ErrorCodes = {
  I2C_NACK: 'I2C_NACK',
  I2C_TIMEOUT: 'I2C_TIMEOUT',
  I2C_ERROR: 'I2C_ERROR',
  WRONG_CHIP: 'WRONG_CHIP',
  FIFO_OVERFLOW: 'FIFO_OVERFLOW',
  NOT_AT_REST: 'NOT_AT_REST',
  NOT_INITIALISED: 'NOT_INITIALISED',
  BAD_CONFIG: 'BAD_CONFIG',
  CHANNEL_MISMATCH: 'CHANNEL_MISMATCH',
  RATE_MISMATCH: 'RATE_MISMATCH',
  /** The source's units differ from the model's and no exact conversion exists. */
  UNIT_MISMATCH: 'UNIT_MISMATCH',
  MODEL_CORRUPT: 'MODEL_CORRUPT',
  MODEL_TRUNCATED: 'MODEL_TRUNCATED',
  MODEL_VERSION: 'MODEL_VERSION',
  MODEL_INCONSISTENT: 'MODEL_INCONSISTENT',
  BAD_INPUT: 'BAD_INPUT',
  NETWORK: 'NETWORK',
  /** Espruino Storage could not be written (full) or held an unreadable file. */
  STORAGE: 'STORAGE',
  /** The device clock is not set yet (getTime() counts from boot): events wait for it. */
  CLOCK_UNSET: 'CLOCK_UNSET'
};

/** deviceError(ErrorCodes.BAD_CONFIG, ...): the commonest error, as one short call. */
export function configError(message: string, details?: { [key: string]: any }): DeviceError {
  return deviceError(ErrorCodes.BAD_CONFIG, message, details);
}

/** deviceError(ErrorCodes.BAD_INPUT, ...). */
export function inputError(message: string, details?: { [key: string]: any }): DeviceError {
  return deviceError(ErrorCodes.BAD_INPUT, message, details);
}
