import type BetterSqlite3 from 'better-sqlite3';

/**
 * Tables of the embedded directory index, all prefixed `dir_idx_` so they can share the store's
 * SQLite file. Derived data only: `clear()` + re-`upsert()` from the directory repo rebuilds it.
 *
 * - `dir_idx_profile`: one row per active profile (`pid` is internal), with the profile JSON.
 * - `dir_idx_location`: one row per (profile, location with a position).
 * - `dir_idx_geo`: the search index, one row per (taxonomy code, located location), clustered by
 *   (code, blocked, lon cell, lat). A search is a few B-tree range scans: for each requested code,
 *   each admissible `blocked` value and each 0.5°-wide longitude cell the radius' bounding box
 *   touches, the latitude band of the box. Everything the filter needs sits in the row, so no
 *   other page is read until a location is known to be eligible and inside the radius.
 * - `dir_idx_geo.blocked` says what keeps a location out of a constrained search: bit 1, known not
 *   to accept new patients; bit 2, unreachable (`deliveryOf(profile, location fax)` is null: per
 *   location, because the fax belongs to the location). It is a key column, so a search with
 *   `excludeNotAccepting` / `requireReachable` never reads the rows they exclude: a crowd of closed
 *   practices near the patient costs nothing to skip.
 * - `dir_idx_geo.nets` holds the profile's networks as `|a|b|`, so a network filter is a string
 *   test on the row during the scan instead of a join per candidate.
 * - `dir_idx_fts`: contentless FTS5 over name, taxonomy codes, languages and cities (rowid = pid);
 *   its `fts5vocab` gives document frequencies and `dir_idx_stats` the corpus size and length,
 *   so BM25 is computed in JS once per hit (see bm25.ts).
 */
export const CELLS_PER_DEGREE = 2;

/** `dir_idx_geo.blocked` bits. */
export const NOT_ACCEPTING = 1;
export const UNREACHABLE = 2;

const DDL = `
CREATE TABLE IF NOT EXISTS dir_idx_profile (
  pid INTEGER PRIMARY KEY,
  npi TEXT NOT NULL UNIQUE,
  json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dir_idx_location (
  id INTEGER PRIMARY KEY,
  pid INTEGER NOT NULL,
  npi TEXT NOT NULL,
  location_id TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS dir_idx_location_pid ON dir_idx_location (pid);
CREATE TABLE IF NOT EXISTS dir_idx_geo (
  code TEXT NOT NULL,
  cell INTEGER NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  loc_id INTEGER NOT NULL,
  blocked INTEGER NOT NULL,
  nets TEXT NOT NULL,
  PRIMARY KEY (code, blocked, cell, lat, loc_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dir_idx_geo_loc ON dir_idx_geo (loc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS dir_idx_fts USING fts5(
  body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS dir_idx_fts_vocab USING fts5vocab(dir_idx_fts, 'row');
CREATE TABLE IF NOT EXISTS dir_idx_stats (id INTEGER PRIMARY KEY CHECK (id = 1), documents INTEGER NOT NULL, tokens INTEGER NOT NULL);
INSERT OR IGNORE INTO dir_idx_stats (id, documents, tokens) VALUES (1, 0, 0);
`;

/** Bumped whenever the layout changes: the index is derived, so an old one is dropped and rebuilt. */
const LAYOUT_VERSION = 4;

export function createIndexTables(db: BetterSqlite3.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS dir_idx_meta (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)',
  );
  const row = db
    .prepare<[], { version: number }>('SELECT version FROM dir_idx_meta WHERE id = 1')
    .get();
  if (row?.version !== LAYOUT_VERSION) {
    for (const table of [
      ...INDEX_TABLES,
      'dir_idx_network',
      'dir_idx_fts_vocab',
      'dir_idx_stats',
    ]) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
    db.exec(DDL);
    db.prepare('INSERT OR REPLACE INTO dir_idx_meta (id, version) VALUES (1, ?)').run(
      LAYOUT_VERSION,
    );
  }
}

export const INDEX_TABLES = [
  'dir_idx_geo',
  'dir_idx_location',
  'dir_idx_fts',
  'dir_idx_profile',
] as const;
