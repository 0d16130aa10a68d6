// The Bangle.js App Loader's rules for an app folder, as its sanity check applies them to
// every app before it is listed (required keys, known keys, supported devices, the version
// agreeing with the ChangeLog, files that exist and parse, the entry point and the JS icon
// and its size). Returns the problems found; an empty list means the App Loader takes it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as acorn from 'acorn';

var APP_KEYS = ['id', 'name', 'shortName', 'version', 'icon', 'screenshots', 'description', 'tags', 'type', 'sortorder', 'readme', 'custom',
  'customConnect', 'interface', 'storage', 'data', 'supports', 'allow_emulator', 'dependencies', 'provides_modules', 'provides_widgets', 'provides_features', 'default'];
var STORAGE_KEYS = ['name', 'url', 'content', 'evaluate', 'noOverwrite', 'supports'];
var DATA_KEYS = ['name', 'wildcard', 'storageFile', 'url', 'content', 'evaluate'];
var DEVICES = ['BANGLEJS', 'BANGLEJS2'];
var TYPES = ['app', 'clock', 'widget', 'bootloader', 'RAM', 'launch', 'scheduler', 'notify', 'locale', 'settings', 'textinput', 'module', 'clkinfo', 'defaultconfig'];

function parses(code: string): boolean {
  try { acorn.parse(code, { ecmaVersion: 2020 }); return true; } catch (e) { return false; }
}

export function appLoaderProblems(dir: string): string[] {
  var problems: string[] = [];
  var meta: any;
  try { meta = JSON.parse(fs.readFileSync(path.join(dir, 'metadata.json'), 'utf8')); } catch (e: any) { return ['metadata.json: ' + e.message]; }
  var id = meta.id;
  if (!id) problems.push('no id');
  if (path.basename(dir) !== id) problems.push('folder ' + path.basename(dir) + ' is not the id ' + id);
  if (!meta.name) problems.push('no name');
  var isApp = !meta.type || meta.type === 'app';
  if (meta.name && meta.name.length > 20 && !meta.shortName && isApp) problems.push('long name but no shortName');
  if (meta.type && TYPES.indexOf(meta.type) < 0) problems.push('unknown type ' + meta.type);
  if (!Array.isArray(meta.supports)) problems.push('no supports array');
  else meta.supports.forEach(function (d: string) { if (DEVICES.indexOf(d) < 0) problems.push('unknown device ' + d); });
  if (!meta.version) problems.push('no version');
  else {
    var log = fs.existsSync(path.join(dir, 'ChangeLog')) ? fs.readFileSync(path.join(dir, 'ChangeLog'), 'utf8') : null;
    var versions = log ? log.match(/\d+\.\d+:/g) : null;
    if (log && !versions) problems.push('no versions in the ChangeLog');
    if (versions && versions[versions.length - 1].slice(0, -1) !== meta.version) problems.push('version ' + meta.version + ' and the ChangeLog disagree');
    if (!log && meta.version !== '0.01') problems.push('no ChangeLog');
  }
  if (!meta.description) problems.push('no description');
  if (!meta.icon || !fs.existsSync(path.join(dir, meta.icon))) problems.push('icon missing');
  if (meta.readme && !fs.existsSync(path.join(dir, meta.readme))) problems.push('readme missing');
  if (!meta.readme && fs.readdirSync(dir).some(function (f) { return f.toLowerCase().indexOf('readme') >= 0; })) problems.push('README not linked');
  Object.keys(meta).forEach(function (k) { if (APP_KEYS.indexOf(k) < 0) problems.push('unknown key ' + k); });
  var names: string[] = [];
  (meta.storage || []).forEach(function (f: any) {
    if (!f.name) { problems.push('a storage file with no name'); return; }
    if (/[?*]/.test(f.name)) problems.push(f.name + ': wildcard in a storage name');
    if (/[,;]/.test(f.name)) problems.push(f.name + ': forbidden character');
    if (f.name.length > 28) problems.push(f.name + ': longer than a Storage name (28)');
    if (names.indexOf(f.name) >= 0) problems.push(f.name + ': duplicate');
    names.push(f.name);
    Object.keys(f).forEach(function (k) { if (STORAGE_KEYS.indexOf(k) < 0) problems.push(f.name + ': unknown key ' + k); });
    if (!f.url && !f.content) { problems.push(f.name + ': no contents'); return; }
    if (f.url && !fs.existsSync(path.join(dir, f.url))) { problems.push(f.name + ': ' + f.url + ' missing'); return; }
    var text = f.content || fs.readFileSync(path.join(dir, f.url), 'utf8');
    if (f.evaluate && !parses('(' + text + ')')) problems.push(f.name + ': evaluate but not an expression');
    if (/\.js$/.test(f.name) && !parses(text)) problems.push(f.name + ': not valid JS');
    if (f.name === id + '.img' && f.evaluate) {
      var m = /^\s*atob\("([^"]*)"\)\s*$/.exec(text) || /^\s*E\.toArrayBuffer\(atob\("([^"]*)"\)\)\s*$/.exec(text);
      if (!m) problems.push(f.name + ': not atob("...") (this checker does not decompress heatshrink)');
      else {
        var img = Buffer.from(m[1], 'base64');
        if (img[0] > 48 || img[0] < 24 || img[1] > 48 || img[1] < 24) problems.push(f.name + ': icon is ' + img[0] + 'x' + img[1] + ', not about 48x48');
      }
    }
  });
  var dataNames: string[] = [];
  (meta.data || []).forEach(function (d: any) {
    var n = d.name || d.wildcard;
    if (!n) { problems.push('a data file with no name'); return; }
    if (dataNames.indexOf(n) >= 0) problems.push(n + ': duplicate data file');
    dataNames.push(n);
    if (names.indexOf(n) >= 0) problems.push(n + ': listed as storage and data');
    Object.keys(d).forEach(function (k) { if (DATA_KEYS.indexOf(k) < 0) problems.push(n + ': unknown data key ' + k); });
    if (d.url && !fs.existsSync(path.join(dir, d.url))) problems.push(n + ': ' + d.url + ' missing');
    if (d.url && d.evaluate && !parses('(' + fs.readFileSync(path.join(dir, d.url), 'utf8') + ')')) problems.push(n + ': evaluate but not an expression');
  });
  if (isApp && names.indexOf(id + '.app.js') < 0) problems.push('no entry point ' + id + '.app.js');
  if (isApp && names.indexOf(id + '.img') < 0) problems.push('no JS icon ' + id + '.img');
  (meta.provides_modules || []).forEach(function (m: string) { if (names.indexOf(m) < 0) problems.push('provides module ' + m + ' but no such storage file'); });
  return problems;
}
