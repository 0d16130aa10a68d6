// Espruino-only globals. Device code must feature-detect them (typeof E !== "undefined")
// wherever it also runs on the host for training evaluation and replay.
interface EspruinoE {
  sum(arr: ArrayLike<number>): number;
  /** Sum of squared deviations from mean (not divided by N). */
  variance(arr: ArrayLike<number>, mean: number): number;
  FFT?(re: any, im?: any, inverse?: boolean): void;
  /** sum over i < arr1.length of arr1[i] * arr2[(i + offset) % arr2.length], in double. */
  /** to[i] = map[from[i]] (with an array map): a native gather. */
  mapInPlace?(from: ArrayLike<number>, to: any, map: any, bits?: number): void;
  convolve?(arr1: ArrayLike<number>, arr2: ArrayLike<number>, offset: number): number;
  toArrayBuffer(str: string): ArrayBuffer;
  /** CRC-32 (IEEE, as zlib) of the bytes, unsigned; not in SAVE_ON_FLASH builds. */
  CRC32?(data: ArrayLike<number>): number;
  getSizeOf?(v: any, depth?: number): number;
  getAddressOf?(v: any, flatAddress?: boolean): number;
  on(event: string, fn: (...args: any[]) => void): void;
}
declare var E: EspruinoE;
/** Seconds since boot (float). */
declare function getTime(): number;
declare var Bangle: any;
declare var Puck: any;
declare var NRF: any;
