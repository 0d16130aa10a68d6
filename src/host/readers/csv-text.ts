// Minimal RFC 4180 CSV splitting: quoted fields, doubled quotes, CRLF. Enough for the
// recordings and label exports we read; no multi-line fields in those formats.

export interface CsvRow {
  /** 1-based line number in the file (for error messages). */
  line: number;
  fields: string[];
}

export function splitCsvLine(text: string): string[] {
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
  var lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (var i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    rows.push({ line: i + 1, fields: splitCsvLine(lines[i]) });
  }
  return rows;
}
