import { AuditDraft, type AuditLog } from '../../domain/index.js';
import { appendAudit, chainHash, GENESIS_HASH, rowToAuditEvent } from './audit-chain.js';
import type { StoreContext } from './context.js';

const VERIFY_BATCH = 500;

export function createAuditLog(ctx: StoreContext): AuditLog {
  return {
    async append(draft) {
      const valid = AuditDraft.parse(draft);
      return ctx.db.transaction().execute((trx) => appendAudit(trx, ctx, valid));
    },

    async list(practiceId, referralId) {
      const rows = await ctx.db
        .selectFrom('audit_events')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('referral_id', '=', referralId)
        .orderBy('seq', 'asc')
        .execute();
      return rows.map(rowToAuditEvent);
    },

    async verify() {
      let prevHash = GENESIS_HASH;
      let lastSeq = 0;
      let checked = 0;
      for (;;) {
        const rows = await ctx.db
          .selectFrom('audit_events')
          .selectAll()
          .where('seq', '>', lastSeq)
          .orderBy('seq', 'asc')
          .limit(VERIFY_BATCH)
          .execute();
        for (const row of rows) {
          const seq = Number(row.seq);
          if (seq !== lastSeq + 1 || !linksTo(row, prevHash))
            return { ok: false, checked, firstBadSeq: seq };
          prevHash = row.hash;
          lastSeq = seq;
          checked += 1;
        }
        if (rows.length < VERIFY_BATCH) return { ok: true, checked, firstBadSeq: null };
      }
    },
  };
}

/** A row is sound when it points at the previous hash and its own hash matches its content. */
function linksTo(row: Parameters<typeof rowToAuditEvent>[0], prevHash: string): boolean {
  if (row.prev_hash !== prevHash) return false;
  try {
    const event = rowToAuditEvent(row);
    return chainHash(prevHash, event) === row.hash;
  } catch {
    return false;
  }
}
