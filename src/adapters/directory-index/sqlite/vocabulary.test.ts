import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeProfile, offset } from '../../../../test/support/directory-index-contract.js';
import type { IndexQuery } from '../../../domain/index.js';
import { createSqliteDirectoryIndex } from './index.js';

const CENTER = { lat: 41.824, lon: -71.4128 };
const query: IndexQuery = {
  taxonomies: ['207WX0107X'],
  near: CENTER,
  radiusKm: 50,
  text: 'hopper',
  limit: 50,
};
const dr = (i: number, name: string) => makeProfile(`100000000${i}`, offset(CENTER, i), { name });

describe('embedded index: cached document frequencies', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("follow this connection's writes and another connection's commits", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dir-vocab-'));
    dirs.push(dir);
    const [a, b] = [1, 2].map(() => {
      const db = new Database(join(dir, 'index.sqlite'));
      db.pragma('journal_mode = WAL');
      return db;
    }) as [Database.Database, Database.Database];
    const mine = createSqliteDirectoryIndex(a);
    const theirs = createSqliteDirectoryIndex(b);
    await mine.upsert([dr(1, 'Grace Hopper'), dr(2, 'Ada Lovelace'), dr(3, 'Alan Turing')]);
    const scoreOf = async (npi: string) =>
      (await mine.search(query)).find((h) => h.profile.npi === npi)?.textScore ?? 0;
    const rare = await scoreOf('1000000001');
    expect(rare).toBeGreaterThan(0);

    // Another process adds two more Hoppers: "hopper" is commoner, so it weighs less here too.
    await theirs.upsert([dr(4, 'Edward Hopper'), dr(5, 'Dennis Hopper')]);
    const afterTheirs = await scoreOf('1000000001');
    expect(afterTheirs).toBeLessThan(rare);

    // This connection removes them again: the first weight comes back.
    await mine.remove(['1000000004', '1000000005']);
    expect(await scoreOf('1000000001')).toBeCloseTo(rare, 12);
    await mine.clear();
    expect(await mine.search(query)).toEqual([]);
    a.close();
    b.close();
  });
});
