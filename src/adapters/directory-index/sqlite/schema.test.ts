import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeProfile } from '../../../../test/support/directory-index-contract.js';
import { createSqliteDirectoryIndex } from './sqlite-directory-index.js';

describe('embedded index layout', () => {
  it('drops an index of an older layout and starts empty (it is derived: a rebuild refills it)', async () => {
    const db = new Database(':memory:');
    db.exec(`
      CREATE TABLE dir_idx_meta (id INTEGER PRIMARY KEY, version INTEGER NOT NULL);
      INSERT INTO dir_idx_meta VALUES (1, 1);
      CREATE TABLE dir_idx_geo (code TEXT, cell INTEGER, lat REAL, lon REAL, loc_id INTEGER, not_accepting INTEGER);
      CREATE TABLE dir_idx_network (pid INTEGER, network_id TEXT);`);
    const index = createSqliteDirectoryIndex(db);
    expect(await index.count()).toBe(0);
    await index.upsert([
      makeProfile('1000000001', { lat: 41.8, lon: -71.4 }, { networkIds: ['net-a'] }),
    ]);
    const hits = await index.search({
      taxonomies: ['207WX0107X'],
      networkIds: ['net-a'],
      near: { lat: 41.8, lon: -71.4 },
      radiusKm: 5,
      limit: 5,
    });
    expect(hits.map((h) => h.profile.npi)).toEqual(['1000000001']);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE name = 'dir_idx_network'")
      .all();
    expect(tables).toEqual([]);
    db.close();
  });

  it('rebuilds a layout-2 index, whose geo rows cannot tell whether a location is reachable', async () => {
    const db = new Database(':memory:');
    db.exec(`
      CREATE TABLE dir_idx_meta (id INTEGER PRIMARY KEY, version INTEGER NOT NULL);
      INSERT INTO dir_idx_meta VALUES (1, 2);
      CREATE TABLE dir_idx_geo (code TEXT, cell INTEGER, lat REAL, lon REAL, loc_id INTEGER,
        not_accepting INTEGER, nets TEXT, PRIMARY KEY (code, cell, lat, loc_id)) WITHOUT ROWID;
      INSERT INTO dir_idx_geo VALUES ('207WX0107X', -143, 41.8, -71.4, 1, 0, '');`);
    const index = createSqliteDirectoryIndex(db);
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(dir_idx_geo)').all();
    expect(columns.map((c) => c.name)).toContain('blocked');
    expect(db.prepare('SELECT count(*) AS n FROM dir_idx_geo').get()).toEqual({ n: 0 });
    const direct = { channel: 'direct' as const, address: 'dr@direct.example.org' };
    await index.upsert([
      makeProfile('1000000001', { lat: 41.8, lon: -71.4 }),
      makeProfile('1000000002', { lat: 41.8, lon: -71.4 }, { endpoints: [direct] }),
    ]);
    const hits = await index.search({
      taxonomies: ['207WX0107X'],
      near: { lat: 41.8, lon: -71.4 },
      radiusKm: 5,
      requireReachable: true,
      limit: 5,
    });
    expect(hits.map((h) => h.profile.npi)).toEqual(['1000000002']);
    db.close();
  });
});
