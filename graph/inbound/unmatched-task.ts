import type { InboundMatch } from '../../agents/index.js';
import type { TaskDraft } from '../../src/domain/index.js';

/** The coordinator task for a message or document no single referral could take (no PHI). */
export function unmatchedTask(
  what: string,
  match: Exclude<InboundMatch, { kind: 'matched' }>,
): TaskDraft {
  if (match.kind === 'ambiguous') {
    return {
      kind: 'unmatched_message',
      title: `${what} matches ${match.referralIds.length} open referrals`,
      detail: `It could be for any of: ${match.referralIds.join(', ')}. Open it and file it against the right one; nothing was filed.`,
    };
  }
  return {
    kind: 'unmatched_message',
    title: `${what} matches no referral`,
    detail:
      match.reason === 'patient_mismatch'
        ? 'It quotes one of our referral ids but names another patient; nothing was filed. Check with the sender.'
        : 'No open referral has this patient (and specialist). File it by hand if it belongs to one; nothing was filed.',
  };
}
