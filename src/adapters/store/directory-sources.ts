import { type Kysely, sql } from 'kysely';
import {
  DirectoryProfile,
  type DirectorySource,
  type DriftDraft,
  driftBetween,
  mergeDirectoryRecords,
  mergeLoneRecord,
  SourceFields,
  SourceRecord,
} from '../../domain/index.js';
import { canonicalJson, canonicalParts, joinCanonical, sha256Hex } from './canonical-json.js';
import { nowIso, type StoreContext } from './context.js';
import type {
  DirectoryProfilesTable,
  DirectorySourceRecordsTable,
  StoreDatabase,
} from './schema.js';

/** A record to write; `keepAsOf`: its date is the import's, so an unchanged record keeps its own. */
export interface IncomingRecord {
  record: SourceRecord;
  keepAsOf: boolean;
}

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  deactivated: number;
}

/** Keeps `IN (…)` lists and multi-row inserts well under both dialects' parameter limits. */
const CHUNK = 500;
const INSERT_CHUNK = 100;

/**
 * A stored record, and its parsed form once known (parsed lazily: most rows are only compared);
 * for a record written now, the canonical text of each of its fields (reused for its profile's hash).
 */
interface Entry {
  row: DirectorySourceRecordsTable;
  parsed: SourceRecord | null;
  parts?: ReadonlyMap<string, string>;
}

const DIRECTORY_LOCK = sql`
  SELECT pg_advisory_xact_lock(hashtext('referrals:directory'), hashtext(current_schema()))`;

export const profileHash = (profile: DirectoryProfile) => sha256Hex(canonicalJson(profile));

export function toProfile(row: { profile_json: string; active: number }): DirectoryProfile {
  return DirectoryProfile.parse({
    ...JSON.parse(row.profile_json),
    active: Number(row.active) === 1,
  });
}

export function toSourceRecord(row: DirectorySourceRecordsTable): SourceRecord {
  return SourceRecord.parse({
    npi: row.npi,
    source: row.source,
    asOf: row.as_of,
    listed: Number(row.listed) === 1,
    fields: SourceFields.parse(JSON.parse(row.fields_json)),
  });
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Serializes directory writers: PostgreSQL takes a transaction-scoped advisory lock, so two imports
 * of different sources never merge one NPI from stale records; SQLite's one connection already does.
 */
async function lockDirectory(trx: Kysely<StoreDatabase>, ctx: StoreContext): Promise<void> {
  if (ctx.dialect === 'postgres') await DIRECTORY_LOCK.execute(trx);
}

/**
 * Inside `trx`: writes the incoming records, withdraws `withdraw` (source records no longer listed),
 * re-merges every NPI concerned, writes the merged profiles that changed and their drift, and adds
 * the counts to the import's row.
 */
export async function writeAndMerge(
  ctx: StoreContext,
  trx: Kysely<StoreDatabase>,
  importId: string,
  incoming: readonly IncomingRecord[],
  withdraw: { source: DirectorySource; npis: readonly string[] } | null = null,
): Promise<MergeCounts> {
  await lockDirectory(trx, ctx);
  const now = nowIso(ctx);
  const npis = [
    ...new Set([...incoming.map((i) => i.record.npi), ...(withdraw?.npis ?? [])]),
  ].sort();
  const rows = new Map<string, Map<string, Entry>>();
  const put = (entry: Entry) => {
    const bySource = rows.get(entry.row.npi) ?? new Map<string, Entry>();
    bySource.set(entry.row.source, entry);
    rows.set(entry.row.npi, bySource);
  };
  for (const part of chunks(npis)) {
    const found = await trx
      .selectFrom('directory_source_records')
      .selectAll()
      .where('npi', 'in', part)
      .execute();
    for (const row of found) put({ row, parsed: null });
  }

  const inserts: DirectorySourceRecordsTable[] = [];
  const seenOnly: Array<{ npi: string; source: string }> = [];
  for (const { record, keepAsOf } of incoming) {
    const parts = canonicalParts(record.fields);
    const fieldsJson = joinCanonical(parts);
    const fieldsHash = sha256Hex(fieldsJson);
    const prev = rows.get(record.npi)?.get(record.source)?.row;
    const asOf = keepAsOf && prev && prev.fields_hash === fieldsHash ? prev.as_of : record.asOf;
    const next: DirectorySourceRecordsTable = {
      npi: record.npi,
      source: record.source,
      as_of: asOf,
      listed: 1,
      fields_hash: fieldsHash,
      fields_json: fieldsJson,
      last_import_id: importId,
      created_at: prev?.created_at ?? now,
      updated_at: now,
    };
    if (!prev) {
      inserts.push(next);
    } else if (
      prev.fields_hash === fieldsHash &&
      prev.as_of === asOf &&
      Number(prev.listed) === 1
    ) {
      seenOnly.push({ npi: record.npi, source: record.source });
      next.updated_at = prev.updated_at;
    } else {
      const { npi, source, created_at: _created, ...changes } = next;
      await trx
        .updateTable('directory_source_records')
        .set(changes)
        .where('npi', '=', npi)
        .where('source', '=', source)
        .execute();
    }
    put({ row: next, parsed: { ...record, asOf, listed: true }, parts });
  }
  for (const part of chunks(inserts, INSERT_CHUNK)) {
    await trx.insertInto('directory_source_records').values(part).execute();
  }
  for (const source of new Set(seenOnly.map((s) => s.source))) {
    for (const part of chunks(seenOnly.filter((s) => s.source === source).map((s) => s.npi))) {
      await trx
        .updateTable('directory_source_records')
        .set({ last_import_id: importId })
        .where('source', '=', source)
        .where('npi', 'in', part)
        .execute();
    }
  }
  if (withdraw) {
    for (const part of chunks(withdraw.npis)) {
      await trx
        .updateTable('directory_source_records')
        .set({ listed: 0, updated_at: now })
        .where('source', '=', withdraw.source)
        .where('npi', 'in', part)
        .execute();
      for (const npi of part) {
        const entry = rows.get(npi)?.get(withdraw.source);
        if (!entry) continue;
        entry.row.listed = 0;
        if (entry.parsed) entry.parsed = { ...entry.parsed, listed: false };
      }
    }
  }
  const counts = await remerge(trx, importId, npis, rows, now);
  const source = incoming[0]?.record.source ?? withdraw?.source;
  if (source !== undefined) await countImport(trx, importId, source, incoming.length, counts, now);
  return counts;
}

async function remerge(
  trx: Kysely<StoreDatabase>,
  importId: string,
  npis: readonly string[],
  rows: ReadonlyMap<string, ReadonlyMap<string, Entry>>,
  now: string,
): Promise<MergeCounts> {
  const counts: MergeCounts = { inserted: 0, updated: 0, unchanged: 0, deactivated: 0 };
  const unchanged: string[] = [];
  const inserts: DirectoryProfilesTable[] = [];
  const drift: DriftDraft[] = [];
  for (const part of chunks(npis)) {
    const existing = new Map(
      (
        await trx
          .selectFrom('directory_profiles')
          .select(['npi', 'content_hash', 'active', 'profile_json'])
          .where('npi', 'in', part)
          .execute()
      ).map((r) => [r.npi, r]),
    );
    for (const npi of part) {
      const entries = [...(rows.get(npi)?.values() ?? [])];
      const records = entries.map((e) => e.parsed ?? toSourceRecord(e.row));
      const lone = records.length === 1 && records[0] ? mergeLoneRecord(records[0]) : null;
      const merged = lone ?? mergeDirectoryRecords(records);
      if (!merged) continue;
      const row = {
        source: merged.source,
        active: merged.active ? 1 : 0,
        name: merged.name,
        content_hash: lone ? loneProfileHash(lone, entries[0]?.parts) : profileHash(merged),
        profile_json: JSON.stringify(merged),
        last_import_id: importId,
        updated_at: now,
      };
      const before = existing.get(npi);
      if (!before) {
        inserts.push({ npi, ...row, created_at: now });
        counts.inserted++;
      } else if (before.content_hash !== row.content_hash || Number(before.active) !== row.active) {
        await trx.updateTable('directory_profiles').set(row).where('npi', '=', npi).execute();
        counts.updated++;
        const was = toProfile(before);
        if (was.active && !merged.active) counts.deactivated++;
        drift.push(...driftBetween(was, merged));
      } else {
        unchanged.push(npi);
        counts.unchanged++;
      }
    }
  }
  for (const part of chunks(inserts, INSERT_CHUNK)) {
    await trx.insertInto('directory_profiles').values(part).execute();
  }
  for (const part of chunks(unchanged)) {
    await trx
      .updateTable('directory_profiles')
      .set({ last_import_id: importId })
      .where('npi', 'in', part)
      .execute();
  }
  for (const part of chunks(drift, INSERT_CHUNK)) {
    await trx
      .insertInto('directory_drift')
      .values(
        part.map((d) => ({
          import_id: importId,
          npi: d.npi,
          kind: d.kind,
          detail_json: JSON.stringify(d.detail),
          recorded_at: now,
        })),
      )
      .execute();
  }
  return counts;
}

/** The hash of a lone record's profile, from the record's field texts when it was written now. */
export function loneProfileHash(
  profile: DirectoryProfile,
  fieldParts: ReadonlyMap<string, string> | undefined,
): string {
  const { npi, source, provenance, ...fields } = profile;
  const keys = Object.keys(fields);
  if (!fieldParts || fieldParts.size !== keys.length || !keys.every((k) => fieldParts.has(k))) {
    return profileHash(profile);
  }
  const parts = new Map(fieldParts);
  parts.set('preferredChannel', JSON.stringify(profile.preferredChannel));
  parts.set('active', JSON.stringify(profile.active));
  parts.set('npi', JSON.stringify(npi));
  parts.set('source', JSON.stringify(source));
  parts.set('provenance', canonicalJson(provenance));
  return sha256Hex(joinCanonical(parts));
}

async function countImport(
  trx: Kysely<StoreDatabase>,
  importId: string,
  source: string,
  records: number,
  c: MergeCounts,
  now: string,
): Promise<void> {
  await trx
    .insertInto('directory_imports')
    .values({
      import_id: importId,
      source,
      started_at: now,
      updated_at: now,
      records: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      deactivated: 0,
    })
    .onConflict((oc) => oc.column('import_id').doNothing())
    .execute();
  await trx
    .updateTable('directory_imports')
    .set((eb) => ({
      updated_at: now,
      records: eb('records', '+', records),
      inserted: eb('inserted', '+', c.inserted),
      updated: eb('updated', '+', c.updated),
      unchanged: eb('unchanged', '+', c.unchanged),
      deactivated: eb('deactivated', '+', c.deactivated),
    }))
    .where('import_id', '=', importId)
    .execute();
}
