import { ReferralRecord } from '../../domain/index.js';
import type { ReferralsTable } from './schema.js';

export function rowToReferral(row: ReferralsTable): ReferralRecord {
  return ReferralRecord.parse({
    id: row.id,
    practiceId: row.practice_id,
    threadId: row.thread_id,
    status: row.status,
    mode: row.mode,
    referralType: row.referral_type,
    pendingInterruptId: row.pending_interrupt_id,
    pendingInterruptKind: row.pending_interrupt_kind,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
