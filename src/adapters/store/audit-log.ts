import { AppError, AuditDraft, type AuditLog } from '../../domain/index.js';
import { writeCheckpoint } from './audit-anchors.js';
import { appendAudit, rowToAuditEvent } from './audit-chain.js';
import { verifyAudit } from './audit-verify.js';
import type { StoreContext } from './context.js';

/** `anchorKey` signs the chain's checkpoints; it comes from configuration, never the database. */
export function createAuditLog(ctx: StoreContext, anchorKey?: string): AuditLog {
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

    async anchor() {
      if (anchorKey === undefined)
        throw new AppError('CONFIG_INVALID', 'The store was opened without an audit anchor key');
      return writeCheckpoint(ctx, anchorKey);
    },

    verify: () => verifyAudit(ctx, anchorKey),
  };
}
