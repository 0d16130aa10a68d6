// The layout follows the data flow: each device stage (source, windowing and features,
// classifier, outbox and sinks) meets the others only in the contracts of src/core, and the
// CLI sits on top of the toolkit and the receiver, which never reach back up into it.
import { describe, it, expect } from 'vitest';
import { tsFiles, relativeTargets } from './source-imports';

function folderOf(target: string): string {
  return target.split('/').slice(0, 2).join('/');
}

/** What each folder may import (besides itself). */
var MAY_IMPORT: { [dir: string]: string[] } = {
  'src/core': [],
  'src/drivers': ['src/core'],
  'src/pipeline': ['src/core'],
  'src/classifiers': ['src/core'],
  'src/sinks': ['src/core'],
};

/** Node folders and what they must never import. */
var NEVER: { [dir: string]: string[] } = {
  'src/host': ['src/cli', 'src/server'],
  'src/server': ['src/cli', 'src/host'],
  'src/testing': ['src/cli', 'src/host', 'src/server'],
  // Node helpers both the toolkit and the receiver use (package files, optional peers).
  'src/node': ['src/cli', 'src/host', 'src/server'],
};

describe('layout: imports run with the data flow', () => {
  var stageFiles = Object.keys(MAY_IMPORT).flatMap(tsFiles);
  var nodeFiles = Object.keys(NEVER).flatMap(tsFiles);

  it('finds the sources', () => {
    expect(stageFiles.length).toBeGreaterThan(20);
    expect(nodeFiles.length).toBeGreaterThan(20);
  });

  it.each(stageFiles)('%s imports only its own folder and src/core', (file) => {
    var own = folderOf(file);
    for (var t of relativeTargets(file)) {
      var to = folderOf(t.target);
      expect(to === own || MAY_IMPORT[own].indexOf(to) >= 0, file + ' imports ' + t.spec + ': ' + own + ' may import only itself' +
        (MAY_IMPORT[own].length ? ' and ' + MAY_IMPORT[own].join(', ') : '') + ' (put what both need in src/core)').toBe(true);
    }
  });

  it.each(nodeFiles)('%s does not reach up into the CLI or across to its neighbour', (file) => {
    var own = folderOf(file);
    for (var t of relativeTargets(file)) {
      expect(NEVER[own].indexOf(folderOf(t.target)), file + ' imports ' + t.spec + ' (' + own + ' must not import ' + folderOf(t.target) + ')').toBe(-1);
    }
  });
});
