import { describe, it, expect, beforeAll } from 'vitest';
import * as path from 'node:path';
import * as os from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { forEachFileLine, forEachTextLine } from '../../src/host/readers/line-reader';

function lines(read: (fn: (l: string, n: number) => void) => void): string[] {
  var out: string[] = [];
  read(function (l, n) { out.push(n + ':' + l); });
  return out;
}

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'eg-lines-')); });

describe('line reader', () => {
  it('LF, CRLF and lone CR all end a line; a BOM is dropped; numbers are 1-based', () => {
    expect(lines((fn) => forEachTextLine('\uFEFFa\nb\r\nc\rd', fn))).toEqual(['1:a', '2:b', '3:c', '4:d']);
    expect(lines((fn) => forEachTextLine('a\r\rb\n', fn))).toEqual(['1:a', '2:', '3:b']);
    expect(lines((fn) => forEachTextLine('', fn))).toEqual(['1:']);
  });

  it('reads a file in 1 MB chunks: a CRLF split across chunks is one line end, a multi-byte character split across chunks stays whole', () => {
    var mb = 1 << 20, a = 'x'.repeat(mb - 1);
    var file = path.join(tmp, 'split.csv');
    writeFileSync(file, a + '\r\nsecond\r\n');
    expect(lines((fn) => forEachFileLine(file, fn)).map((l) => l.slice(0, 10))).toEqual(['1:' + 'x'.repeat(8), '2:second']);
    var utf = path.join(tmp, 'utf.csv');
    writeFileSync(utf, 'y'.repeat(mb - 1) + 'é\nz');
    var got = lines((fn) => forEachFileLine(utf, fn));
    expect(got.length).toBe(2);
    expect(got[0].slice(-1)).toBe('é');
    expect(got[1]).toBe('2:z');
  });
});
