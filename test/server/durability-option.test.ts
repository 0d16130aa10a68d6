// The durability switch: full by default on both stores, relaxed on request, a clear usage
// error otherwise. (What full means on disk is in docs/receiver.md; kill -9 in kill-under-load.)
import { describe, it, expect } from 'vitest';
import { main } from '../../src/cli/index';
import { openStore } from '../../src/server';
import { storageFrom } from '../../src/cli/storage-options';
import { tempDir, removeDir } from './helpers';

describe('--durability', () => {
  it('is full unless relaxed is asked for', async () => {
    var dir = tempDir();
    try {
      var full = await openStore(storageFrom({ 'data-dir': dir }));
      expect(full.durability).toBe('full');
      await full.close();
      var relaxed = await openStore(storageFrom({ 'data-dir': dir, durability: 'relaxed' }));
      expect(relaxed.durability).toBe('relaxed');
      await relaxed.close();
    } finally {
      removeDir(dir);
    }
  });

  it('refuses another value with a usage error (exit code 2)', async () => {
    var err: string[] = [];
    var code = await main(['serve', '--durability', 'fast', '--port', '0'], { out: () => {}, err: (l) => err.push(l), isTTY: false });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--durability must be full or relaxed \(got "fast"\)/);
  });
});
