// Argument parsing shared by the toolkit's CLI commands: node:util parseArgs plus typed
// readers that fail as usage errors (exit code 2) with the option's name.
import { parseArgs } from 'node:util';
import { EXIT_USAGE } from './command';

export type OptionSpec = { [name: string]: { type: 'string' | 'boolean'; short?: string; multiple?: boolean } };

export function usageError(message: string): Error {
  var e: any = new Error(message);
  e.exitCode = EXIT_USAGE;
  return e;
}

export interface Parsed { values: { [k: string]: any }; positionals: string[] }

/** Edit distance with adjacent transpositions ("prot" is one edit from "port"), for "did you mean". */
function distance(a: string, b: string): number {
  var d: number[][] = [], i, j;
  for (i = 0; i <= a.length; i++) { d[i] = [i]; for (j = 1; j <= b.length; j++) d[i][j] = i ? 0 : j; }
  for (i = 1; i <= a.length; i++) {
    for (j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known option closest to a misspelt one, when it is close enough to be what was meant. */
export function closestOption(given: string, known: string[]): string | null {
  var name = given.replace(/^-+/, '').split('=')[0], best: string | null = null, bestD = Infinity;
  known.forEach(function (k) {
    var d = distance(name, k);
    if (d < bestD || (d === bestD && best !== null && k.length < best.length)) { best = k; bestD = d; }
  });
  return best !== null && bestD <= Math.max(1, Math.floor(name.length / 3)) ? best : null;
}

/** parseArgs's errors in the CLI's words: the option, a suggestion, exit code 2. */
export function parseError(e: any, known: string[]): Error {
  var m = /Unknown option '([^']+)'/.exec(e.message);
  if (m) {
    var near = closestOption(m[1], known);
    return usageError('unknown option ' + m[1] + (near ? ' (did you mean --' + near + '?)' : '') + '; see --help');
  }
  m = /Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument missing/.exec(e.message);
  if (m) return usageError(m[1] + ' needs a value; see --help');
  return usageError(e.message + ' (see --help)');
}

export function parse(args: string[], options: OptionSpec): Parsed {
  var all = Object.assign({ json: { type: 'boolean' } }, options);
  try {
    var r = parseArgs({ args: args, options: all as any, allowPositionals: true, strict: true });
    return { values: r.values as any, positionals: r.positionals };
  } catch (e: any) {
    throw parseError(e, Object.keys(all));
  }
}

/** parse() for commands that take options only (serve, bridge): a stray word is a usage error. */
export function parseOptionsOnly(args: string[], options: OptionSpec): Parsed {
  var r = parse(args, options);
  if (r.positionals.length) throw usageError('unexpected argument "' + r.positionals[0] + '"; this command takes options only, see --help');
  return r;
}

export function num(v: Parsed['values'], name: string, fallback?: number): number | undefined {
  if (v[name] === undefined) return fallback;
  var n = Number(v[name]);
  if (v[name] === '' || !isFinite(n)) throw usageError('--' + name + ' must be a number, got "' + v[name] + '"');
  return n;
}

export function int(v: Parsed['values'], name: string, fallback?: number, min?: number): number | undefined {
  var n = num(v, name, fallback);
  if (n === undefined) return n;
  if (Math.floor(n) !== n || (min !== undefined && n < min)) throw usageError('--' + name + ' must be a whole number' + (min !== undefined ? ' >= ' + min : '') + ', got "' + v[name] + '"');
  return n;
}

export function list(v: Parsed['values'], name: string): string[] | undefined {
  if (v[name] === undefined) return undefined;
  var items = String(v[name]).split(',').map(function (s) { return s.trim(); }).filter(function (s) { return s !== ''; });
  if (!items.length) throw usageError('--' + name + ' needs a comma-separated list');
  return items;
}

export function numList(v: Parsed['values'], name: string): number[] | undefined {
  var items = list(v, name);
  if (!items) return undefined;
  return items.map(function (s) {
    var n = Number(s);
    if (!isFinite(n)) throw usageError('--' + name + ': "' + s + '" is not a number');
    return n;
  });
}

export function oneOf<T extends string>(v: Parsed['values'], name: string, allowed: T[], fallback?: T): T | undefined {
  if (v[name] === undefined) return fallback;
  if (allowed.indexOf(v[name]) < 0) throw usageError('--' + name + ' must be one of ' + allowed.join(', ') + ', got "' + v[name] + '"');
  return v[name];
}
