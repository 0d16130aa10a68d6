// The property names terser renames in the bundles (tools/internal-properties.mjs) must be
// internal: renaming a name a user, an example, a stored file or Espruino itself knows
// would break them silently.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { INTERNAL_PROPERTIES } from '../../tools/internal-properties.mjs';

var root = path.resolve(__dirname, '../..');

function files(dir: string, ext: RegExp): string[] {
  var out: string[] = [];
  for (var name of readdirSync(path.join(root, dir))) {
    var rel = path.join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path.join(root, rel)).isDirectory()) out = out.concat(files(rel, ext));
    else if (ext.test(name)) out.push(rel);
  }
  return out;
}

function text(list: string[]): { file: string; text: string }[] {
  return list.map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));
}

var deviceCode = text(['src/core', 'src/drivers', 'src/pipeline', 'src/classifiers', 'src/sinks', 'src/boards']
  .reduce((all: string[], d) => all.concat(files(d, /\.ts$/)), []));
// What users and bundle-level code see: docs, examples, the contracts, Espruino's globals,
// the sandbox and its fakes.
var publicText = text(files('docs', /\.md$/).concat(['README.md', 'src/core/types.ts', 'src/device-globals.d.ts'],
  files('examples', /\.(js|mjs|ts|md)$/), files('src/testing', /\.ts$/)));

describe('internal property names renamed in the bundles', () => {
  it.each(INTERNAL_PROPERTIES)('%s is never quoted in device code (a string key would not be renamed with it)', (name) => {
    var quoted = new RegExp('[\'"`]' + name.replace(/\$/g, '\\$') + '[\'"`]');
    expect(deviceCode.filter((f) => quoted.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  it.each(INTERNAL_PROPERTIES)('%s is not a property in docs, examples, contracts or the sandbox', (name) => {
    var asProperty = new RegExp('\\.' + name + '\\b|\\b' + name + '\\s*[?]?:');
    expect(publicText.filter((f) => asProperty.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  // Every field of an interface a user fills in or reads (options, stats, events): the
  // bundle reads those under the user's spelling.
  var publicFields: { [name: string]: string } = {};
  deviceCode.forEach((f) => {
    var blocks = f.text.match(/export interface \w+[^{]*\{[^}]*\}/g) || [];
    blocks.forEach((block) => {
      if (/export interface \w*(Config|Image)\b/.test(block)) return; // internal: resolved options, stored image
      (block.match(/^\s*(\w+)\??\s*:/gm) || []).forEach((m) => { publicFields[m.replace(/[\s?:]/g, '')] = f.file; });
    });
  });

  it.each(INTERNAL_PROPERTIES)('%s is no field of an exported options, stats or event interface', (name) => {
    expect(publicFields[name] || null).toBe(null);
  });

  it.each(INTERNAL_PROPERTIES)('%s is a private member or internal field in device code', (name) => {
    var declared = new RegExp('private\\s+(readonly\\s+)?' + name.replace(/\$/g, '\\$') + '\\b|\\b' + name.replace(/\$/g, '\\$') + '\\s*[:=(]');
    expect(deviceCode.some((f) => declared.test(f.text))).toBe(true);
  });
});
