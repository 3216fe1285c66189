import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { AuditAction, type AuditDraft, type AuditEvent } from '../../domain/index.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { nowIso, type StoreContext } from './context.js';
import type { AuditEventsTable, StoreDatabase } from './schema.js';

export const GENESIS_HASH = '0'.repeat(64);

const AUDIT_LOCK = sql`
  SELECT pg_advisory_xact_lock(hashtext('referrals:audit'), hashtext(current_schema()))`;

const AuditData = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

type HashedFields = Omit<AuditEvent, 'prevHash' | 'hash'>;

/** sha256(prevHash + '\n' + canonicalJson(event without its hashes)). */
export function chainHash(prevHash: string, event: HashedFields): string {
  const { seq, at, practiceId, referralId, actor, action, data } = event;
  const body = canonicalJson({ seq, at, practiceId, referralId, actor, action, data });
  return sha256Hex(`${prevHash}\n${body}`);
}

/**
 * Serializes appenders so the chain never forks. PostgreSQL: a transaction-scoped advisory lock
 * (per schema), released at commit; take it first in any transaction that appends, before row
 * locks, so appenders cannot deadlock. SQLite: the single connection already serializes.
 */
export async function lockAuditChain(trx: Kysely<StoreDatabase>, ctx: StoreContext): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  await AUDIT_LOCK.execute(trx);
}

/** Appends one event inside the caller's transaction. */
export async function appendAudit(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  draft: AuditDraft,
): Promise<AuditEvent> {
  await lockAuditChain(trx, ctx);
  const last = await trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: nowIso(ctx),
    practiceId: draft.practiceId,
    referralId: draft.referralId,
    actor: draft.actor,
    action: draft.action,
    data: draft.data,
  };
  const hash = chainHash(prevHash, fields);
  await trx
    .insertInto('audit_events')
    .values({
      seq: fields.seq,
      at: fields.at,
      practice_id: fields.practiceId,
      referral_id: fields.referralId,
      actor: fields.actor,
      action: fields.action,
      data_json: JSON.stringify(fields.data),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { ...fields, prevHash, hash };
}

export function rowToAuditEvent(row: AuditEventsTable): AuditEvent {
  return {
    seq: Number(row.seq),
    at: row.at,
    practiceId: row.practice_id,
    referralId: row.referral_id,
    actor: row.actor,
    action: AuditAction.parse(row.action),
    data: AuditData.parse(JSON.parse(row.data_json)),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
