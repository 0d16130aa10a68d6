// Builds the banglejs2-ble example as a Bangle.js App Loader app folder (metadata.json and
// the files it lists), to drop into a fork of the App Loader's apps/ folder:
//   npm run apploader [-- --out DIR]      (default artifacts/apploader/gestures)
// The source of truth is examples/banglejs2-ble (app.js, apploader/metadata.json, ChangeLog,
// README.md); the module is the Bangle.js 2 board bundle; the model is the shipped default,
// written to Storage as binary by an evaluated atob(); the icon is drawn here, as a 48x48
// PNG for the App Loader's page and as an Espruino image string for the launcher.
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

var ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
var EXAMPLE = path.join(ROOT, 'examples/banglejs2-ble');

/** The icon, 48x48, one bit per pixel: a ring and a wave through it. */
export function iconBitmap() {
  var size = 48, bits = new Uint8Array(size * size);
  for (var y = 0; y < size; y++) for (var x = 0; x < size; x++) {
    var dx = x - 23.5, dy = y - 23.5, r = Math.sqrt(dx * dx + dy * dy);
    var ring = r > 19 && r < 23;
    var wave = Math.abs(dy - 9 * Math.sin((x - 6) / 36 * 2 * Math.PI)) < 2.2 && x > 6 && x < 41;
    bits[y * size + x] = ring || wave ? 1 : 0;
  }
  return { width: size, height: size, bits: bits };
}

/** Espruino's image string: width, height, bits per pixel, then pixels MSB first. */
export function espruinoImage(icon) {
  var out = new Uint8Array(3 + Math.ceil(icon.width * icon.height / 8));
  out[0] = icon.width; out[1] = icon.height; out[2] = 1;
  for (var i = 0; i < icon.bits.length; i++) if (icon.bits[i]) out[3 + (i >> 3)] |= 0x80 >> (i & 7);
  return out;
}

function pngChunk(type, data) {
  var head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  var crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A greyscale PNG of the icon: dark ink on white. */
export function iconPng(icon) {
  var raw = Buffer.alloc(icon.height * (icon.width + 1));
  for (var y = 0; y < icon.height; y++) {
    raw[y * (icon.width + 1)] = 0; // filter: none
    for (var x = 0; x < icon.width; x++) raw[y * (icon.width + 1) + 1 + x] = icon.bits[y * icon.width + x] ? 0x20 : 0xff;
  }
  var ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(icon.width, 0); ihdr.writeUInt32BE(icon.height, 4);
  ihdr[8] = 8; ihdr[9] = 0; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

export function buildAppLoaderApp(outDir) {
  var bundle = path.join(ROOT, 'dist/espruino/banglejs2/espruino-gestures.min.js');
  if (!existsSync(bundle)) throw new Error(bundle + ' is missing: run npm run build first');
  var meta = JSON.parse(readFileSync(path.join(EXAMPLE, 'apploader/metadata.json'), 'utf8'));
  var dir = path.join(outDir, meta.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'metadata.json'), JSON.stringify(meta, null, 2) + '\n');
  copyFileSync(path.join(EXAMPLE, 'apploader/ChangeLog'), path.join(dir, 'ChangeLog'));
  copyFileSync(path.join(EXAMPLE, 'apploader/README.md'), path.join(dir, 'README.md'));
  copyFileSync(path.join(EXAMPLE, 'app.js'), path.join(dir, 'app.js'));
  copyFileSync(bundle, path.join(dir, 'espruino-gestures.min.js'));
  var icon = iconBitmap();
  writeFileSync(path.join(dir, 'app.png'), iconPng(icon));
  writeFileSync(path.join(dir, 'app-icon.js'), 'atob("' + Buffer.from(espruinoImage(icon)).toString('base64') + '")\n');
  var model = readFileSync(path.join(ROOT, 'data/models/banglejs2-cgestures.egm'));
  writeFileSync(path.join(dir, 'gestures.model.js'), 'E.toArrayBuffer(atob("' + model.toString('base64') + '"))\n');
  return dir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  var args = process.argv.slice(2), i = args.indexOf('--out');
  var out = i >= 0 ? path.resolve(args[i + 1]) : path.join(ROOT, 'artifacts/apploader');
  console.log('App Loader app: ' + buildAppLoaderApp(out));
}
