import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root, tsFiles, imports } from './source-imports';

var DEVICE_DIRS = ['src/core', 'src/drivers', 'src/pipeline', 'src/classifiers', 'src/sinks', 'src/boards'];
var FORBIDDEN_DIRS = ['src/host', 'src/server', 'src/testing', 'src/cli'];

// Espruino's own modules that device code may require at run time.
var ESPRUINO_MODULES = ['Storage', 'http', 'Wifi', 'net', 'ble_uart', 'crypto'];

describe('device code boundaries', () => {
  var files = DEVICE_DIRS.flatMap(tsFiles);

  it('finds the device sources', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files)('%s imports only device code and Espruino modules', (file) => {
    var source = readFileSync(path.join(root, file), 'utf8');
    for (var spec of imports(source)) {
      if (spec.startsWith('.')) {
        var target = path.relative(root, path.resolve(root, path.dirname(file), spec));
        for (var bad of FORBIDDEN_DIRS) {
          expect(target.startsWith(bad), file + ' imports ' + spec + ' (' + bad + ' is Node-only)').toBe(false);
        }
        expect(target.startsWith('src/'), file + ' imports ' + spec + ' outside src/').toBe(true);
      } else {
        expect(ESPRUINO_MODULES, file + ' imports "' + spec + '": device code takes no npm or Node modules').toContain(spec);
      }
    }
  });
});
