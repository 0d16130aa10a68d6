// Argument parsing shared by the toolkit's CLI commands: node:util parseArgs plus typed
// readers that fail as usage errors (exit code 2) with the option's name.
import { parseArgs } from 'node:util';
import { EXIT_USAGE } from '../../cli/command';

export type OptionSpec = { [name: string]: { type: 'string' | 'boolean'; short?: string; multiple?: boolean } };

export function usageError(message: string): Error {
  var e: any = new Error(message);
  e.exitCode = EXIT_USAGE;
  return e;
}

export interface Parsed { values: { [k: string]: any }; positionals: string[] }

export function parse(args: string[], options: OptionSpec): Parsed {
  try {
    var r = parseArgs({ args: args, options: Object.assign({ json: { type: 'boolean' } }, options) as any, allowPositionals: true, strict: true });
    return { values: r.values as any, positionals: r.positionals };
  } catch (e: any) {
    throw usageError(e.message + ' (see --help)');
  }
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
