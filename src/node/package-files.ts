// Finds the package's own files at run time (the dashboard's static files, uPlot, the
// browser bundle), for the receiver and the report alike. They live in the package's
// top-level folders, reached from src/node (tests) and from dist/node (installed) alike.
import fs from 'node:fs';
import path from 'node:path';
import { resolvePeerFile } from './optional-deps';
import { fileURLToPath } from 'node:url';

export function findDashboardDir(): string {
  var dir = path.dirname(fileURLToPath(import.meta.url));
  for (var i = 0; i < 5; i++) {
    var candidate = path.join(dir, 'dashboard');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('dashboard files not found above ' + fileURLToPath(import.meta.url) + ' (the package must include its dashboard/ folder)');
}

/** uPlot's browser build, served from node_modules so the user runs no build step. */
export function findUplotDir(): string {
  return path.join(path.dirname(resolvePeerFile('uplot', 'package.json')), 'dist');
}

/**
 * The Bluetooth bridge's decoder, built from the device code by `npm run build`
 * (tools/rollup.browser.mjs) into dist/browser/, reached from src/server and dist/node alike;
 * null before the first build (the bridge then says so).
 */
export function findBrowserCodec(): string | null {
  var dir = path.dirname(fileURLToPath(import.meta.url));
  for (var i = 0; i < 5; i++) {
    var candidate = path.join(dir, 'dist', 'browser', 'bridge-core.js');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}
