import { sql } from 'kysely';
import {
  AppError,
  countDrift,
  DirectoryDrift,
  DirectoryImport,
  DirectoryProfile,
  type DirectoryRepo,
  DirectorySource,
  DriftDetail,
  DriftKind,
  InsurancePlanRecord,
  SourceRecord,
  sourceRecordOf,
} from '../../domain/index.js';
import { nowIso, type StoreContext } from './context.js';
import {
  type IncomingRecord,
  type MergeCounts,
  toProfile,
  toSourceRecord,
  writeAndMerge,
} from './directory-sources.js';
import type { DirectoryImportsTable } from './schema.js';

const counted = ({ inserted, updated, unchanged }: MergeCounts) => ({
  inserted,
  updated,
  unchanged,
});

/** A feed profile as its source's record; its source must be a `DirectorySource`. */
function incomingOf(raw: DirectoryProfile, today: string): IncomingRecord {
  const profile = DirectoryProfile.parse(raw);
  if (!DirectorySource.safeParse(profile.source).success) {
    throw new AppError('VALIDATION_FAILED', 'A directory profile names an unknown source', {
      issues: [{ path: 'source', code: 'invalid_value', message: 'Not a directory source' }],
    });
  }
  return {
    record: sourceRecordOf(profile, today),
    keepAsOf: profile.provenance === undefined,
  };
}

/**
 * The directory tables: each source's record per NPI, the merged profile readers get (keyed by
 * NPI, idempotent), the drift each write causes, and the imports that wrote them.
 */
export function createDirectoryRepo(ctx: StoreContext): DirectoryRepo {
  const today = () => nowIso(ctx).slice(0, 10);
  const write = (importId: string, incoming: IncomingRecord[]) =>
    incoming.length === 0
      ? Promise.resolve({ inserted: 0, updated: 0, unchanged: 0 })
      : ctx.db
          .transaction()
          .execute((trx) => writeAndMerge(ctx, trx, importId, incoming))
          .then(counted);

  const importOf = async (row: DirectoryImportsTable) => {
    const kinds = await ctx.db
      .selectFrom('directory_drift')
      .select(['kind', (eb) => eb.fn.countAll().as('n')])
      .where('import_id', '=', row.import_id)
      .groupBy('kind')
      .execute();
    const drift = countDrift([]);
    for (const k of kinds) {
      const kind = DriftKind.safeParse(k.kind);
      if (kind.success) drift[kind.data] = Number(k.n);
    }
    return DirectoryImport.parse({
      importId: row.import_id,
      source: row.source,
      startedAt: row.started_at,
      updatedAt: row.updated_at,
      records: Number(row.records),
      inserted: Number(row.inserted),
      updated: Number(row.updated),
      unchanged: Number(row.unchanged),
      deactivated: Number(row.deactivated),
      drift,
    });
  };

  return {
    async upsertProfiles(importId, profiles) {
      const day = today();
      return write(
        importId,
        profiles.map((p) => incomingOf(p, day)),
      );
    },

    async upsertSourceRecords(importId, records) {
      return write(
        importId,
        records.map((r) => ({ record: SourceRecord.parse(r), keepAsOf: false })),
      );
    },

    async deactivateUnseen(source, importId) {
      const unseen = await ctx.db
        .selectFrom('directory_source_records')
        .select('npi')
        .where('source', '=', source)
        .where('last_import_id', '!=', importId)
        .where('listed', '=', 1)
        .execute();
      if (unseen.length === 0) return 0;
      const counts = await ctx.db
        .transaction()
        .execute((trx) =>
          writeAndMerge(ctx, trx, importId, [], { source, npis: unseen.map((r) => r.npi) }),
        );
      return counts.deactivated;
    },

    async getSourceRecords(npi) {
      const rows = await ctx.db
        .selectFrom('directory_source_records')
        .selectAll()
        .where('npi', '=', npi)
        .orderBy('source')
        .execute();
      return rows.map(toSourceRecord);
    },

    async listDrift(q) {
      const rows = await ctx.db
        .selectFrom('directory_drift')
        .selectAll()
        .$if(q.importId !== undefined, (b) => b.where('import_id', '=', q.importId ?? ''))
        .$if(q.kind !== undefined, (b) => b.where('kind', '=', q.kind ?? ''))
        .$if(q.npi !== undefined, (b) => b.where('npi', '=', q.npi ?? ''))
        .$if(q.before !== undefined, (b) => b.where('id', '<', q.before ?? 0))
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      const items = rows.slice(0, q.limit).map((r) =>
        DirectoryDrift.parse({
          id: Number(r.id),
          importId: r.import_id,
          npi: r.npi,
          kind: r.kind,
          detail: DriftDetail.parse(JSON.parse(r.detail_json)),
          recordedAt: r.recorded_at,
        }),
      );
      return {
        items,
        nextCursor: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null,
      };
    },

    async getImport(importId) {
      const row = await ctx.db
        .selectFrom('directory_imports')
        .selectAll()
        .where('import_id', '=', importId)
        .executeTakeFirst();
      return row ? importOf(row) : undefined;
    },

    async listImports(limit) {
      const rows = await ctx.db
        .selectFrom('directory_imports')
        .selectAll()
        .orderBy('started_at', 'desc')
        .orderBy('import_id', 'asc')
        .limit(limit)
        .execute();
      return Promise.all(rows.map(importOf));
    },

    async upsertPlans(plans) {
      for (const raw of plans) {
        const plan = InsurancePlanRecord.parse(raw);
        const row = {
          name: plan.name,
          owner_name: plan.ownerName,
          network_ids_json: JSON.stringify(plan.networkIds),
          updated_at: nowIso(ctx),
        };
        await ctx.db
          .insertInto('directory_plans')
          .values({ id: plan.id, ...row })
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
      }
    },

    async upsertNetworks(networks) {
      for (const network of networks) {
        const row = { name: network.name, updated_at: nowIso(ctx) };
        await ctx.db
          .insertInto('directory_networks')
          .values({ id: network.id, ...row })
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
      }
    },

    async getProfile(npi) {
      const row = await ctx.db
        .selectFrom('directory_profiles')
        .select(['profile_json', 'active'])
        .where('npi', '=', npi)
        .executeTakeFirst();
      return row ? toProfile(row) : undefined;
    },

    async findProfiles(text, limit) {
      const needle = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await ctx.db
        .selectFrom('directory_profiles')
        .select(['profile_json', 'active'])
        .where('active', '=', 1)
        .where((eb) =>
          eb.or([eb('npi', '=', text), eb(sql`lower(name)`, 'like', sql`${needle} escape '\\'`)]),
        )
        .orderBy('name')
        .limit(limit)
        .execute();
      return rows.map(toProfile);
    },

    async getPlan(id) {
      const row = await ctx.db
        .selectFrom('directory_plans')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return InsurancePlanRecord.parse({
        id: row.id,
        name: row.name,
        ownerName: row.owner_name,
        networkIds: JSON.parse(row.network_ids_json),
      });
    },

    async listActive(afterNpi, limit) {
      const rows = await ctx.db
        .selectFrom('directory_profiles')
        .select(['profile_json', 'active'])
        .where('active', '=', 1)
        .$if(afterNpi !== null, (q) => q.where('npi', '>', afterNpi ?? ''))
        .orderBy('npi', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toProfile);
    },

    async counts() {
      const profiles = await ctx.db
        .selectFrom('directory_profiles')
        .select((eb) => [
          eb.fn.countAll().as('total'),
          eb.fn.sum<number>(eb.ref('active')).as('active'),
        ])
        .executeTakeFirstOrThrow();
      const count = async (table: 'directory_plans' | 'directory_networks') =>
        Number(
          (
            await ctx.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return {
        profiles: Number(profiles.total),
        active: Number(profiles.active ?? 0),
        plans: await count('directory_plans'),
        networks: await count('directory_networks'),
      };
    },
  };
}
