#!/usr/bin/env node
// Thin launcher: the CLI is built to dist/node/cli.js by `npm run build`.
import('../dist/node/cli.js')
  .then(function (m) { return m.main(process.argv.slice(2)); })
  .then(function (code) { process.exitCode = code; })
  .catch(function (e) {
    process.stderr.write('espruino-gestures: ' + (e && e.message ? e.message : e) + '\n');
    if (e && e.code === 'ERR_MODULE_NOT_FOUND') process.stderr.write('Run `npm run build` first.\n');
    process.exitCode = 1;
  });
