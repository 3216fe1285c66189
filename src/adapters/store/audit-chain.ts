import { CompiledQuery, type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { AuditAction, type AuditDraft, type AuditEvent } from '../../domain/index.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { nowIso, type StoreContext, type StoreDialect } from './context.js';
import type { AuditEventsTable, StoreDatabase } from './schema.js';

export const GENESIS_HASH = '0'.repeat(64);

const AUDIT_LOCK = sql`
  SELECT pg_advisory_xact_lock(hashtext('referrals:audit'), hashtext(current_schema()))`;

/**
 * The two statements of an append, written once: built and compiled per call by the query
 * builder they cost more than SQLite takes to run them. Tables resolve through search_path.
 */
const CHAIN_HEAD = CompiledQuery.raw(
  'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
);
const LINK_COLUMNS = 'seq, at, practice_id, referral_id, actor, action, data_json, prev_hash, hash';
const LINK_ARITY = 9;

/** `INSERT … VALUES (…), (…)` for `rows` links, in the dialect's placeholders. */
function insertLinks(dialect: StoreDialect, rows: number): string {
  const tuples = Array.from({ length: rows }, (_, r) => {
    const marks = Array.from({ length: LINK_ARITY }, (_, c) =>
      dialect === 'postgres' ? `$${r * LINK_ARITY + c + 1}` : '?',
    );
    return `(${marks.join(', ')})`;
  });
  return `INSERT INTO audit_events (${LINK_COLUMNS}) VALUES ${tuples.join(', ')}`;
}
const INSERT_ONE: Record<StoreDialect, string> = {
  sqlite: insertLinks('sqlite', 1),
  postgres: insertLinks('postgres', 1),
};

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
  const [event] = await appendAudits(trx, ctx, [draft]);
  if (!event) throw new Error('appendAudits returned no event for one draft');
  return event;
}

/** Rows per INSERT of a batch: well inside PostgreSQL's 65,535 bind parameters (9 per row). */
const BATCH_ROWS = 1000;

/**
 * Appends events in order inside the caller's transaction: one read of the chain's head and one
 * INSERT per thousand links, however many there are (a timer pass, a batch of deliveries).
 */
export async function appendAudits(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  drafts: readonly AuditDraft[],
): Promise<AuditEvent[]> {
  if (drafts.length === 0) return [];
  await lockAuditChain(trx, ctx);
  const last = (await trx.executeQuery<{ seq: number; hash: string }>(CHAIN_HEAD)).rows[0];
  let prevHash = last?.hash ?? GENESIS_HASH;
  let seq = Number(last?.seq ?? 0);
  const at = nowIso(ctx);
  const events = drafts.map((draft): AuditEvent => {
    seq += 1;
    const { practiceId, referralId, actor, action, data } = draft;
    const fields: HashedFields = { seq, at, practiceId, referralId, actor, action, data };
    const hash = chainHash(prevHash, fields);
    const event = { ...fields, prevHash, hash };
    prevHash = hash;
    return event;
  });
  for (let i = 0; i < events.length; i += BATCH_ROWS) {
    const chunk = events.slice(i, i + BATCH_ROWS);
    const sqlText =
      chunk.length === 1 ? INSERT_ONE[ctx.dialect] : insertLinks(ctx.dialect, chunk.length);
    const values = chunk.flatMap((e) => [
      e.seq,
      e.at,
      e.practiceId,
      e.referralId,
      e.actor,
      e.action,
      JSON.stringify(e.data),
      e.prevHash,
      e.hash,
    ]);
    await trx.executeQuery(CompiledQuery.raw(sqlText, values));
  }
  return events;
}

const SEQ_PAGE = 500;

/** Every row `page` returns after a seq, in seq order, one page at a time. */
export async function* inSeqOrder<T extends { seq: number }>(
  page: (afterSeq: number, limit: number) => Promise<T[]>,
  afterSeq = 0,
): AsyncGenerator<T> {
  let after = afterSeq;
  for (;;) {
    const rows = await page(after, SEQ_PAGE);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < SEQ_PAGE || last === undefined) return;
    after = Number(last.seq);
  }
}

/** The chain's rows after `afterSeq`, in order. */
export function auditRows(
  db: Kysely<StoreDatabase>,
  afterSeq = 0,
): AsyncGenerator<AuditEventsTable> {
  return inSeqOrder(
    (after, limit) =>
      db
        .selectFrom('audit_events')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq', 'asc')
        .limit(limit)
        .execute(),
    afterSeq,
  );
}

/** A row is sound when it points at the previous hash and its own hash matches its content. */
export function linksTo(row: AuditEventsTable, prevHash: string): boolean {
  if (row.prev_hash !== prevHash) return false;
  try {
    return chainHash(prevHash, rowToAuditEvent(row)) === row.hash;
  } catch {
    return false;
  }
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
