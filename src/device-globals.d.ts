// Espruino-only globals. Device code must feature-detect them (typeof E !== "undefined")
// wherever it also runs on the host for training evaluation and replay.
interface EspruinoE {
  sum(arr: ArrayLike<number>): number;
  /** Sum of squared deviations from mean (not divided by N). */
  variance(arr: ArrayLike<number>, mean: number): number;
  FFT?(re: any, im?: any, inverse?: boolean): void;
  toArrayBuffer(str: string): ArrayBuffer;
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
