// Device id rule shared with the receiver (src/server/validate.ts): 1-64 characters of
// A-Z a-z 0-9 . _ : - , since ids go into URLs and MQTT topics. Written as a loop because
// Espruino's RegExp has no {m,n} quantifier. Device code: ES5.

export function isValidDeviceId(id: any): boolean {
  if (typeof id !== 'string' || id.length < 1 || id.length > 64) return false;
  for (var i = 0; i < id.length; i++) {
    var c = id.charCodeAt(i);
    var ok = (c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95; // 0-9 : A-Z a-z - . _
    if (!ok) return false;
  }
  return true;
}

/** True when every character fits in one byte (what the Storage image and BLE carry). */
export function isByteText(s: string): boolean {
  for (var i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) return false;
  return true;
}
