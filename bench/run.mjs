// `npm run bench`: runs every bench/*.bench.mjs in turn, each in its own Node process,
// and prints their markdown tables. Ratios inside one run matter; absolute times do not
// (shared, noisy machines).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

var here = path.dirname(fileURLToPath(import.meta.url));
var only = process.argv.slice(2);
var files = readdirSync(here).filter((f) => f.endsWith('.bench.mjs')).filter((f) => !only.length || only.some((o) => f.includes(o))).sort();
var failed = 0;
for (var file of files) {
  console.log('\n## ' + file.replace('.bench.mjs', '') + '\n');
  var r = spawnSync(process.execPath, [path.join(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log('(' + file + ' failed with exit code ' + r.status + ')');
  }
}
process.exitCode = failed ? 1 : 0;
