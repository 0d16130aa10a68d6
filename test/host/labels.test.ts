import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { parseLabelsCsv } from '../../src/host/labels/labels-csv';
import { parseLabelStudioJson, parseLabelStudioCsv, readLabelStudio } from '../../src/host/labels/label-studio';
import { eventsFor, recordingKey } from '../../src/host/labels/events';

const HAR = path.resolve(__dirname, '../../../shared/data/emlearn-har/raw');

describe('labels CSV (file,start_ms,end_ms,label)', () => {
  it('reads events and resolves files against the labels folder', () => {
    const ev = parseLabelsCsv('file,start_ms,end_ms,label\n# a comment\nrec/a.csv,100,900,wave\n', 'l.csv', '/data');
    expect(ev).toEqual([{ file: path.resolve('/data/rec/a.csv'), startMs: 100, endMs: 900, label: 'wave' }]);
  });

  it.each([
    ['missing column', 'file,start_ms,label\na,1,x', /l\.csv:1: missing column\(s\) end_ms/],
    ['wrong column count', 'file,start_ms,end_ms,label\na,1,2', /l\.csv:2: expected 4 columns, found 3/],
    ['start not a number', 'file,start_ms,end_ms,label\na,x,2,w', /l\.csv:2: start_ms "x" is not a time/],
    ['end before start', 'file,start_ms,end_ms,label\na,500,400,w', /l\.csv:2: end_ms 400 is not after start_ms 500/],
    ['empty label', 'file,start_ms,end_ms,label\na,1,2, ', /l\.csv:2: empty label/],
    ['empty file', '', /l\.csv: empty labels file/],
  ])('fails on %s with file and line', (_k, text, message) => {
    expect(() => parseLabelsCsv(text, 'l.csv')).toThrow(message);
  });
});

describe('Label Studio exports', () => {
  const task = (result: any[]) => JSON.stringify([{ id: 7, data: { csv: '/data/upload/1/ab12cd34-rec_1.csv' }, annotations: [{ result }] }]);

  it('reads time-series spans from the JSON export', () => {
    const ev = parseLabelStudioJson(task([
      { type: 'timeserieslabels', value: { start: 1200, end: 2100, instant: false, timeserieslabels: ['wave'] } },
      { type: 'timeserieslabels', value: { start: 3.5, end: 4, timeserieslabels: ['snake'] } },
    ]), 'ls.json');
    expect(ev.map((e) => [e.startMs, e.endMs, e.label])).toEqual([[1200, 2100, 'wave'], [3.5, 4, 'snake']]);
    expect(recordingKey(ev[0].file)).toBe('rec_1');
    expect(eventsFor(ev, '/somewhere/rec_1.csv').length).toBe(2);
  });

  it('scales seconds to ms when told', () => {
    const ev = parseLabelStudioJson(task([{ value: { start: 1.5, end: 2, timeserieslabels: ['x'] } }]), 'ls.json', { timeScale: 1000 });
    expect([ev[0].startMs, ev[0].endMs]).toEqual([1500, 2000]);
  });

  it('rejects malformed JSON exports clearly', () => {
    expect(() => parseLabelStudioJson('{', 'ls.json')).toThrow(/ls\.json: not valid JSON/);
    expect(() => parseLabelStudioJson('{"a":1}', 'ls.json')).toThrow(/expected a JSON array of tasks/);
    expect(() => parseLabelStudioJson(task([{ value: { start: 5, end: 2, timeserieslabels: ['x'] } }]), 'ls.json')).toThrow(/task 7, annotation 0, result 0: span ends \(2\) before it starts \(5\)/);
    expect(() => parseLabelStudioJson(task([{ value: { start: 'a', end: 2, timeserieslabels: ['x'] } }]), 'ls.json')).toThrow(/start\/end must be numbers/);
    expect(() => parseLabelStudioJson(task([{ value: { start: 1, end: 2, timeserieslabels: ['x', 'y'] } }]), 'ls.json')).toThrow(/exactly one label per span/);
  });

  it('reads spans from the CSV export (JSON list in the label column)', () => {
    const csv = 'csv,id,label\n/data/upload/1/ab12cd34-r.csv,3,"[{""start"":10,""end"":90,""instant"":false,""timeserieslabels"":[""wave""]}]"\n';
    const ev = parseLabelStudioCsv(csv, 'ls.csv');
    expect(ev).toEqual([{ file: '/data/upload/1/ab12cd34-r.csv', startMs: 10, endMs: 90, label: 'wave' }]);
  });

  it('reads emlearn\'s real per-file Label Studio CSV as whole-recording labels', () => {
    const ev = readLabelStudio(path.join(HAR, 'har_record_exercises_1/labels/project-3-at-2024-12-01-17-29-ba296417.csv'));
    expect(ev.length).toBe(66);
    const squat = ev.find((e) => recordingKey(e.file) === '2024-12-01T162620_squat')!;
    expect(squat).toMatchObject({ startMs: 0, endMs: Infinity, label: 'squat' });
    expect(new Set(ev.map((e) => e.label))).toEqual(new Set(['squat', 'jumpingjack', 'lunge', 'other', 'mixed']));
  });

  it('rejects a CSV export whose label column is broken JSON', () => {
    const csv = 'csv,label\n/u/r.csv,"[{""start"":10"\n';
    expect(() => parseLabelStudioCsv(csv, 'ls.csv')).toThrow(/ls\.csv:2: label column "label" is not valid JSON/);
  });

  it('names the task, annotation and result of a malformed JSON export instead of a TypeError', () => {
    const base = (annotations: any) => JSON.stringify([{ id: 4, data: { csv: '/data/upload/1/r.csv' }, annotations: annotations }]);
    const cases: [any, RegExp][] = [
      [[null], /^ls\.json: task 4, annotation 0: expected an object, found null$/],
      [[{ result: { value: {} } }], /^ls\.json: task 4, annotation 0: "result" is not a list$/],
      [[{ result: [null] }], /^ls\.json: task 4, annotation 0, result 0: expected an object, found null$/],
      [[{ result: [{ value: { start: 1, end: 2, timeserieslabels: [{ name: 'wave' }] } }] }], /result 0: a label must be a non-empty string, found \{"name":"wave"\}$/],
      [[{ result: [{ value: { start: 1, end: 2, timeserieslabels: [7] } }] }], /a label must be a non-empty string, found 7$/],
      [{ a: 1 }, /task 4: "annotations" is not a list/],
    ];
    for (const [annotations, message] of cases) {
      let err: any;
      try { parseLabelStudioJson(base(annotations), 'ls.json'); } catch (e) { err = e; }
      expect(err && err.message, JSON.stringify(annotations)).toMatch(message);
      expect(err.code).toBe('BAD_INPUT');
    }
    expect(parseLabelStudioJson(base([{ result: null }, { result: [{ value: null }] }]), 'ls.json')).toEqual([]);
  });

  it('a CSV export with a null span or a short first row: file:line, not a TypeError', () => {
    expect(() => parseLabelStudioCsv('csv,label\n/u/r.csv,"[null]"\n', 'ls.csv')).toThrow(/^ls\.csv:2: label column "label": expected span objects, found null$/);
    expect(() => parseLabelStudioCsv('csv,id,label\n/u/r.csv\n', 'ls.csv')).toThrow(/^ls\.csv:(1|2): /);
  });
});
