import { createHash } from 'node:crypto';
import {
  DirectoryProfile,
  type DirectoryRepo,
  InsurancePlanRecord,
  type DirectoryProfile as Profile,
} from '../../domain/index.js';
import { canonicalJson } from './canonical-json.js';
import { nowIso, type StoreContext } from './context.js';

const hashOf = (profile: Profile) =>
  createHash('sha256').update(canonicalJson(profile)).digest('hex');

function toProfile(row: { profile_json: string; active: number }): Profile {
  return DirectoryProfile.parse({
    ...JSON.parse(row.profile_json),
    active: Number(row.active) === 1,
  });
}

/** The directory tables: idempotent upserts keyed by NPI, deactivation of what a feed dropped. */
export function createDirectoryRepo(ctx: StoreContext): DirectoryRepo {
  return {
    upsertProfiles(importId, profiles) {
      return ctx.db.transaction().execute(async (trx) => {
        const now = nowIso(ctx);
        const npis = profiles.map((p) => p.npi);
        const existing = new Map(
          npis.length === 0
            ? []
            : (
                await trx
                  .selectFrom('directory_profiles')
                  .select(['npi', 'content_hash', 'active'])
                  .where('npi', 'in', npis)
                  .execute()
              ).map((r) => [r.npi, r]),
        );
        let inserted = 0;
        let updated = 0;
        const unchanged: string[] = [];
        for (const raw of profiles) {
          const profile = DirectoryProfile.parse(raw);
          const row = {
            source: profile.source,
            active: profile.active ? 1 : 0,
            name: profile.name,
            content_hash: hashOf(profile),
            profile_json: JSON.stringify(profile),
            last_import_id: importId,
            updated_at: now,
          };
          const before = existing.get(profile.npi);
          if (!before) {
            await trx
              .insertInto('directory_profiles')
              .values({ npi: profile.npi, ...row, created_at: now })
              .execute();
            inserted++;
          } else if (
            before.content_hash !== row.content_hash ||
            Number(before.active) !== row.active
          ) {
            await trx
              .updateTable('directory_profiles')
              .set(row)
              .where('npi', '=', profile.npi)
              .execute();
            updated++;
          } else {
            unchanged.push(profile.npi);
          }
        }
        if (unchanged.length > 0) {
          await trx
            .updateTable('directory_profiles')
            .set({ last_import_id: importId })
            .where('npi', 'in', unchanged)
            .execute();
        }
        return { inserted, updated, unchanged: unchanged.length };
      });
    },

    async deactivateUnseen(source, importId) {
      const result = await ctx.db
        .updateTable('directory_profiles')
        .set({ active: 0, updated_at: nowIso(ctx) })
        .where('source', '=', source)
        .where('last_import_id', '!=', importId)
        .where('active', '=', 1)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
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
