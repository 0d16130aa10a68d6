// require("Storage") as on Espruino: named files in flash, 28-character names, a capacity.
import { Realm, bytesToBinaryString, toBytes } from './realm';

export var STORAGE_NAME_MAX = 28;

export class FakeStorage {
  /** Host-side view of the files, for tests: name -> bytes. */
  files: { [name: string]: Uint8Array } = {};
  /** Counts, so tests can assert how often the device writes flash. */
  stats = { writes: 0, erases: 0 };

  constructor(private realm: Realm, public capacityBytes: number) {}

  write(name: string, data: any, offset?: number, size?: number): boolean {
    checkName(name);
    var bytes = toBytes(data);
    this.stats.writes++;
    if (size !== undefined) {
      // Espruino: first write of a file with a total size; the rest comes at offsets.
      var file = new Uint8Array(size).fill(0xff);
      file.set(bytes.subarray(0, size), offset || 0);
      this.store(name, file);
    } else if (offset !== undefined && offset > 0) {
      var existing = this.files[name];
      if (!existing) throw new Error('Storage.write: file ' + name + ' does not exist to write at offset ' + offset);
      if (offset + bytes.length > existing.length) throw new Error('Storage.write: too much data for file size');
      existing.set(bytes, offset);
    } else {
      this.store(name, bytes);
    }
    return true;
  }

  read(name: string, offset?: number, length?: number): string | undefined {
    var f = this.files[name];
    if (!f) return undefined;
    var start = offset || 0;
    var end = length === undefined ? f.length : start + length;
    return bytesToBinaryString(f.subarray(start, end));
  }

  /** On the device this is memory-mapped flash; here a copy in the sandbox's realm. */
  readArrayBuffer(name: string): ArrayBuffer | undefined {
    var f = this.files[name];
    if (!f) return undefined;
    var out = new this.realm.Uint8Array(f.length);
    out.set(f);
    return out.buffer;
  }

  readJSON(name: string, noExceptions?: boolean): any {
    var text = this.read(name);
    if (text === undefined) return undefined;
    try {
      return this.realm.JSON.parse(text);
    } catch (e) {
      if (noExceptions) return undefined;
      throw e;
    }
  }

  writeJSON(name: string, value: any): boolean {
    return this.write(name, this.realm.JSON.stringify(value));
  }

  list(pattern?: RegExp | string): string[] {
    var names = Object.keys(this.files).filter((n) => {
      if (pattern === undefined) return true;
      return typeof pattern === 'string' ? n.indexOf(pattern) >= 0 : pattern.test(n);
    });
    var out = new this.realm.Array() as string[];
    for (var n of names) out.push(n);
    return out;
  }

  erase(name: string): void {
    this.stats.erases++;
    delete this.files[name];
  }

  eraseAll(): void {
    this.files = {};
  }

  getFree(): number {
    return this.capacityBytes - this.usedBytes();
  }

  compact(): void {}

  private usedBytes(): number {
    var total = 0;
    for (var n in this.files) total += this.files[n].length + 32; // 32: file header
    return total;
  }

  private store(name: string, bytes: Uint8Array): void {
    var previous = this.files[name] ? this.files[name].length + 32 : 0;
    if (this.usedBytes() - previous + bytes.length + 32 > this.capacityBytes) {
      throw new Error('Unable to write file - Storage full');
    }
    this.files[name] = bytes;
  }
}

function checkName(name: string): void {
  if (typeof name !== 'string' || !name.length) throw new Error('Storage: file name must be a non-empty string');
  if (name.length > STORAGE_NAME_MAX) throw new Error('Name too long: "' + name + '" is ' + name.length + ' characters, the maximum is ' + STORAGE_NAME_MAX);
}
