// The smallest bus a driver needs. Espruino's I2C objects (hardware I2C1/I2C2 and software
// `new I2C()`) satisfy it, and so does the fake bus in espruino-gestures/testing.
import { deviceError, ErrorCodes } from '../core/errors';
import type { DeviceError } from '../core/types';

export interface I2CBus {
  writeTo(address: any, data: any): void;
  readFrom(address: any, length: number): ArrayLike<number>;
}

/**
 * Turns whatever the firmware threw into a DeviceError with a stable code:
 * ESP32 "slave doesn't ACK the transfer" and nRF52 "I2C Write Error ..." (or a read error)
 * mean nothing answered at the address; "Timeout"/"busy" means the bus is stuck.
 */
export function busError(err: any, address: number, action: string): DeviceError {
  if (err && typeof err.code === 'string') return err as DeviceError;
  var text = err && err.message !== undefined ? String(err.message) : String(err);
  var at = '0x' + hex2(address);
  if (/timeout|timed out|busy/i.test(text)) {
    return deviceError(ErrorCodes.I2C_TIMEOUT, 'I2C bus timeout while ' + action + ' at ' + at +
      ' (' + text + '): check pull-ups and that nothing holds SDA/SCL low', { address: address, cause: text });
  }
  if (/ACK|Write Error|Read Error/i.test(text)) {
    return deviceError(ErrorCodes.I2C_NACK, 'No answer from I2C address ' + at + ' while ' + action +
      ' (' + text + '): check wiring, power and the address (AD0 high = 0x69)', { address: address, cause: text });
  }
  return deviceError(ErrorCodes.I2C_ERROR, 'I2C error while ' + action + ' at ' + at + ': ' + text,
    { address: address, cause: text });
}

/** Two-digit upper-case hex, for messages. */
export function hex2(n: number): string {
  var s = (n & 255).toString(16).toUpperCase();
  return s.length < 2 ? '0' + s : s;
}

/** Writes one register. */
export function writeReg(bus: I2CBus, address: number, reg: number, value: number): void {
  bus.writeTo(address, [reg, value & 255]);
}

/** Reads `length` bytes starting at `reg` (register pointer write, then a read). */
export function readRegs(bus: I2CBus, address: number, reg: number, length: number): ArrayLike<number> {
  bus.writeTo(address, reg);
  return bus.readFrom(address, length);
}

/** Register access to one device, throwing DeviceErrors that name the register. */
export interface RegisterIO {
  write(reg: number, value: number): void;
  read(reg: number, length: number): ArrayLike<number>;
}

export function registerIO(bus: I2CBus, address: number, device: string): RegisterIO {
  return {
    write: function (reg: number, value: number): void {
      try {
        writeReg(bus, address, reg, value);
      } catch (e) {
        throw busError(e, address, 'writing ' + device + ' register 0x' + hex2(reg));
      }
    },
    read: function (reg: number, length: number): ArrayLike<number> {
      try {
        return readRegs(bus, address, reg, length);
      } catch (e) {
        throw busError(e, address, 'reading ' + device + ' register 0x' + hex2(reg));
      }
    }
  };
}
