// CSV recording reader on 10^6 rows (about 40 MB, the seed's 7 columns): time and peak RSS,
// each in its own Node process, beside a baseline that only loads the file as one string and
// splits it into lines (what any whole-text reader pays before parsing). After `npm run build`.
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeSync, closeSync, statSync, rmSync } from 'node:fs';

var here = path.dirname(fileURLToPath(import.meta.url));
var ROWS = 1e6;

if (process.argv[2] === 'child') {
  var file = process.argv[4], t0 = performance.now(), samples;
  if (process.argv[3] === 'baseline') {
    var { readFileSync } = await import('node:fs');
    samples = readFileSync(file, 'utf8').split(/\r?\n/).length - 2;
  } else {
    var host = await import(path.join(here, '../dist/node/host.js'));
    samples = host.readRecordingCsv(file).timesMs.length;
  }
  console.log(JSON.stringify({ ms: performance.now() - t0, rssMB: process.resourceUsage().maxRSS / 1024, samples: samples }));
  process.exit(0);
}

var dir = mkdtempSync(path.join(os.tmpdir(), 'eg-bench-csv-')), file = path.join(dir, 'rows.csv');
var fd = openSync(file, 'w'), lines = ['acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,ms'];
for (var i = 0; i < ROWS; i++) {
  lines.push([Math.sin(i / 7).toFixed(2), Math.cos(i / 9).toFixed(2), (9.81 + Math.sin(i / 5) / 10).toFixed(2), (Math.sin(i / 3) / 50).toFixed(2), (-Math.cos(i / 4) / 50).toFixed(2), (Math.sin(i / 11) / 50).toFixed(2), i * 10].join(','));
  if (lines.length >= 10000) { writeSync(fd, lines.join('\n') + '\n'); lines = []; }
}
if (lines.length) writeSync(fd, lines.join('\n') + '\n');
closeSync(fd);

function run(which) {
  var r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'child', which, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(which + ' failed: ' + r.stderr);
  return JSON.parse(r.stdout);
}
var base = run('baseline'), csv = run('reader');
console.log('10^6-row CSV, ' + (statSync(file).size / 1e6).toFixed(1) + ' MB, ' + csv.samples + ' samples:\n');
console.log('| what | time (ms) | peak RSS (MB) | time / baseline | RSS / baseline |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log('| baseline: readFileSync + split into lines | ' + base.ms.toFixed(0) + ' | ' + base.rssMB.toFixed(0) + ' | 1.00 | 1.00 |');
console.log('| readRecordingCsv (streaming, typed arrays) | ' + csv.ms.toFixed(0) + ' | ' + csv.rssMB.toFixed(0) + ' | ' + (csv.ms / base.ms).toFixed(2) + ' | ' + (csv.rssMB / base.rssMB).toFixed(2) + ' |');
rmSync(dir, { recursive: true, force: true });
