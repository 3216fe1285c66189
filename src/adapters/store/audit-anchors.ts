import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError, type AuditCheckpoint } from '../../domain/index.js';
import { auditRows, GENESIS_HASH, inSeqOrder, linksTo, lockAuditChain } from './audit-chain.js';
import { canonicalJson } from './canonical-json.js';
import { nowIso, type StoreContext } from './context.js';
import type { AuditAnchorsTable, StoreDatabase } from './schema.js';

export const GENESIS_MAC = '0'.repeat(64);

type CheckpointFields = Omit<AuditCheckpoint, 'mac'>;

/** HMAC-SHA256(key, canonicalJson({ seq, hash, at, prevMac })): each checkpoint seals the one before. */
export function checkpointMac(key: string, fields: CheckpointFields): string {
  const { seq, hash, at, prevMac } = fields;
  return createHmac('sha256', key).update(canonicalJson({ seq, hash, at, prevMac })).digest('hex');
}

/** The checkpoint follows `prevMac` and was written with `key`. */
export function isSealed(key: string, checkpoint: AuditCheckpoint, prevMac: string): boolean {
  if (checkpoint.prevMac !== prevMac) return false;
  const expected = Buffer.from(checkpointMac(key, checkpoint), 'hex');
  const actual = Buffer.from(checkpoint.mac, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function rowToCheckpoint(row: AuditAnchorsTable): AuditCheckpoint {
  return {
    seq: Number(row.seq),
    hash: row.hash,
    at: row.at,
    prevMac: row.prev_mac,
    mac: row.mac,
  };
}

/** Checkpoints up to seq `through`, in order. */
export async function* auditCheckpoints(
  db: Kysely<StoreDatabase>,
  through: number,
): AsyncGenerator<AuditCheckpoint> {
  const rows = inSeqOrder((after, limit) =>
    db
      .selectFrom('audit_anchors')
      .selectAll()
      .where('seq', '>', after)
      .where('seq', '<=', through)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute(),
  );
  for await (const row of rows) yield rowToCheckpoint(row);
}

export async function lastCheckpoint(
  db: Kysely<StoreDatabase>,
): Promise<AuditCheckpoint | undefined> {
  const row = await db
    .selectFrom('audit_anchors')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && rowToCheckpoint(row);
}

const tampered = () =>
  new AppError(
    'INTERNAL',
    'The audit chain no longer extends its last checkpoint: run `referrals audit verify`',
  );

/**
 * The head of the chain once the rows after the last checkpoint are checked to extend it, so a
 * checkpoint never vouches for a chain that was truncated or rewritten under the previous one.
 */
async function verifiedHead(
  db: Kysely<StoreDatabase>,
  last: AuditCheckpoint | undefined,
): Promise<{ seq: number; hash: string } | undefined> {
  let seq = 0;
  let hash = GENESIS_HASH;
  if (last) {
    const anchored = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '=', last.seq)
      .executeTakeFirst();
    if (!anchored || anchored.hash !== last.hash || !linksTo(anchored, anchored.prev_hash))
      throw tampered();
    seq = last.seq;
    hash = last.hash;
  }
  for await (const row of auditRows(db, seq)) {
    if (Number(row.seq) !== seq + 1 || !linksTo(row, hash)) throw tampered();
    seq = Number(row.seq);
    hash = row.hash;
  }
  return seq === 0 ? undefined : { seq, hash };
}

/**
 * Checkpoints the chain's head unless the last checkpoint already holds it. The rows are checked
 * outside the lock; the audit lock then serializes writers so checkpoints never fork.
 */
export async function writeCheckpoint(
  ctx: StoreContext,
  key: string,
): Promise<AuditCheckpoint | null> {
  const last = await lastCheckpoint(ctx.db);
  if (last && !isSealed(key, last, last.prevMac)) throw tampered();
  const head = await verifiedHead(ctx.db, last);
  if (head === undefined || (last && head.seq === last.seq)) return null;
  return ctx.db.transaction().execute(async (trx) => {
    await lockAuditChain(trx, ctx);
    const current = await lastCheckpoint(trx);
    if (current?.mac !== last?.mac) return null;
    const fields = {
      seq: head.seq,
      hash: head.hash,
      at: nowIso(ctx),
      prevMac: last?.mac ?? GENESIS_MAC,
    };
    const checkpoint = { ...fields, mac: checkpointMac(key, fields) };
    await trx
      .insertInto('audit_anchors')
      .values({
        seq: checkpoint.seq,
        hash: checkpoint.hash,
        at: checkpoint.at,
        prev_mac: checkpoint.prevMac,
        mac: checkpoint.mac,
      })
      .execute();
    return checkpoint;
  });
}
