// Time for device code that also runs on the host: Espruino's getTime() when present,
// Date.now() otherwise. On a board that has just powered up getTime() counts from boot
// (near 0) until SNTP, setTime or setClock sets it; readings taken before and after that
// step tell how far it moved, so times taken before it can be corrected.

declare function setTime(seconds: number): void;
declare var performance: { now(): number } | undefined;

/** 2001-01-01 in epoch ms: a device clock below this has not been set (it counts from boot). */
export var CLOCK_SET_MS = 978307200000;

/** The last reading. */
var lastMs = NaN;

/**
 * Milliseconds to add to a reading taken before the clock was set to make it epoch time:
 * NaN until the step from boot time to epoch time has been seen. A variable, not a getter
 * function: on Espruino a function costs about 6 variables for as long as the module is loaded.
 */
export var clockStepMs = NaN;

/** Milliseconds from the best clock available. */
export function clockMs(): number {
  var now = typeof getTime === 'function' ? getTime() * 1000 : Date.now();
  // Readings are never far apart while it matters (a sensor reads every few hundred ms, the
  // outbox checks while it holds events): the step is known to within that gap.
  if (now >= CLOCK_SET_MS && lastMs < CLOCK_SET_MS) clockStepMs = now - lastMs;
  else if (now < CLOCK_SET_MS && lastMs >= CLOCK_SET_MS) clockStepMs = NaN; // counting from boot again
  lastMs = now;
  return now;
}

/** True once the device clock holds epoch time. */
export function clockIsSet(): boolean {
  return clockMs() >= CLOCK_SET_MS;
}

/**
 * Sets the device clock to `epochMs` with setTime (which keeps Espruino's timers in step),
 * reading it just before and after so the step is known exactly.
 */
export function setClock(epochMs: number): void {
  if (typeof setTime !== 'function') return; // the host's clock is not ours to set
  clockMs();
  setTime(epochMs / 1000);
  clockMs();
}

/**
 * Milliseconds for measuring a duration (inference time): getTime() on Espruino,
 * performance.now() on the host, where it is finer than Date.now(). A variable chosen once:
 * on Espruino it is clockMs itself, not a function of its own (about 6 variables fewer).
 */
export var nowMs: () => number =
  typeof E === 'undefined' && typeof performance !== 'undefined' && performance && typeof performance.now === 'function'
    ? function () { return (performance as any).now(); }
    : clockMs;

/** A Promise that resolves after `ms` (a timer, never a busy-wait). */
export function delay(ms: number): Promise<void> {
  return new Promise<void>(function (resolve) {
    setTimeout(function () { resolve(); }, ms);
  });
}
