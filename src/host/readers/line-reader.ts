// Lines of a text file or string, one at a time, with 1-based line numbers: a 40 MB CSV is
// read in 1 MB chunks instead of as one string split into a million-element array. Line ends
// are LF, CRLF or a lone CR (old Mac exports), so a CR-only file is not one long line.
import { openSync, readSync, closeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export type LineHandler = (line: string, lineNo: number) => void;

var CHUNK_BYTES = 1 << 20;

/** Splits text pushed in pieces into lines; a CR at the end of one piece may pair with an LF starting the next. */
function createSplitter(onLine: LineHandler) {
  var rest = '', lineNo = 0, skipLf = false, first = true;
  function emit(line: string) {
    if (first) { line = line.replace(/^\uFEFF/, ''); first = false; }
    onLine(line, ++lineNo);
  }
  return {
    push: function (text: string) {
      var start = 0, i = 0, n = text.length;
      if (skipLf && n && text.charCodeAt(0) === 10) start = i = 1;
      skipLf = false;
      for (; i < n; i++) {
        var ch = text.charCodeAt(i);
        if (ch !== 10 && ch !== 13) continue;
        emit(rest + text.slice(start, i));
        rest = '';
        if (ch === 13) {
          if (i + 1 < n) { if (text.charCodeAt(i + 1) === 10) i++; } else skipLf = true;
        }
        start = i + 1;
      }
      rest += text.slice(start);
    },
    end: function () {
      if (rest !== '' || first) emit(rest);
      rest = '';
    },
  };
}

/** Calls onLine for every line of the file (read in 1 MB chunks, UTF-8). Throws what fs throws. */
export function forEachFileLine(file: string, onLine: LineHandler): void {
  var fd = openSync(file, 'r');
  try {
    var buf = Buffer.alloc(CHUNK_BYTES), decoder = new StringDecoder('utf8'), split = createSplitter(onLine), got;
    while ((got = readSync(fd, buf, 0, CHUNK_BYTES, null)) > 0) split.push(decoder.write(buf.subarray(0, got)));
    split.push(decoder.end());
    split.end();
  } finally {
    closeSync(fd);
  }
}

/** Calls onLine for every line of a string (the same line rules as forEachFileLine). */
export function forEachTextLine(text: string, onLine: LineHandler): void {
  var split = createSplitter(onLine);
  split.push(text);
  split.end();
}
