import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeDirectoryIndexContract } from '../../../../test/support/directory-index-contract.js';
import { createSqliteDirectoryIndex } from './index.js';

describeDirectoryIndexContract('sqlite :memory:', async () => {
  const db = new Database(':memory:');
  return { index: createSqliteDirectoryIndex(db), close: async () => void db.close() };
});

describeDirectoryIndexContract('sqlite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dir-idx-'));
  const db = new Database(join(dir, 'store.sqlite'));
  db.pragma('journal_mode = WAL');
  return {
    index: createSqliteDirectoryIndex(db),
    close: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
