// A fake I2C bus with Espruino's API (writeTo/readFrom), for simulated peripherals.
// Errors carry the exact messages real boards throw, so driver error mapping is tested.

/** A simulated peripheral: a register model behind one address. */
export interface I2CDevice {
  /** Bytes written in one transaction; `stop` is false for a repeated-start write. */
  write(bytes: Uint8Array, stop: boolean): void;
  /** Bytes read in one transaction. */
  read(length: number): Uint8Array;
}

/** Board-specific error texts (Espruino firmware). */
export var I2C_ERROR_TEXT = {
  esp32Nack: "I2C Write Error: slave doesn't ACK the transfer",
  nrf52Nack: 'I2C Write Error 0x00000001 (NACK)',
  timeout: 'I2C Timeout: bus busy'
};

export type BusFault = null | 'nack' | 'timeout';

export class FakeI2CBus {
  private devices: { [address: number]: I2CDevice } = {};
  /** Injected bus-wide fault; 'nack' also happens for any address without a device. */
  fault: BusFault = null;
  /** Which board's NACK message to throw. */
  nackText: string = I2C_ERROR_TEXT.esp32Nack;
  /** Transaction counters, for tests that assert burst sizes. */
  stats = { writes: 0, reads: 0, bytesRead: 0, errors: 0 };
  /** Wraps results for the realm of the code calling the bus (set by the sandbox). */
  makeBytes: (src: Uint8Array) => Uint8Array = (src) => src;
  setupOptions: any = null;

  attach(address: number, device: I2CDevice): void {
    this.devices[address] = device;
  }

  detach(address: number): void {
    delete this.devices[address];
  }

  setup(options?: any): void {
    this.setupOptions = options || {};
  }

  writeTo(target: number | { address: number; stop?: boolean }, ...data: any[]): void {
    var address = typeof target === 'number' ? target : target.address;
    var stop = typeof target === 'number' ? true : target.stop !== false;
    var device = this.deviceAt(address);
    this.stats.writes++;
    device.write(flattenBytes(data), stop);
  }

  readFrom(target: number | { address: number; stop?: boolean }, length: number): Uint8Array {
    var address = typeof target === 'number' ? target : target.address;
    var device = this.deviceAt(address);
    this.stats.reads++;
    var bytes = device.read(length);
    this.stats.bytesRead += bytes.length;
    return this.makeBytes(bytes);
  }

  private deviceAt(address: number): I2CDevice {
    if (this.fault === 'timeout') {
      this.stats.errors++;
      throw new Error(I2C_ERROR_TEXT.timeout);
    }
    var device = this.devices[address];
    if (!device || this.fault === 'nack') {
      this.stats.errors++;
      throw new Error(this.nackText);
    }
    return device;
  }
}

/** Flattens Espruino writeTo arguments (numbers, arrays, typed arrays, strings) to bytes. */
export function flattenBytes(data: any[]): Uint8Array {
  var out: number[] = [];
  function add(item: any): void {
    if (typeof item === 'number') out.push(item & 255);
    else if (typeof item === 'string') for (var i = 0; i < item.length; i++) out.push(item.charCodeAt(i) & 255);
    else if (item && typeof item.length === 'number') for (var j = 0; j < item.length; j++) add(item[j]);
    else if (item && typeof item === 'object' && typeof item.data !== 'undefined') {
      for (var c = 0; c < (item.count || 1); c++) add(item.data);
    }
  }
  for (var k = 0; k < data.length; k++) add(data[k]);
  return new Uint8Array(out);
}
