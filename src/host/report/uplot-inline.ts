// uPlot (MIT, Leon Sorokin), an optional peer dependency, inlined into the report so the
// file stays self-contained: its browser build, its CSS and its licence notice, read from
// the installed package. Without the package the report keeps its static plots only.
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { resolvePeerFile } from '../../node/optional-deps';

export interface UplotAssets { version: string; js: string; css: string; licence: string }

/** The installed uPlot's files, or null when the package is not installed. */
export function loadUplot(): UplotAssets | null {
  var pkgFile: string;
  try {
    pkgFile = resolvePeerFile('uplot', 'package.json');
  } catch (e: any) {
    if (e && e.code === 'PEER_MISSING') return null;
    throw e;
  }
  var dir = path.dirname(pkgFile);
  var licenceFile = ['LICENSE', 'LICENSE.md', 'license'].map(function (f) { return path.join(dir, f); }).filter(existsSync)[0];
  if (!licenceFile) throw new Error(dir + ': uPlot is installed without its licence file; the report cannot inline it without its notice');
  return {
    version: JSON.parse(readFileSync(pkgFile, 'utf8')).version,
    js: readFileSync(path.join(dir, 'dist/uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(path.join(dir, 'dist/uPlot.min.css'), 'utf8'),
    licence: readFileSync(licenceFile, 'utf8'),
  };
}

/** Text safe inside an HTML <script> or <style> element: no "</" that could close it. */
export function inlineSafe(text: string): string {
  return text.replace(/<\/(script|style)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** The script element holding uPlot, its licence notice first (a comment kept in the file). */
export function uplotScript(u: UplotAssets): string {
  var notice = 'uPlot ' + u.version + ' (https://github.com/leeoniya/uPlot), inlined by espruino-gestures for the zoomable plots.\n' + u.licence.replace(/\*\//g, '* /');
  return '<script>/*!\n' + inlineSafe(notice) + '\n*/\n' + inlineSafe(u.js) + '</script>';
}
