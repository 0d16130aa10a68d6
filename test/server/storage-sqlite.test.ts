import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, it, expect } from 'vitest';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../src/server';
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

describe('SQLite migrations', () => {
  it('refuses a database written by a newer receiver, with a clear message', async () => {
    var dir = tempDir();
    try {
      (await Promise.resolve(openSqliteStore(dir))).close();
      var db = new Database(path.join(dir, SQLITE_FILE_NAME));
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, 0)').run('future');
      db.close();
      expect(() => openSqliteStore(dir)).toThrow(/schema is version 99 .* upgrade espruino-gestures/);
    } finally {
      removeDir(dir);
    }
  });
});
