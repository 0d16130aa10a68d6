import { describe } from 'vitest';
import { openSqliteStore } from '../../src/server';
import { storageSuite } from './storage.suite';
import { tempDir, removeDir } from './helpers';

describe('SQLite store', () => {
  var dir = '';
  storageSuite({
    async open() {
      dir = tempDir();
      return openSqliteStore(dir);
    },
    async reopen() {
      return openSqliteStore(dir);
    },
    async cleanup() {
      removeDir(dir);
    },
  });
});
