// Minimal RFC 4180 CSV splitting: quoted fields, doubled quotes, CRLF, LF or CR. Enough for the
// recordings and label exports we read; no multi-line fields in those formats.

export interface CsvRow {
  /** 1-based line number in the file (for error messages). */
  line: number;
  fields: string[];
}

export function splitCsvLine(text: string): string[] {
  if (text.indexOf('"') < 0) return text.split(','); // no quotes: the common case, 3x faster
  var fields: string[] = [];
  var cur = '';
  var quoted = false;
  for (var i = 0; i < text.length; i++) {
    var ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cur += '"'; i++; } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { fields.push(cur); cur = ''; }
    else cur += ch;
  }
  fields.push(cur);
  return fields;
}

/** Non-empty lines split into fields, with their line numbers; the first is the header. */
export function parseCsv(text: string): CsvRow[] {
  var rows: CsvRow[] = [];
  var lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/); // a lone CR ends a line too (old Mac exports)
  for (var i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    rows.push({ line: i + 1, fields: splitCsvLine(lines[i]) });
  }
  return rows;
}

/** A plain decimal number ("-1.5", "2e-3"): not hex (0x10), binary, octal, Infinity or "", which Number() would take. */
var DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text) && isFinite(Number(text));
}
