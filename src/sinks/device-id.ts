// Device id rule: the shared one in src/core/names.ts (re-exported for existing imports).
// Device code: ES5.
export { isValidDeviceId } from '../core/names';

/** True when every character fits in one byte (what the Storage image and BLE carry). */
export function isByteText(s: string): boolean {
  for (var i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) return false;
  return true;
}
