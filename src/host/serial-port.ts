// Serial ports for `record`, through the serialport package (Linux, macOS and Windows; it
// sets the speed and raw mode itself; stty, used before, does not exist on Windows).
// serialport is an optional peer dependency, loaded on first use: only users who record from
// a serial port install it (and its prebuilt native part).
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';

/** The range package.json declares (a test keeps them equal). */
export var SERIALPORT_RANGE = '^13.0.0';

var requireFromHere = createRequire(import.meta.url);

export interface SerialPortLike extends NodeJS.ReadableStream {
  isOpen: boolean;
  close(cb?: (err: Error | null) => void): void;
}

/** A serial port name rather than a file: COM3 (Windows), or a character device (/dev/ttyUSB0). */
export function isSerialPortName(input: string): boolean {
  if (/^(\\\\\.\\)?COM\d+$/i.test(input)) return true;
  try {
    return statSync(input).isCharacterDevice();
  } catch (e) {
    return false;
  }
}

function missing(cause: unknown): Error {
  var e: any = new Error('reading a serial port needs the optional package "serialport", which is not installed. ' +
    'Install it beside espruino-gestures: npm install serialport@' + SERIALPORT_RANGE +
    ' (its native part comes prebuilt; no build tools needed). Or pipe the port into standard input (--input -).');
  e.code = 'PEER_MISSING';
  e.peers = ['serialport'];
  e.cause = cause;
  return e;
}

/** The SerialPort class, or an error that says what to install. */
export function loadSerialPort(load?: (name: string) => any): any {
  var mod: any;
  try {
    mod = (load || requireFromHere)('serialport');
  } catch (e: any) {
    if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND') && String(e.message).indexOf("'serialport") >= 0) throw missing(e);
    throw new Error('the serialport package is installed but did not load (' + (e && e.message) + '); reinstall it: npm install serialport@' + SERIALPORT_RANGE, { cause: e });
  }
  if (!mod || typeof mod.SerialPort !== 'function') throw new Error('the installed serialport package has no SerialPort class: install serialport@' + SERIALPORT_RANGE);
  return mod.SerialPort;
}

/** Opens `path` at `baudRate` (8N1, raw); resolves once the port is open. */
export function openSerialPort(path: string, baudRate: number, load?: (name: string) => any): Promise<SerialPortLike> {
  var SerialPort = loadSerialPort(load);
  return new Promise(function (resolve, reject) {
    var port: any;
    try {
      port = new SerialPort({ path: path, baudRate: baudRate, autoOpen: false });
    } catch (e: any) {
      return reject(openError(path, e));
    }
    port.open(function (err: any) {
      if (err) reject(openError(path, err));
      else resolve(port);
    });
  });
}

function openError(path: string, err: any): Error {
  var text = String(err && err.message || err);
  var hint = /EACCES|Permission denied|Access denied/i.test(text) ? ' (no permission: on Linux add yourself to the dialout group, then log in again)'
    : /ENOENT|No such file|File not found|cannot find/i.test(text) ? ' (no such port: is the board plugged in?)'
    : /EBUSY|Resource busy|in use/i.test(text) ? ' (busy: close the Espruino IDE or CLI on that port first)' : '';
  var e: any = new Error('cannot open serial port ' + path + ': ' + text + hint, { cause: err });
  e.exitCode = 2;
  return e;
}

/** Closes an open port (waits for it). */
export function closeSerialPort(port: SerialPortLike): Promise<void> {
  return new Promise(function (resolve) {
    if (!port.isOpen) return resolve();
    port.close(function () { resolve(); });
  });
}
