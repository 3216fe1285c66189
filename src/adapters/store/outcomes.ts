import type { Kysely } from 'kysely';
import {
  type OutcomeMark,
  type OutcomeMilestone,
  type OutcomeRecord,
  type OutcomeStore,
  summarizeOutcomes,
} from '../../domain/index.js';
import type { StoreContext } from './context.js';
import type { ReferralOutcomesTable, StoreDatabase } from './schema.js';

type TimeColumn = 'seen_at' | 'consult_at' | 'declined_at' | 'expired_at' | 'cancelled_at';

/** The column each milestone sets the first time it happens (beyond `responded_at`). */
const FIRST_TIME: Partial<Record<OutcomeMilestone, TimeColumn>> = {
  seen: 'seen_at',
  consult_received: 'consult_at',
  declined: 'declined_at',
  expired: 'expired_at',
  cancelled: 'cancelled_at',
};
const ANSWERS: readonly OutcomeMilestone[] = [
  'acknowledged',
  'scheduled',
  'seen',
  'consult_received',
  'declined',
];

/**
 * Records one milestone inside the caller's transaction (the transition's): `sent` opens the
 * referral's record at this specialist; later milestones fill the first time of each, so a
 * repeat changes nothing. A milestone of a referral never sent leaves no record.
 */
export async function recordOutcome(
  trx: Kysely<StoreDatabase>,
  practiceId: string,
  referralId: string,
  mark: OutcomeMark,
): Promise<void> {
  const where = { practice_id: practiceId, referral_id: referralId, npi: mark.npi };
  const row = await trx
    .selectFrom('referral_outcomes')
    .selectAll()
    .where('practice_id', '=', where.practice_id)
    .where('referral_id', '=', where.referral_id)
    .where('npi', '=', where.npi)
    .executeTakeFirst();
  if (mark.milestone === 'sent') {
    if (!row)
      await trx
        .insertInto('referral_outcomes')
        .values({ ...where, sent_at: mark.at, no_shows: 0 })
        .execute();
    return;
  }
  if (!row) return;
  const column = FIRST_TIME[mark.milestone];
  const sinceSent = (at: string) => Date.parse(at) - Date.parse(row.sent_at);
  const changes: Partial<ReferralOutcomesTable> = {
    ...(ANSWERS.includes(mark.milestone) && row.responded_at === null
      ? { responded_at: mark.at, ms_to_answer: sinceSent(mark.at) }
      : {}),
    ...(column && row[column] === null ? { [column]: mark.at } : {}),
    ...(mark.milestone === 'scheduled' && row.appointment_at === null && mark.appointmentAt
      ? { appointment_at: mark.appointmentAt, ms_to_appointment: sinceSent(mark.appointmentAt) }
      : {}),
    ...(mark.milestone === 'no_show' ? { no_shows: Number(row.no_shows) + 1 } : {}),
  };
  if (Object.keys(changes).length === 0) return;
  await trx
    .updateTable('referral_outcomes')
    .set(changes)
    .where('practice_id', '=', where.practice_id)
    .where('referral_id', '=', where.referral_id)
    .where('npi', '=', where.npi)
    .execute();
}

/** The derived `ms_to_*` columns of an outcome row with these times (for rows written in bulk). */
export function outcomeDurations(row: {
  sent_at: string;
  responded_at?: string | null | undefined;
  appointment_at?: string | null | undefined;
}): Pick<ReferralOutcomesTable, 'ms_to_answer' | 'ms_to_appointment'> {
  const since = (at: string | null | undefined) =>
    at ? Date.parse(at) - Date.parse(row.sent_at) : null;
  return { ms_to_answer: since(row.responded_at), ms_to_appointment: since(row.appointment_at) };
}

const recordOf = (row: ReferralOutcomesTable): OutcomeRecord => ({
  npi: row.npi,
  sentAt: row.sent_at,
  respondedAt: row.responded_at,
  appointmentAt: row.appointment_at,
  seenAt: row.seen_at,
  consultAt: row.consult_at,
  declinedAt: row.declined_at,
  expiredAt: row.expired_at,
  cancelledAt: row.cancelled_at,
  noShows: Number(row.no_shows),
});

export function createOutcomeStore(ctx: StoreContext): OutcomeStore {
  return {
    async forSpecialists(practiceId, npis) {
      const wanted = [...new Set(npis)];
      if (wanted.length === 0) return [];
      const rows = await ctx.db
        .selectFrom('referral_outcomes')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('npi', 'in', wanted)
        .execute();
      const records = rows.map(recordOf);
      return wanted.map((npi) => summarizeOutcomes(npi, records));
    },
  };
}
