// Reads a seed validation recording (../shared/data/seed, never copied into the repository).
import * as fs from 'node:fs';
import * as path from 'node:path';

export var SEED_DIR = path.resolve(__dirname, '../../../shared/data/seed/data');

export interface Recording {
  channels: string[];
  rateHz: number;
  rows: number[][];
  times: number[];
}

/** A seed CSV: header acc_x..gyro_z,ms, one row every 10 ms. */
export function readSeedRecording(name: string): Recording {
  var text = fs.readFileSync(path.join(SEED_DIR, 'validation', name), 'utf8').trim();
  var lines = text.split(/\r?\n/);
  var header = lines[0].split(',');
  var msColumn = header.indexOf('ms');
  if (msColumn !== header.length - 1) throw new Error('Unexpected seed header: ' + lines[0]);
  var rows: number[][] = [];
  var times: number[] = [];
  for (var i = 1; i < lines.length; i++) {
    var cells = lines[i].split(',').map(Number);
    times.push(cells[msColumn]);
    rows.push(cells.slice(0, msColumn));
  }
  return { channels: header.slice(0, msColumn), rateHz: 100, rows: rows, times: times };
}
