import type BetterSqlite3 from 'better-sqlite3';
import type {
  DirectoryIndex,
  DirectoryProfile,
  IndexHit,
  IndexQuery,
} from '../../../domain/index.js';
import { deliveryOf, distanceKm } from '../../../domain/index.js';
import { profileText, queryTerms, tokenize } from '../text.js';
import { bm25 } from './bm25.js';
import { boxAround, cellOf, sqlDistance } from './query-parts.js';
import { createIndexTables, INDEX_TABLES, NOT_ACCEPTING, UNREACHABLE } from './schema.js';
import { createVocabulary } from './vocabulary.js';

/**
 * Query plan (measured with EXPLAIN QUERY PLAN and synthetic data, 60 dense metro areas, 40
 * taxonomy codes with a skewed spread, 25 hits per query; see the report in the PR): an R*Tree
 * on lat/lon first, then a taxonomy probe per candidate, had p95 ≈ 12 ms at 200k profiles; a 3-D
 * R*Tree (code, lat, lon) ≈ 10 ms; the clustered B-tree `dir_idx_geo (code, lon cell, lat)` ≈
 * 4.7 ms, because one range scan per (code, cell) serves rare AND common codes. Broad queries
 * still paid for every candidate in the radius, so the search starts with a small radius and
 * widens it until `limit` hits are found (the nearest `limit` inside r are the nearest overall):
 * p95 ≈ 2.4 ms through this module at 200k profiles, ≈ 2.8 ms for the same SQL at 1M (2 cores).
 * Text relevance is BM25 computed in JS from the hit's own text and document frequencies from
 * the FTS5 vocabulary, cached until the index changes (vocabulary.ts): calling FTS5's bm25() per
 * hit recounted each token's document frequency every time.
 *
 * Every hard constraint is inside the SQL, before `LIMIT`: acceptance and reachability are the
 * `blocked` key column of the geo rows (only admissible values are scanned), excluded NPIs a test
 * in the outer query. So each round of the widening loop counts only eligible rows, and it stops
 * when `limit` eligible rows are found (the nearest eligible ones overall) or the radius is
 * reached: a closed practice near the patient never crowds out an open one farther away. With
 * `blocked` a plain column, a closed-cluster query at 1M read every closed row of its codes in
 * the box (p95 ≈ 5.5 ms); as a key column it skips them.
 */
const FIRST_RADIUS_KM = 3;
const WIDEN_FACTOR = 2;

interface Row {
  pid: number;
  npi: string;
  location_id: string;
  lat: number;
  lon: number;
}

/**
 * One statement per number of networks filtered on (0 = no filter), each an OR of string tests,
 * and per whether NPIs are excluded (the common case without exclusions stays as lean as before).
 */
function searchSql(networkCount: number, excluding: boolean): string {
  const networks =
    networkCount === 0
      ? ''
      : `AND (${Array.from({ length: networkCount }, (_, i) => `instr(g.nets, :n${i}) > 0`).join(' OR ')})`;
  const exclusion = excluding ? 'AND l.npi NOT IN (SELECT value FROM json_each(:excludeNpis))' : '';
  return `
SELECT l.pid, l.npi, l.location_id, l.lat, l.lon, ${sqlDistance('l')} AS d
FROM dir_idx_location l
WHERE l.id IN (
  SELECT g.loc_id FROM dir_idx_geo g
  WHERE g.code IN (SELECT value FROM json_each(:codes))
    AND g.blocked IN (SELECT value FROM json_each(:blocked))
    AND g.cell IN (SELECT value FROM json_each(:cells))
    AND g.lat BETWEEN :minLat AND :maxLat
    AND g.lon BETWEEN :minLon AND :maxLon
    ${networks}
    AND ${sqlDistance('g')} <= :radius
)
${exclusion}
ORDER BY d, l.npi, l.location_id
LIMIT :limit`;
}

const netsOf = (networkIds: readonly string[]) =>
  networkIds.length === 0 ? '' : `|${networkIds.join('|')}|`;

export function createSqliteDirectoryIndex(db: BetterSqlite3.Database): DirectoryIndex {
  createIndexTables(db);
  const searches = new Map<string, BetterSqlite3.Statement<Record<string, unknown>, Row>>();
  const st = {
    pidOf: db.prepare<[string], { pid: number }>('SELECT pid FROM dir_idx_profile WHERE npi = ?'),
    delGeo: db.prepare(
      'DELETE FROM dir_idx_geo WHERE loc_id IN (SELECT id FROM dir_idx_location WHERE pid = ?)',
    ),
    delLoc: db.prepare('DELETE FROM dir_idx_location WHERE pid = ?'),
    delFts: db.prepare('DELETE FROM dir_idx_fts WHERE rowid = ?'),
    delProfile: db.prepare('DELETE FROM dir_idx_profile WHERE pid = ?'),
    insProfile: db.prepare('INSERT INTO dir_idx_profile (npi, json) VALUES (?, ?)'),
    insLoc: db.prepare(
      'INSERT INTO dir_idx_location (pid, npi, location_id, lat, lon) VALUES (?, ?, ?, ?, ?)',
    ),
    insGeo: db.prepare(
      'INSERT OR IGNORE INTO dir_idx_geo (code, blocked, cell, lat, lon, loc_id, nets) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insFts: db.prepare('INSERT INTO dir_idx_fts (rowid, body) VALUES (?, ?)'),
    search: (networkCount: number, excluding: boolean) => {
      const key = `${networkCount}/${excluding}`;
      let statement = searches.get(key);
      if (!statement) {
        statement = db.prepare<Record<string, unknown>, Row>(searchSql(networkCount, excluding));
        searches.set(key, statement);
      }
      return statement;
    },
    json: db.prepare<[number], { json: string }>('SELECT json FROM dir_idx_profile WHERE pid = ?'),
    stats: db.prepare<[], { documents: number; tokens: number }>(
      'SELECT documents, tokens FROM dir_idx_stats WHERE id = 1',
    ),
    addStats: db.prepare(
      'UPDATE dir_idx_stats SET documents = documents + ?, tokens = tokens + ? WHERE id = 1',
    ),
    resetStats: db.prepare('UPDATE dir_idx_stats SET documents = 0, tokens = 0 WHERE id = 1'),
    textOf: db.prepare<[number], { json: string }>(
      'SELECT json FROM dir_idx_profile WHERE pid = ?',
    ),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dir_idx_profile'),
  };
  const clearAll = INDEX_TABLES.map((t) => db.prepare(`DELETE FROM ${t}`));
  const vocabulary = createVocabulary(db);
  /** Runs a write transaction; cached document frequencies are stale after it (or its failure). */
  const writing =
    <A extends unknown[]>(write: (...args: A) => void) =>
    async (...args: A) => {
      try {
        write(...args);
      } finally {
        vocabulary.invalidate();
      }
    };

  const removeOne = (npi: string): void => {
    const row = st.pidOf.get(npi);
    if (!row) return;
    const json = st.textOf.get(row.pid)?.json;
    if (json !== undefined)
      st.addStats.run(-1, -tokenize(profileText(JSON.parse(json) as DirectoryProfile)).length);
    for (const s of [st.delGeo, st.delLoc, st.delFts, st.delProfile]) s.run(row.pid);
  };

  const insertOne = (p: DirectoryProfile): void => {
    const pid = Number(st.insProfile.run(p.npi, JSON.stringify(p)).lastInsertRowid);
    const nets = netsOf(p.networkIds);
    for (const loc of p.locations) {
      if (!loc.position) continue;
      const { lat, lon } = loc.position;
      const locId = st.insLoc.run(pid, p.npi, loc.id, lat, lon).lastInsertRowid;
      const blocked =
        ((loc.acceptingNewPatients ?? p.acceptingNewPatients) === false ? NOT_ACCEPTING : 0) |
        (deliveryOf(p, loc.fax) ? 0 : UNREACHABLE);
      for (const code of p.taxonomyCodes) {
        st.insGeo.run(code, blocked, cellOf(lon), lat, lon, locId, nets);
      }
    }
    const text = profileText(p);
    st.insFts.run(pid, text);
    st.addStats.run(1, tokenize(text).length);
  };

  const upsertAll = db.transaction((profiles: readonly DirectoryProfile[]) => {
    for (const p of profiles) {
      removeOne(p.npi);
      if (p.active) insertOne(p);
    }
  });
  const removeAll = db.transaction((npis: readonly string[]) => {
    for (const npi of npis) removeOne(npi);
  });
  const clear = db.transaction(() => {
    for (const s of clearAll) s.run();
    st.resetStats.run();
  });

  const nearest = (q: IndexQuery): Row[] => {
    const networkParams = [...new Set(q.networkIds ?? [])].map((n) => `|${n}|`);
    const excludeNpis = [...new Set(q.excludeNpis ?? [])];
    const excluding = excludeNpis.length > 0;
    const admissible = [0, NOT_ACCEPTING, UNREACHABLE, NOT_ACCEPTING | UNREACHABLE].filter(
      (b) =>
        !(q.excludeNotAccepting && b & NOT_ACCEPTING) && !(q.requireReachable && b & UNREACHABLE),
    );
    const base = {
      codes: JSON.stringify(q.taxonomies),
      blocked: JSON.stringify(admissible),
      ...(excluding ? { excludeNpis: JSON.stringify(excludeNpis) } : {}),
      lat: q.near.lat,
      lon: q.near.lon,
      limit: q.limit,
    };
    let radius = Math.min(q.radiusKm, FIRST_RADIUS_KM);
    for (;;) {
      const { cells, minLat, maxLat, minLon, maxLon } = boxAround(q.near, radius);
      const rows = st.search(networkParams.length, excluding).all({
        ...base,
        ...Object.fromEntries(networkParams.map((n, i) => [`n${i}`, n])),
        cells,
        minLat,
        maxLat,
        minLon,
        maxLon,
        radius,
      });
      // Every row is eligible: `limit` of them within r are the nearest eligible ones overall.
      if (rows.length >= q.limit || radius >= q.radiusKm) return rows;
      radius = Math.min(q.radiusKm, radius * WIDEN_FACTOR);
    }
  };

  const search = (q: IndexQuery): IndexHit[] => {
    if (q.limit <= 0 || q.taxonomies.length === 0 || !(q.radiusKm >= 0)) return [];
    if (q.networkIds?.length === 0) return [];
    const terms = queryTerms(q.text);
    const corpus = terms.length > 0 ? st.stats.get() : undefined;
    const documentFrequency = terms.length > 0 ? vocabulary.frequencies(terms) : new Map();
    const textScoreOf = (p: DirectoryProfile) =>
      corpus && documentFrequency.size > 0
        ? bm25({
            terms,
            docTokens: tokenize(profileText(p)),
            documentFrequency,
            documents: corpus.documents,
            averageLength: corpus.tokens / Math.max(1, corpus.documents),
          })
        : 0;
    const profiles = new Map<number, { profile: DirectoryProfile; textScore: number }>();
    const hits: IndexHit[] = [];
    for (const row of nearest(q)) {
      const km = distanceKm(q.near, { lat: row.lat, lon: row.lon });
      if (km > q.radiusKm) continue; // SQL and JS may differ in the last bit
      let entry = profiles.get(row.pid);
      if (!entry) {
        const json = st.json.get(row.pid)?.json;
        if (json === undefined) continue;
        const profile = JSON.parse(json) as DirectoryProfile;
        entry = { profile, textScore: textScoreOf(profile) };
        profiles.set(row.pid, entry);
      }
      hits.push({ ...entry, locationId: row.location_id, distanceKm: km });
    }
    return hits.sort(
      (a, b) =>
        a.distanceKm - b.distanceKm ||
        cmp(a.profile.npi, b.profile.npi) ||
        cmp(a.locationId, b.locationId),
    );
  };

  return {
    upsert: writing(upsertAll),
    remove: writing(removeAll),
    search: async (q) => search(q),
    count: async () => st.count.get()?.n ?? 0,
    clear: writing(clear),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
