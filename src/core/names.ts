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
 * display as "live".
 */
export function labelProblem(s: any): string | null {
  if (typeof s !== 'string') return 'is not a string';
  if (s.length < 1 || s.length > MAX_NAME_LENGTH) return 'has ' + s.length + ' characters (1-' + MAX_NAME_LENGTH + ' allowed)';
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c < 32 || (c >= 0x7f && c <= 0x9f)) return 'has control character U+' + hex4(c) + ' at ' + i;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return 'has bidi control U+' + hex4(c) + ' at ' + i;
    if (c >= 0xd800 && c <= 0xdbff) {
      var d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) { i++; continue; }
      return 'has a lone surrogate U+' + hex4(c) + ' at ' + i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return 'has a lone surrogate U+' + hex4(c) + ' at ' + i;
  }
  return null;
}

function hex4(n: number): string {
  var h = n.toString(16).toUpperCase();
  while (h.length < 4) h = '0' + h;
  return h;
}
