// The `E` object, with the numeric helpers behaving as Espruino's firmware does.
import { makeEmitter } from './emitter';
import { Realm, binaryStringToBytes } from './realm';
import { flattenBytes } from '../i2c-bus';
import { estimateJsVars } from '../jsvar-estimate';

export function createE(realm: Realm) {
  var E: any = {
    sum(arr: ArrayLike<number>): number {
      var s = 0;
      for (var i = 0; i < arr.length; i++) s += arr[i];
      return s;
    },
    /** Espruino returns the SUM of squared deviations from `mean`, not divided by N. */
    variance(arr: ArrayLike<number>, mean: number): number {
      var s = 0;
      for (var i = 0; i < arr.length; i++) {
        var d = arr[i] - mean;
        s += d * d;
      }
      return s;
    },
    /**
     * In place, on float32 precision, forward transform scaled by 1/N like the firmware.
     * With only `re`, the modulus sqrt(re^2 + im^2) is written back.
     */
    FFT(re: any, im?: any, inverse?: boolean): void {
      fft(re, im, !!inverse);
    },
    /** As the firmware (jswrap_espruino_CRC32): each element as a byte, reflected 0xEDB88320, unsigned result. */
    CRC32(data: any): number {
      var bytes = typeof data === 'string' ? binaryStringToBytes(data) : data, crc = -1;
      for (var i = 0; i < bytes.length; i++) {
        crc ^= bytes[i] & 255;
        for (var k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
      }
      return (crc ^ -1) >>> 0;
    },
    /** As the firmware: over arr1's length, arr2 read from `offset` and wrapping. */
    convolve(arr1: ArrayLike<number>, arr2: ArrayLike<number>, offset: number): number {
      var s = 0, n = arr2.length, j = ((offset % n) + n) % n;
      for (var i = 0; i < arr1.length; i++) {
        s += arr1[i] * arr2[j];
        j = j + 1 === n ? 0 : j + 1;
      }
      return s;
    },
    /**
     * With an array map: to[i] = map[from[i]] over from's length. With `bits` (the MPU6500's FIFO
     * decode: no map, 16), `from` is read as a stream of `bits`-bit values, most significant bit
     * first (negative bits: least significant first), as 2v29 does; `to`'s type wraps them.
     */
    mapInPlace(from: ArrayLike<number>, to: any, map: any, bits?: number): void {
      if (typeof map === 'function') throw new Error('fake E.mapInPlace: function maps are not modelled');
      var i;
      if (!bits) {
        for (i = 0; i < from.length && i < to.length; i++) to[i] = map[from[i]];
        return;
      }
      var b = Math.abs(bits), n = Math.floor((from.length * 8) / b), msbFirst = bits > 0, v, k, bit, at;
      for (i = 0; i < n && i < to.length; i++) {
        for (v = 0, k = 0; k < b; k++) {
          at = i * b + k;
          bit = (from[at >> 3] >> (msbFirst ? 7 - (at & 7) : at & 7)) & 1;
          v = msbFirst ? v * 2 + bit : v + bit * Math.pow(2, k);
        }
        to[i] = map ? map[v] : v;
      }
    },
    clip(x: number, lo: number, hi: number): number {
      return x < lo ? lo : x > hi ? hi : x;
    },
    toArrayBuffer(str: string): ArrayBuffer {
      var bytes = binaryStringToBytes(String(str));
      var out = new realm.Uint8Array(bytes.length);
      out.set(bytes);
      return out.buffer;
    },
    toUint8Array(...args: any[]): Uint8Array {
      var bytes = flattenBytes(args);
      var out = new realm.Uint8Array(bytes.length);
      out.set(bytes);
      return out;
    },
    toString(...args: any[]): string {
      var bytes = flattenBytes(args);
      var s = '';
      for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
      return s;
    },
    /** Nonzero for typed arrays and ArrayBuffers: ours are always one flat block. */
    getAddressOf(v: any, flat?: boolean): number {
      if (v && (typeof v.byteLength === 'number')) return 0x20000000;
      return flat ? 0 : 0x20000000;
    },
    /** An estimate of Espruino variables (JsVars) the value holds: see jsvar-estimate.ts. */
    getSizeOf(v: any): number {
      return estimateJsVars(v);
    },
    getTemperature(): number {
      return 25;
    },
    hwRand(): number {
      return (Math.random() * 0x100000000) | 0;
    },
  };
  return makeEmitter(E);
}

/** As the firmware (2v29): another length is zero-padded to the next power of two, and the first re.length results written back. */
function fft(re: any, im: any, inverse: boolean): void {
  var given = re.length, n = 1;
  while (n < given) n *= 2;
  var r = new Float64Array(n);
  var i2 = new Float64Array(n);
  for (var k = 0; k < given; k++) {
    r[k] = re[k];
    i2[k] = im ? im[k] : 0;
  }
  // Iterative radix-2 Cooley-Tukey.
  for (var i = 1, j = 0; i < n; i++) {
    var bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      var tr = r[i]; r[i] = r[j]; r[j] = tr;
      var ti = i2[i]; i2[i] = i2[j]; i2[j] = ti;
    }
  }
  for (var len = 2; len <= n; len <<= 1) {
    var ang = ((inverse ? 2 : -2) * Math.PI) / len;
    for (var s = 0; s < n; s += len) {
      for (var m = 0; m < len / 2; m++) {
        var wr = Math.cos(ang * m), wi = Math.sin(ang * m);
        var ar = r[s + m + len / 2], ai = i2[s + m + len / 2];
        var xr = ar * wr - ai * wi, xi = ar * wi + ai * wr;
        r[s + m + len / 2] = r[s + m] - xr; i2[s + m + len / 2] = i2[s + m] - xi;
        r[s + m] += xr; i2[s + m] += xi;
      }
    }
  }
  var scale = inverse ? 1 : 1 / n;
  for (var q = 0; q < given; q++) {
    if (im) {
      re[q] = r[q] * scale;
      im[q] = i2[q] * scale;
    } else {
      re[q] = Math.sqrt(r[q] * r[q] + i2[q] * i2[q]) * scale;
    }
  }
}
