import { type Kysely, sql } from 'kysely';
import {
  QUEUE_GATES,
  type QueueQuery,
  type QueueRepo,
  URGENCY_RANK,
  Urgency,
} from '../../domain/index.js';
import type { StoreContext } from './context.js';
import { rowToReferral } from './referral-rows.js';
import type { StoreDatabase } from './schema.js';

const urgencyRank = sql<number>`case referral_facts.urgency ${sql.join(
  Object.entries(URGENCY_RANK).map(([u, rank]) => sql`when ${u} then ${sql.lit(rank)}`),
  sql` `,
)} else ${sql.lit(Object.keys(URGENCY_RANK).length)} end`;

/** The queue's query: most urgent, then oldest first (built here for the repo and its benchmark). */
export function queueQuery(db: Kysely<StoreDatabase>, query: QueueQuery) {
  return db
    .selectFrom('referrals')
    .leftJoin('referral_facts', (j) =>
      j
        .onRef('referral_facts.practice_id', '=', 'referrals.practice_id')
        .onRef('referral_facts.referral_id', '=', 'referrals.id'),
    )
    .selectAll('referrals')
    .select([
      'referral_facts.specialty as fact_specialty',
      'referral_facts.specialty_label as fact_specialty_label',
      'referral_facts.urgency as fact_urgency',
    ])
    .where('referrals.practice_id', '=', query.practiceId)
    .where('referrals.pending_interrupt_kind', 'in', [...query.gates])
    .$if(query.specialty !== undefined, (q) =>
      q.where('referral_facts.specialty', '=', query.specialty ?? ''),
    )
    .$if(query.urgency !== undefined, (q) =>
      q.where('referral_facts.urgency', '=', query.urgency ?? ''),
    )
    .$if(query.createdBefore !== undefined, (q) =>
      q.where('referrals.created_at', '<', query.createdBefore ?? ''),
    )
    .orderBy(urgencyRank)
    .orderBy('referrals.created_at', 'asc')
    .orderBy('referrals.id', 'asc')
    .limit(query.limit);
}

/** The filter choices: one row per distinct key of the practice's referrals, with its label. */
export function choicesQuery(
  db: Kysely<StoreDatabase>,
  practiceId: string,
  key: 'specialty' | 'payer_id',
  label: 'specialty_label' | 'payer_name',
) {
  return db
    .selectFrom('referral_facts')
    .select([`${key} as key`, (eb) => eb.fn.max(label).as('label')])
    .where('practice_id', '=', practiceId)
    .where(key, 'is not', null)
    .groupBy(key)
    .orderBy(key);
}

/** The review queue: referrals at a human gate joined to their facts (specialty, urgency). */
export function createQueueRepo(ctx: StoreContext): QueueRepo {
  const distinct = async (
    practiceId: string,
    key: 'specialty' | 'payer_id',
    label: 'specialty_label' | 'payer_name',
  ) => {
    const rows = await choicesQuery(ctx.db, practiceId, key, label).execute();
    return rows.map((r) => ({ key: r.key ?? '', label: r.label ?? r.key ?? '' }));
  };

  return {
    async list(query) {
      const rows = await queueQuery(ctx.db, query).execute();
      return rows.map((row) => {
        const urgency = Urgency.safeParse(row.fact_urgency);
        return {
          record: rowToReferral(row),
          specialty: row.fact_specialty,
          specialtyLabel: row.fact_specialty_label,
          urgency: urgency.success ? urgency.data : null,
        };
      });
    },

    async counts(practiceId) {
      const rows = await ctx.db
        .selectFrom('referrals')
        .select(['pending_interrupt_kind', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('practice_id', '=', practiceId)
        .where('pending_interrupt_kind', 'in', [...QUEUE_GATES])
        .groupBy('pending_interrupt_kind')
        .execute();
      const counts = { review: 0, exception: 0 };
      for (const row of rows) {
        if (row.pending_interrupt_kind === 'review') counts.review = Number(row.n);
        if (row.pending_interrupt_kind === 'exception') counts.exception = Number(row.n);
      }
      return counts;
    },

    specialties: (practiceId) => distinct(practiceId, 'specialty', 'specialty_label'),
    payers: (practiceId) => distinct(practiceId, 'payer_id', 'payer_name'),
  };
}
