// The gesture colours of the report, read from the dashboard's palette file (dashboard/palette.js)
// so that a gesture has the same colour in both. The file is plain data in a `var`; it is
// evaluated in an empty context, never with access to this process.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { findDashboardDir } from '../../node/package-files';

export interface GesturePalette { gestures: string[]; idle: string }

var cached: GesturePalette | null = null;

export function paletteFile(): string {
  return path.join(findDashboardDir(), 'palette.js');
}

export function loadPalette(): GesturePalette {
  if (cached) return cached;
  var file = paletteFile();
  var value = vm.runInNewContext(readFileSync(file, 'utf8') + '\n;GESTURE_PALETTE', Object.create(null), { filename: file, timeout: 1000 });
  var isColor = function (c: unknown) { return typeof c === 'string' && /^#[0-9a-f]{6}$/i.test(c); };
  if (!value || !Array.isArray(value.gestures) || !value.gestures.length || !value.gestures.every(isColor) || !isColor(value.idle)) {
    throw new Error(file + ': GESTURE_PALETTE must be { gestures: ["#rrggbb", ...], idle: "#rrggbb" }');
  }
  cached = { gestures: value.gestures.slice(), idle: value.idle };
  return cached;
}

/**
 * One colour per label, in the labels' order: idle grey, the gestures the palette's colours in
 * alphabetical order of their names (the order the dashboard assigns them in).
 */
export function labelColors(labels: string[], idleIndex: number): string[] {
  var p = loadPalette();
  var gestures = labels.filter(function (l, i) { return i !== idleIndex; }).sort();
  return labels.map(function (l, i) { return i === idleIndex ? p.idle : p.gestures[gestures.indexOf(l) % p.gestures.length]; });
}
