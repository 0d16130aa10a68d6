// The repository's TypeScript sources and the modules they import, read as text, for the
// tests that hold the layout to its import rules.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export var root = path.resolve(__dirname, '../..');

/** Every .ts file below dir (relative to the repository), none when dir is missing. */
export function tsFiles(dir: string): string[] {
  var out: string[] = [];
  var abs = path.join(root, dir);
  try {
    statSync(abs);
  } catch (e) {
    return out;
  }
  for (var name of readdirSync(abs)) {
    var rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) out = out.concat(tsFiles(rel));
    else if (name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** The module specifiers a source imports, re-exports or requires. */
export function imports(source: string): string[] {
  var found: string[] = [];
  var re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  var m: RegExpExecArray | null;
  while ((m = re.exec(source))) found.push(m[1] || m[2] || m[3] || m[4]);
  return found;
}

/** The repository-relative paths of a file's relative imports. */
export function relativeTargets(file: string): { spec: string; target: string }[] {
  return imports(readFileSync(path.join(root, file), 'utf8'))
    .filter(function (spec) { return spec.startsWith('.'); })
    .map(function (spec) { return { spec: spec, target: path.relative(root, path.resolve(root, path.dirname(file), spec)) }; });
}
