// CSV text (RFC 4180): fields with a comma, quote, CR or LF are quoted, quotes doubled; lines
// end in CRLF. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets
// a leading apostrophe (OWASP "CSV injection"): labels and device ids come from devices.

var NEEDS_QUOTES = /[",\r\n]/;
var FORMULA_START = /^[=+\-@\t\r]/;

/** One field. Numbers as JavaScript writes them, null/undefined as an empty field. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  var s = FORMULA_START.test(v) ? "'" + v : v;
  return NEEDS_QUOTES.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function csvLine(fields: (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}
