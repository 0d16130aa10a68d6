// Fuzzing the host readers with malformed CSV recordings, .npy files and Label Studio / labels
// exports: each input is either read into something sane or refused with a BAD_INPUT error
// whose message starts with the file name (and line, where the format has lines). Seeded, bounded.
import { describe, it, expect, afterAll } from 'vitest';
import fc from 'fast-check';
import { parseRecordingCsv } from '../../src/host/readers/csv-recording';
import { parseNpyRecording } from '../../src/host/readers/npy-recording';
import { parseLabelStudioJson, parseLabelStudioCsv } from '../../src/host/labels/label-studio';
import { parseLabelsCsv } from '../../src/host/labels/labels-csv';
import type { Recording } from '../../src/host/recording';
import type { LabeledEvent } from '../../src/host/labels/events';

var SEED = 20261201;
var tried = 0;

afterAll(() => { console.log('readers fuzz: ' + tried + ' inputs'); });

/** Runs a reader; a refusal must be BAD_INPUT at `file` or `file:line`. Returns the result or null. */
function read<T>(file: string, what: string, fn: () => T): T | null {
  tried++;
  try {
    return fn();
  } catch (e: any) {
    var at = new RegExp('^' + file.replace(/\./g, '\\.') + '(:\\d+)?: ');
    if (!e || e.code !== 'BAD_INPUT' || !at.test(e.message)) throw new Error(what + ': not a file:line BAD_INPUT error: ' + (e && e.stack));
    return null;
  }
}

function expectSaneRecording(rec: Recording, what: string) {
  var k = rec.channels.length, n = rec.timesMs.length;
  if (!(k >= 1) || rec.values.length !== n * k) throw new Error(what + ': ' + k + ' channels, ' + rec.values.length + ' values for ' + n + ' samples');
  if (!(rec.rateHz > 0 && isFinite(rec.rateHz))) throw new Error(what + ': rate ' + rec.rateHz);
  for (var i = 0; i < rec.values.length; i++) if (!isFinite(rec.values[i])) throw new Error(what + ': value ' + rec.values[i] + ' at ' + i);
  for (var t = 1; t < n; t++) if (!(rec.timesMs[t] > rec.timesMs[t - 1])) throw new Error(what + ': times not increasing at ' + t);
}

function expectSaneEvents(events: LabeledEvent[], what: string) {
  events.forEach(function (e) {
    if (typeof e.label !== 'string' || !e.label || typeof e.file !== 'string') throw new Error(what + ': event ' + JSON.stringify(e));
    if (!(e.startMs <= e.endMs) || e.startMs !== e.startMs) throw new Error(what + ': span ' + e.startMs + '..' + e.endMs);
  });
}

var VALID_CSV = 'acc_x,acc_y,acc_z,ms\n0.1,0.2,9.8,0\n0.1,0.3,9.7,10\n0.2,0.2,9.8,20\n0.1,0.1,9.9,30\n';
var csvChar = fc.constantFrom('0', '1', '5', '9', '.', ',', '-', '+', 'e', 'x', 'N', 'a', '"', ' ', '\n', '\r', '\r\n', 'ms', 'acc_x', 'Infinity', '0x10', '\uFEFF', '\u00e9');
var csvText = fc.oneof(
  fc.array(csvChar, { maxLength: 120 }).map(function (a) { return a.join(''); }),
  fc.tuple(fc.nat(VALID_CSV.length), fc.array(csvChar, { maxLength: 6 }), fc.nat(8)).map(function (t) {
    return VALID_CSV.slice(0, t[0]) + t[1].join('') + VALID_CSV.slice(t[0] + t[2]);
  })
);

function npyBytes(header: string, body: Uint8Array, version = 1): Uint8Array {
  var h = new TextEncoder().encode(header), lenBytes = version === 1 ? 2 : 4;
  var out = new Uint8Array(8 + lenBytes + h.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  var dv = new DataView(out.buffer);
  if (lenBytes === 2) dv.setUint16(8, h.length, true); else dv.setUint32(8, h.length, true);
  out.set(h, 8 + lenBytes);
  out.set(body, 8 + lenBytes + h.length);
  return out;
}

describe('readers fuzz', () => {
  it('CSV recordings: 3,000 malformed texts, with and without a rate and repair', () => {
    fc.assert(fc.property(csvText, fc.boolean(), fc.constantFrom(undefined, 100, 50), function (text: string, repair: boolean, rateHz: number | undefined) {
      var rec = read('r.csv', JSON.stringify(text), function () { return parseRecordingCsv(text, 'r.csv', { repair: repair, rateHz: rateHz }); });
      if (rec) expectSaneRecording(rec, JSON.stringify(text));
    }), { seed: SEED, numRuns: 3000 });
  });

  it('CSV recordings: a non-decimal value in any cell is refused at its line (dropped with repair); any mix of LF, CRLF and CR reads the same', () => {
    var rows = VALID_CSV.trim().split('\n');
    var token = fc.constantFrom('0x10', '0b1', '0o7', '1_0', 'Infinity', '-Infinity', 'NaN', '', ' ', '1e', '.', '--1', '1,5');
    fc.assert(fc.property(fc.integer({ min: 1, max: rows.length - 1 }), fc.nat(3), token, fc.boolean(), function (r: number, c: number, v: string, repair: boolean) {
      var cells = rows[r].split(',');
      cells[c] = v;
      var text = rows.slice(0, r).concat([cells.join(',')], rows.slice(r + 1)).join('\n');
      var rec = read('r.csv', text, function () { return parseRecordingCsv(text, 'r.csv', { repair: repair }); });
      if (!repair) expect(rec, text).toBeNull();
      if (!repair) expect(function () { parseRecordingCsv(text, 'r.csv'); }).toThrow(new RegExp('^r\\.csv:' + (r + 1) + ': '));
      else if (rec) expect(rec.warnings.join('\n')).toMatch(new RegExp('r\\.csv:' + (r + 1) + ': dropped'));
    }), { seed: SEED, numRuns: 500 });
    var lf = parseRecordingCsv(VALID_CSV, 'r.csv');
    fc.assert(fc.property(fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: rows.length, maxLength: rows.length }), function (ends: string[]) {
      var text = rows.map(function (l, i) { return l + ends[i]; }).join('');
      var rec = parseRecordingCsv(text, 'r.csv');
      expect(Array.from(rec.timesMs)).toEqual(Array.from(lf.timesMs));
      expect(Array.from(rec.values)).toEqual(Array.from(lf.values));
    }), { seed: SEED, numRuns: 200 });
  });

  it('.npy: 3,000 files with random shapes, dtypes, header lengths, bodies and truncations', () => {
    var dim = fc.oneof(fc.nat(8), fc.constantFrom('1e15', '0', '-1', '1.5', '1e400', '4294967296', '', 'x'));
    var shape = fc.array(dim, { maxLength: 3 }).map(function (d) { return '(' + d.join(', ') + (d.length === 1 ? ',' : '') + ')'; });
    var descr = fc.constantFrom('<i2', '<f4', '>f4', '<f8', '|u1', '<i8', 'f4', '<U3', '');
    var header = fc.tuple(descr, fc.constantFrom('False', 'True', 'maybe'), shape).map(function (t) {
      return "{'descr': '" + t[0] + "', 'fortran_order': " + t[1] + ", 'shape': " + t[2] + ', }\n';
    });
    var body = fc.oneof(
      fc.uint8Array({ maxLength: 96 }),
      fc.array(fc.constantFrom(NaN, Infinity, -Infinity, 0, 1.5, -3e38, 65504), { maxLength: 24 }).map(function (a) { return new Uint8Array(new Float32Array(a).buffer); })
    );
    fc.assert(fc.property(header, body, fc.constantFrom(1, 2, 3, 7), fc.option(fc.nat(200)), fc.boolean(), function (h: string, b: Uint8Array, version: number, cut: number | null, repair: boolean) {
      var bytes = npyBytes(h, b, version);
      if (cut !== null) bytes = bytes.slice(0, cut);
      var rec = read('x.npy', h + ' cut ' + cut, function () { return parseNpyRecording(bytes, 'x.npy', { rateHz: 100, repair: repair }); });
      if (rec && rec.timesMs.length) expectSaneRecording(rec, h);
    }), { seed: SEED, numRuns: 3000 });
  });

  it('Label Studio JSON: 2,000 exports with arbitrary JSON where tasks, annotations, results and values go', () => {
    var any = fc.jsonValue({ maxDepth: 3 });
    var value = fc.oneof(any, fc.record({ start: fc.oneof(fc.double(), any), end: fc.oneof(fc.double(), any), instant: any, timeserieslabels: fc.oneof(fc.array(fc.oneof(fc.string(), any), { maxLength: 2 }), any) }, { requiredKeys: [] }));
    var result = fc.oneof(any, fc.record({ type: fc.constant('timeserieslabels'), value: value }, { requiredKeys: [] }));
    var annotation = fc.oneof(any, fc.record({ was_cancelled: fc.boolean(), result: fc.oneof(fc.array(result, { maxLength: 3 }), any) }, { requiredKeys: [] }));
    var task = fc.oneof(any, fc.record({ id: any, data: fc.oneof(fc.constant({ csv: '/data/upload/1/ab12cd34-r.csv' }), any), annotations: fc.oneof(fc.array(annotation, { maxLength: 3 }), any) }, { requiredKeys: [] }));
    fc.assert(fc.property(fc.oneof(fc.array(task, { maxLength: 3 }), any), function (tasks: any) {
      var text = JSON.stringify(tasks) || 'null';
      var ev = read('ls.json', text, function () { return parseLabelStudioJson(text, 'ls.json'); });
      if (ev) expectSaneEvents(ev, text);
    }), { seed: SEED, numRuns: 2000 });
  });

  it('Label Studio CSV and plain labels CSV: 2,000 malformed texts each', () => {
    var lsCsv = 'csv,id,label\n/data/upload/1/ab12cd34-r.csv,3,"[{""start"":10,""end"":90,""timeserieslabels"":[""wave""]}]"\n';
    var labelsCsv = 'file,start_ms,end_ms,label\nr.csv,10,90,wave\nr.csv,100,200,tap\n';
    var chars = fc.constantFrom('"', '""', ',', '[', ']', '{', '}', 'null', '1', '-', 'e', '\n', '\r', ':', 'start', 'x', '.csv', '/');
    function mutated(base: string) {
      return fc.tuple(fc.nat(base.length), fc.array(chars, { maxLength: 6 }), fc.nat(10)).map(function (t) { return base.slice(0, t[0]) + t[1].join('') + base.slice(t[0] + t[2]); });
    }
    fc.assert(fc.property(mutated(lsCsv), function (text: string) {
      var ev = read('ls.csv', JSON.stringify(text), function () { return parseLabelStudioCsv(text, 'ls.csv'); });
      if (ev) expectSaneEvents(ev, JSON.stringify(text));
    }), { seed: SEED, numRuns: 2000 });
    fc.assert(fc.property(mutated(labelsCsv), function (text: string) {
      var ev = read('labels.csv', JSON.stringify(text), function () { return parseLabelsCsv(text, 'labels.csv'); });
      if (ev) expectSaneEvents(ev, JSON.stringify(text));
    }), { seed: SEED, numRuns: 2000 });
  });
});
