import { type RawBuilder, type SqlBool, sql } from 'kysely';
import {
  type AnalyticsFilter,
  type AnalyticsStore,
  CYCLE_INTERVALS,
  type CycleInterval,
  creationWindow,
  DAY_MS,
  type DurationQuantiles,
  quantilesOf,
  type TallyCounter,
  type TallyCounts,
  type TallyDimension,
  utcDate,
} from '../../domain/index.js';
import type { StoreContext, StoreDialect } from './context.js';

/** The filtered referrals of one practice, as a condition on `referral_facts f`. */
function matching(practiceId: string, filter: AnalyticsFilter): RawBuilder<SqlBool> {
  const { fromMs, untilMs } = creationWindow(filter);
  const conditions = [
    sql`f.practice_id = ${practiceId}`,
    ...(fromMs === undefined ? [] : [sql`f.created_ms >= ${fromMs}`]),
    ...(untilMs === undefined ? [] : [sql`f.created_ms < ${untilMs}`]),
    ...(filter.specialty ? [sql`f.specialty = ${filter.specialty}`] : []),
    ...(filter.payer ? [sql`f.payer_id = ${filter.payer}`] : []),
    ...(filter.urgency ? [sql`f.urgency = ${filter.urgency}`] : []),
  ];
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

/** Milestones in funnel order: reaching one implies the ones before, even when not recorded. */
const FUNNEL_MILESTONES = ['reviewed_ms', 'sent_ms', 'scheduled_ms', 'seen_ms', 'consult_ms'];

const countWhere = (condition: RawBuilder<unknown>) => sql`count(*) filter (where ${condition})`;

const reached = (milestone: string) =>
  countWhere(
    sql`coalesce(${sql.join(
      FUNNEL_MILESTONES.slice(FUNNEL_MILESTONES.indexOf(milestone)).map((m) => sql.ref(`f.${m}`)),
    )}) is not null`,
  );

const COUNTERS: Record<TallyCounter, RawBuilder<unknown>> = {
  created: sql`count(*)`,
  reviewed: reached('reviewed_ms'),
  sent: reached('sent_ms'),
  scheduled: reached('scheduled_ms'),
  seen: reached('seen_ms'),
  consulted: countWhere(sql`f.consult_ms is not null`),
  closed: countWhere(sql`f.consult_ms is not null and f.closed_ms is not null`),
  outOfNetwork: countWhere(sql`f.sent_ms is not null and f.in_network = 0`),
  noInNetworkOption: countWhere(sql`f.no_in_network_option = 1`),
  llmAttempts: sql`sum(f.llm_attempts)`,
  llmFallbacks: sql`sum(f.llm_fallbacks)`,
};

/** Each dimension's group value and label; `all` is one group. */
const GROUPS: Record<TallyDimension, { key: RawBuilder<unknown>; label: RawBuilder<unknown> }> = {
  all: { key: sql`null`, label: sql`null` },
  day: { key: sql`f.created_ms / ${sql.lit(DAY_MS)}`, label: sql`null` },
  specialty: { key: sql`f.specialty`, label: sql`max(f.specialty_label)` },
  payer: { key: sql`f.payer_id`, label: sql`max(f.payer_name)` },
  exception: { key: sql`f.exception_reason`, label: sql`null` },
};

type TallyRow = { group_key: unknown; group_label: string | null } & Record<string, unknown>;

/** PostgreSQL returns counts and sums as strings, SQLite an empty sum as null. */
const asNumber = (value: unknown) => Number(value ?? 0);

const INTERVAL_ENDS: Record<CycleInterval, [string, string]> = {
  'created-to-reviewed': ['created_ms', 'reviewed_ms'],
  'reviewed-to-sent': ['reviewed_ms', 'sent_ms'],
  'sent-to-scheduled': ['sent_ms', 'scheduled_ms'],
  'seen-to-consult': ['seen_ms', 'consult_ms'],
};

const intervalColumn = (interval: CycleInterval) => interval.replaceAll('-', '_');

/**
 * Whole milliseconds, as one comma-separated list per group rather than a row each: reading a
 * hundred thousand rows cost the drivers more than the query (bench/analytics-queries.ts).
 */
function msList(dialect: StoreDialect, milliseconds: RawBuilder<unknown>) {
  const text = sql`cast(${milliseconds} as text)`;
  return dialect === 'postgres' ? sql`string_agg(${text}, ',')` : sql`group_concat(${text}, ',')`;
}
/** Integers and commas only: JSON reads them faster than splitting does. */
const msOf = (list: unknown): number[] => (typeof list === 'string' ? JSON.parse(`[${list}]`) : []);

type Row = Record<string, unknown>;

/** PostgreSQL takes an interval's quantiles itself; SQLite cannot, so it lists the durations. */
const INTERVAL_QUANTILES: Record<
  StoreDialect,
  {
    select(ms: RawBuilder<unknown>, column: string): RawBuilder<unknown>;
    read(row: Row, column: string): DurationQuantiles;
  }
> = {
  postgres: {
    select: (ms, column) =>
      sql`percentile_cont(array[0.5, 0.9]) within group (order by ${ms}) as ${sql.ref(column)},
        count(${ms}) as ${sql.ref(`${column}_n`)}`,
    read(row, column) {
      const [p50Ms = null, p90Ms = null] = (row[column] as number[] | null) ?? [];
      return { n: asNumber(row[`${column}_n`]), p50Ms, p90Ms };
    },
  },
  sqlite: {
    select: (ms, column) => sql`${msList('sqlite', ms)} as ${sql.ref(column)}`,
    read: (row, column) => quantilesOf(msOf(row[column])),
  },
};

/**
 * The list of milliseconds from each outcome's sending to a later first time (ISO-8601 text
 * columns), for the outcomes that have one.
 */
/** The durations of one `ms_to_*` column of the outcomes grouped, as a list. */
function msSinceSent(ctx: StoreContext, column: 'o.ms_to_answer' | 'o.ms_to_appointment') {
  const ms = sql.ref(column);
  return sql`${msList(ctx.dialect, ms)} filter (where ${ms} is not null)`;
}

/**
 * Every outcome is of a referral that has a facts row (both are written by its transitions), so
 * only a filter that narrows the referrals needs to join them; then the filtered referrals lead
 * (SQLite keeps the left table of a CROSS JOIN outer; PostgreSQL plans it as any join).
 */
const narrows = (filter: AnalyticsFilter) => Object.values(filter).some((v) => v !== undefined);

type SpecialistRow = {
  npi: string;
  sent: unknown;
  with_appointment: unknown;
  no_shows: unknown;
  declined: unknown;
  consulted: unknown;
  ended: unknown;
  ms_to_answer: unknown;
  ms_to_appointment: unknown;
};

export function createAnalyticsStore(ctx: StoreContext): AnalyticsStore {
  return {
    async tally(practiceId, filter, by, counters) {
      const group = GROUPS[by];
      const { rows } = await sql<TallyRow>`
        select ${group.key} as group_key, ${group.label} as group_label,
          ${sql.join(counters.map((name) => sql`${COUNTERS[name]} as ${sql.ref(name)}`))}
        from referral_facts f
        where ${matching(practiceId, filter)}
        ${by === 'all' ? sql`` : sql`group by ${group.key}`}`.execute(ctx.db);
      return rows.map((row) => ({
        key:
          row.group_key === null
            ? null
            : by === 'day'
              ? utcDate(Number(row.group_key) * DAY_MS)
              : String(row.group_key),
        label: row.group_label,
        ...(Object.fromEntries(counters.map((name) => [name, asNumber(row[name])])) as Pick<
          TallyCounts,
          (typeof counters)[number]
        >),
      }));
    },

    async cycleTimes(practiceId, filter) {
      const quantiles = INTERVAL_QUANTILES[ctx.dialect];
      const columns = CYCLE_INTERVALS.map((interval) => {
        const [start, end] = INTERVAL_ENDS[interval];
        const ms = sql`${sql.ref(`f.${end}`)} - ${sql.ref(`f.${start}`)}`;
        return quantiles.select(ms, intervalColumn(interval));
      });
      const { rows } = await sql<Row>`
        select ${sql.join(columns)} from referral_facts f
        where ${matching(practiceId, filter)}`.execute(ctx.db);
      return Object.fromEntries(
        CYCLE_INTERVALS.map((interval) => [
          interval,
          quantiles.read(rows[0] ?? {}, intervalColumn(interval)),
        ]),
      ) as Record<CycleInterval, DurationQuantiles>;
    },

    async specialists(practiceId, filter) {
      const [outcomes, ofFilteredReferrals] = narrows(filter)
        ? [
            sql`referral_facts f cross join referral_outcomes o`,
            sql`and o.referral_id = f.referral_id and ${matching(practiceId, filter)}`,
          ]
        : [sql`referral_outcomes o`, sql``];
      const ended = sql`o.consult_at is not null or o.declined_at is not null
        or o.expired_at is not null`;
      const { rows } = await sql<SpecialistRow>`
        select o.npi,
          count(*) as sent,
          ${countWhere(sql`o.appointment_at is not null or o.no_shows > 0`)} as with_appointment,
          ${countWhere(sql`o.no_shows > 0`)} as no_shows,
          ${countWhere(sql`o.declined_at is not null`)} as declined,
          ${countWhere(sql`o.consult_at is not null`)} as consulted,
          ${countWhere(ended)} as ended,
          ${msSinceSent(ctx, 'o.ms_to_answer')} as ms_to_answer,
          ${msSinceSent(ctx, 'o.ms_to_appointment')} as ms_to_appointment
        from ${outcomes}
        where o.practice_id = ${practiceId} and o.cancelled_at is null ${ofFilteredReferrals}
        group by o.npi`.execute(ctx.db);
      return rows.map((row) => ({
        npi: row.npi,
        sent: asNumber(row.sent),
        msToAnswer: msOf(row.ms_to_answer),
        msToAppointment: msOf(row.ms_to_appointment),
        withAppointment: asNumber(row.with_appointment),
        noShows: asNumber(row.no_shows),
        declined: asNumber(row.declined),
        consulted: asNumber(row.consulted),
        ended: asNumber(row.ended),
      }));
    },
  };
}
