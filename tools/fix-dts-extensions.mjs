// Adds explicit extensions to relative imports in the emitted declarations (dist/types).
// The package is "type": "module", so TypeScript reads its .d.ts files as ES modules: under
// moduleResolution node16/nodenext an extensionless `from './core/types'` does not resolve
// and every re-exported type silently disappears for the user. The sources import without
// extensions (rollup and the device build want that), so the fix is made on the output:
// './x' becomes './x.js' when x.d.ts exists, './x/index.js' when x/index.d.ts does.
// Usage: node tools/fix-dts-extensions.mjs dist/types
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';

var SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*)(['"])(\.\.?(?:\/[^'"]*)?)\2/gm;

/** The specifier with its extension, or null when it already has one or names no declaration. */
export function withExtension(fromFile, specifier) {
  if (/\.(m|c)?js$/.test(specifier)) return null;
  var base = path.resolve(path.dirname(fromFile), specifier);
  if (existsSync(base + '.d.ts')) return specifier + '.js';
  if (existsSync(path.join(base, 'index.d.ts'))) return specifier.replace(/\/$/, '') + '/index.js';
  throw new Error(fromFile + ': cannot find the declaration file for ' + JSON.stringify(specifier));
}

export function fixFile(file) {
  var text = readFileSync(file, 'utf8');
  var fixed = text.replace(SPECIFIER, function (all, lead, quote, specifier) {
    var next = withExtension(file, specifier);
    return next ? lead + quote + next + quote : all;
  });
  if (fixed !== text) writeFileSync(file, fixed);
  return fixed !== text;
}

export function fixTree(dir) {
  var changed = 0;
  readdirSync(dir).forEach(function (name) {
    var full = path.join(dir, name);
    if (statSync(full).isDirectory()) changed += fixTree(full);
    else if (name.endsWith('.d.ts') && fixFile(full)) changed++;
  });
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  var root = process.argv[2];
  if (!root || !existsSync(root)) {
    process.stderr.write('usage: node tools/fix-dts-extensions.mjs <declarations folder>\n');
    process.exit(2);
  }
  fixTree(root);
}
