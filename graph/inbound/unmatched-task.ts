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
  if (match.reason === 'patient_mismatch') {
    const [quoted, ...others] = match.referralIds;
    const elsewhere =
      others.length > 0
        ? ` Its patient's identifiers point to ${others.join(', ')} instead.`
        : ' Its MRN, name and birth date do not confirm that referral’s patient.';
    return {
      kind: 'unmatched_message',
      title: `${what} quotes referral ${quoted} but its patient does not match`,
      detail: `It quotes our referral id ${quoted} but may name another patient; nothing was filed.${elsewhere} Candidates: ${match.referralIds.join(', ')}. Check with the sender, then file it against the right one.`,
    };
  }
  return {
    kind: 'unmatched_message',
    title: `${what} matches no referral`,
    detail:
      'No open referral has this patient (and specialist). File it by hand if it belongs to one; nothing was filed.',
  };
}
