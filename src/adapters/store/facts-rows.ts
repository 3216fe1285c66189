import type { Kysely, Updateable } from 'kysely';
import type { ReferralFacts, ReferralStatus } from '../../domain/index.js';
import type { FACT_MILESTONES } from './facts-migration.js';
import type { ReferralFactsTable, StoreDatabase } from './schema.js';

type FactChanges = Updateable<ReferralFactsTable>;

type Milestone = (typeof FACT_MILESTONES)[number];

/** The milestone a move records the first time it happens. */
function milestoneOf(from: ReferralStatus, to: ReferralStatus): Milestone | null {
  if (from === 'pending_review' && (to === 'approved' || to === 'rejected' || to === 'cancelled'))
    return 'reviewed_ms';
  const byStatus: Partial<Record<ReferralStatus, Milestone>> = {
    sent: 'sent_ms',
    scheduled: 'scheduled_ms',
    seen: 'seen_ms',
    consult_received: 'consult_ms',
    closed: 'closed_ms',
  };
  return from === to ? null : (byStatus[to] ?? null);
}

const flag = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

function dimensionsOf(f: ReferralFacts): FactChanges {
  const all: Record<string, unknown> = {
    specialty: f.specialty,
    specialty_label: f.specialtyLabel,
    urgency: f.urgency,
    payer_id: f.payerId,
    payer_name: f.payerName,
    specialist_npi: f.specialistNpi,
    in_network: flag(f.inNetwork),
    exception_reason: f.exceptionReason,
    ...(f.noInNetworkOption ? { no_in_network_option: 1 } : {}),
    ...(f.llmAttempts === null ? {} : { llm_attempts: f.llmAttempts }),
    ...(f.llmFallbacks === null ? {} : { llm_fallbacks: f.llmFallbacks }),
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null)) as FactChanges;
}

/** Creates the referral's facts row (when it has none), inside the caller's transaction. */
export async function insertFacts(
  trx: Kysely<StoreDatabase>,
  input: { practiceId: string; referralId: string; createdAt: string },
): Promise<void> {
  await trx
    .insertInto('referral_facts')
    .values({
      practice_id: input.practiceId,
      referral_id: input.referralId,
      created_ms: Date.parse(input.createdAt),
    })
    .onConflict((oc) => oc.columns(['practice_id', 'referral_id']).doNothing())
    .execute();
}

/**
 * Records a move in the facts row, inside the transition's transaction: the dimensions the move
 * knows (nulls keep what is there) and the first time of the milestone it reaches.
 */
export async function recordFacts(
  trx: Kysely<StoreDatabase>,
  input: {
    practiceId: string;
    referralId: string;
    createdAt: string;
    from: ReferralStatus;
    to: ReferralStatus;
    at: string;
    facts: ReferralFacts | undefined;
  },
): Promise<void> {
  await insertFacts(trx, input);
  const milestone = milestoneOf(input.from, input.to);
  const changes = input.facts ? dimensionsOf(input.facts) : {};
  if (Object.keys(changes).length > 0) {
    await trx
      .updateTable('referral_facts')
      .set(changes)
      .where('practice_id', '=', input.practiceId)
      .where('referral_id', '=', input.referralId)
      .execute();
  }
  if (milestone) {
    await trx
      .updateTable('referral_facts')
      .set({ [milestone]: Date.parse(input.at) })
      .where('practice_id', '=', input.practiceId)
      .where('referral_id', '=', input.referralId)
      .where(milestone, 'is', null)
      .execute();
  }
}
