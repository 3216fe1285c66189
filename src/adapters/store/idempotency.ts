import type { Kysely } from 'kysely';
import type { DecisionReceipt, IdempotencyStore } from '../../domain/index.js';
import { nowIso, type StoreContext } from './context.js';
import type { StoreDatabase } from './schema.js';

/** The body of a key whose decision is recorded but whose answer is not written yet. */
const UNANSWERED = 'null';

/** Claims the key of the decision being applied, inside that decision's transaction. */
export async function insertReceipt(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  practiceId: string,
  receipt: DecisionReceipt,
): Promise<void> {
  await trx
    .insertInto('idempotency_keys')
    .values({
      practice_id: practiceId,
      key: receipt.key,
      request_hash: receipt.requestHash,
      status_code: 200,
      body_json: UNANSWERED,
      created_at: nowIso(ctx),
    })
    .onConflict((oc) => oc.columns(['practice_id', 'key']).doNothing())
    .execute();
}

/** Stripe-style memory of the first response per (practice, Idempotency-Key). */
export function createIdempotencyStore(ctx: StoreContext): IdempotencyStore {
  return {
    async get(practiceId, key) {
      const row = await ctx.db
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'body_json'])
        .where('practice_id', '=', practiceId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        requestHash: row.request_hash,
        statusCode: Number(row.status_code),
        body: JSON.parse(row.body_json) as unknown,
      };
    },

    async save(practiceId, key, response) {
      await ctx.db
        .insertInto('idempotency_keys')
        .values({
          practice_id: practiceId,
          key,
          request_hash: response.requestHash,
          status_code: response.statusCode,
          body_json: JSON.stringify(response.body ?? null),
          created_at: nowIso(ctx),
        })
        .onConflict((oc) =>
          oc
            .columns(['practice_id', 'key'])
            .doUpdateSet({
              status_code: response.statusCode,
              body_json: JSON.stringify(response.body ?? null),
            })
            .where('idempotency_keys.body_json', '=', UNANSWERED)
            .where('idempotency_keys.request_hash', '=', response.requestHash),
        )
        .execute();
    },
  };
}
