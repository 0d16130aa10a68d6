// The one rule for label names and device ids, shared by the model encoder and loader
// (through validateSpec), the outbox and the receiver, so a device can never queue an
// event the receiver will refuse for its name. Device code: ES5 (loops, no {m,n} RegExp).

export var MAX_NAME_LENGTH = 64;

/** What a device id may be: it goes into URLs and MQTT topics. */
export var DEVICE_ID_RULE = '1-64 characters of A-Z a-z 0-9 . _ : -';

/** What a label may be: shown on dashboards and stored verbatim. */
export var LABEL_RULE = '1-64 characters of well-formed text without control characters (U+0000-U+001F, U+007F-U+009F) or bidi controls (U+202A-U+202E, U+2066-U+2069)';

export function isValidDeviceId(id: any): boolean {
  if (typeof id !== 'string' || id.length < 1 || id.length > MAX_NAME_LENGTH) return false;
  for (var i = 0; i < id.length; i++) {
    var c = id.charCodeAt(i);
    // 0-9 : A-Z a-z - . _
    if (!((c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95)) return false;
  }
  return true;
}

/**
 * Null when `s` is a valid label, else why not. A lone surrogate would be stored changed
 * (U+FFFD) and then make an identical retry a conflict; bidi overrides make "\u202eevil"
 * display as "live". Terse on purpose: it is in every board bundle.
 */
export function labelProblem(s: any): string | null {
  if (typeof s !== 'string') return 'is not text';
  if (!s.length || s.length > MAX_NAME_LENGTH) return 'has ' + s.length + ' characters, not 1-' + MAX_NAME_LENGTH;
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c < 32 || (c > 126 && c < 160) || (c > 0x2029 && c < 0x202f) || (c > 0x2065 && c < 0x206a)) return 'has control character U+' + (c + 0x10000).toString(16).slice(1).toUpperCase() + ' at ' + i;
    if (c > 0xd7ff && c < 0xe000) {
      var d = s.charCodeAt(i + 1);
      if (c > 0xdbff || !(d > 0xdbff && d < 0xe000)) return 'has a lone surrogate at ' + i;
      i++;
    }
  }
  return null;
}
