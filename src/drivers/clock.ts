// Time for device code that also runs on the host: Espruino's getTime() (seconds since
// boot, or since the epoch once set) when present, Date.now() otherwise.

/** Milliseconds from the best clock available. */
export function clockMs(): number {
  return typeof getTime === 'function' ? getTime() * 1000 : Date.now();
}

/** A Promise that resolves after `ms` (a timer, never a busy-wait). */
export function delay(ms: number): Promise<void> {
  return new Promise<void>(function (resolve) {
    setTimeout(function () { resolve(); }, ms);
  });
}
