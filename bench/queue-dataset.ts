/**
 * The queue page benchmark's data: two practices' referrals, facts and tasks from one seed, the
 * batched load, and what each timed view must show.
 */
import type { Insertable, Kysely } from 'kysely';
import { threadIdFor } from '../graph/index.js';
import { SPECIALTIES, type SpecialtyKey } from '../retrieval/index.js';
import type {
  CoordinatorTasksTable,
  ReferralFactsTable,
  ReferralsTable,
  StoreDatabase,
} from '../src/adapters/store/schema.js';
import {
  type ReferralStatus,
  type TaskKind,
  URGENCY_RANK,
  type Urgency,
} from '../src/domain/index.js';
import { FOLLOW_UP_KINDS } from '../src/http/workspace/queue-page.js';
import { PAYERS, picker, seeded, type Weighted } from './seeded.js';

/** The page shows at most this many referrals (`routes.tsx`); the API baseline asks for as many. */
export const PAGE_LIMIT = 200;
export const PRACTICE = 'practice-bench';
export const NOISE_PRACTICE = 'practice-noise';
export const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 500;
/** The clock of the app stands here; every referral was created before it. */
export const NOW = Date.parse('2026-03-02T15:00:00.000Z');

/** Where a referral stands, and the gate or wait that goes with it (`pending_interrupt_kind`). */
const STATES: Weighted<[ReferralStatus, string | null]> = [
  [['pending_review', 'review'], 15],
  [['exception', 'exception'], 3],
  [['approved', 'await-delivery'], 2],
  [['sent', 'await-response'], 10],
  [['acknowledged', 'await-response'], 5],
  [['scheduled', 'await-visit'], 12],
  [['seen', 'await-consult'], 8],
  [['consult_received', null], 3],
  [['closed', null], 30],
  [['rejected', null], 3],
  [['declined', null], 3],
  [['cancelled', null], 3],
  [['expired', null], 3],
];
const QUEUE_SPECIALTIES: Weighted<SpecialtyKey> = [
  ['retina', 30],
  ['glaucoma', 25],
  ['cornea', 15],
  ['oculoplastics', 12],
  ['neuro-ophthalmology', 10],
  ['uveitis', 8],
];
const URGENCIES: Weighted<Urgency> = [
  ['routine', 70],
  ['urgent', 22],
  ['emergent', 8],
];
const TASK_KINDS: Weighted<TaskKind> = [
  ['follow_up', 40],
  ['gap_in_care', 25],
  ['exception', 12],
  ['no_show', 8],
  ['delivery_failed', 7],
  ['expired', 5],
  ['unmatched_message', 3],
];
/** The milestone each later status has reached (`referral_facts`). */
const REACHED: Partial<Record<ReferralStatus, number>> = {
  approved: 1,
  sent: 2,
  acknowledged: 2,
  scheduled: 3,
  seen: 4,
  consult_received: 5,
  closed: 6,
  declined: 2,
  expired: 2,
};
/** The filtered view of the benchmark: one specialty and one urgency. */
export const FILTER = { specialty: 'retina', urgency: 'urgent' } as const;

export interface Dataset {
  referrals: Insertable<ReferralsTable>[];
  facts: Insertable<ReferralFactsTable>[];
  tasks: Insertable<CoordinatorTasksTable>[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** `count` referrals of `practiceId` with their facts, and `openTasks` open tasks (3× as many done). */
function generatePractice(
  practiceId: string,
  count: number,
  openTasks: number,
  random: () => number,
  into: Dataset,
) {
  const pick = picker(random);
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `ref-${String(i).padStart(6, '0')}`;
    ids.push(id);
    const [status, kind] = pick(STATES);
    const atGate = kind === 'review' || kind === 'exception';
    // Waiting referrals are recent; the rest are spread over the last year.
    const createdMs = NOW - Math.floor(random() * (atGate ? 21 : 365) * DAY) - HOUR;
    const updatedMs = Math.min(
      NOW,
      createdMs + Math.floor(random() * (atGate ? 2 * HOUR : 30 * DAY)) + 60_000,
    );
    const specialty = pick(QUEUE_SPECIALTIES);
    // Some exceptions stop before a specialty was planned ("Not yet planned" in the queue).
    const planned = status !== 'exception' || random() >= 0.3;
    const [payerId, payerName] = pick(PAYERS);
    into.referrals.push({
      id,
      practice_id: practiceId,
      thread_id: threadIdFor({ practiceId, referralId: id }),
      status,
      mode: 'assist',
      referral_type: planned ? specialty : 'unmapped',
      pending_interrupt_id: kind ? `intr-${practiceId}-${i}` : null,
      pending_interrupt_kind: kind,
      created_at: iso(createdMs),
      updated_at: iso(updatedMs),
    });
    const reached = REACHED[status] ?? 0;
    const milestone = (step: number) =>
      reached >= step ? Math.min(NOW, createdMs + step * 3 * DAY) : null;
    into.facts.push({
      practice_id: practiceId,
      referral_id: id,
      created_ms: createdMs,
      specialty: planned ? specialty : null,
      specialty_label: planned ? SPECIALTIES[specialty].label : null,
      urgency: pick(URGENCIES),
      payer_id: payerId,
      payer_name: payerName,
      specialist_npi: null,
      in_network: reached >= 2 ? 1 : null,
      exception_reason: status === 'exception' ? 'no_valid_candidate' : null,
      reviewed_ms: milestone(1),
      sent_ms: milestone(2),
      scheduled_ms: milestone(3),
      seen_ms: milestone(4),
      consult_ms: milestone(5),
      closed_ms: milestone(6),
    });
  }
  for (let t = 1; t <= openTasks * 4; t++) {
    const kind = pick(TASK_KINDS);
    const referralId =
      kind === 'unmatched_message' ? null : (ids[Math.floor(random() * ids.length)] ?? null);
    const open = t <= openTasks;
    into.tasks.push({
      id: `task-${practiceId}-${String(t).padStart(6, '0')}`,
      key: `${practiceId}|${kind}|${referralId ?? 'none'}|${t}`,
      practice_id: practiceId,
      referral_id: referralId,
      kind,
      title: `Bench task ${t}: ${kind.replaceAll('_', ' ')}`,
      detail: 'Call the specialist office and record what they say.',
      status: open ? 'open' : 'done',
      created_at: iso(NOW - Math.floor(random() * (open ? 14 : 120) * DAY)),
    });
  }
}

export interface DatasetSize {
  referrals: number;
  noise: number;
  openTasks: number;
  seed: number;
}

export function generate({ referrals, noise, openTasks, seed }: DatasetSize): Dataset {
  const random = seeded(seed);
  const data: Dataset = { referrals: [], facts: [], tasks: [] };
  generatePractice(PRACTICE, referrals, openTasks, random, data);
  generatePractice(NOISE_PRACTICE, noise, Math.round(openTasks / 2), random, data);
  return data;
}

/** Every row in batches of `BATCH`, in one transaction. */
export async function load(db: Kysely<StoreDatabase>, data: Dataset) {
  const batches = <T>(rows: T[]) =>
    Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, b) =>
      rows.slice(b * BATCH, (b + 1) * BATCH),
    );
  await db.transaction().execute(async (trx) => {
    for (const rows of batches(data.referrals))
      await trx.insertInto('referrals').values(rows).execute();
    for (const rows of batches(data.facts))
      await trx.insertInto('referral_facts').values(rows).execute();
    for (const rows of batches(data.tasks)) {
      await trx.insertInto('coordinator_tasks').values(rows).execute();
    }
  });
}

/** What each timed request must show: how many rows, and their ids in order. */
export interface Expected {
  rows: number;
  ids: string[];
}

export function expectations(data: Dataset) {
  const urgencyOf = new Map(
    data.facts.filter((f) => f.practice_id === PRACTICE).map((f) => [f.referral_id, f]),
  );
  const mine = data.referrals.filter((r) => r.practice_id === PRACTICE);
  const rank = (id: string) => {
    const u = urgencyOf.get(id)?.urgency as Urgency | null | undefined;
    return u ? URGENCY_RANK[u] : 3;
  };
  const queue = (gate: string, filter?: typeof FILTER): Expected => {
    const rows = mine
      .filter((r) => r.pending_interrupt_kind === gate)
      .filter((r) => {
        const f = urgencyOf.get(r.id);
        return !filter || (f?.specialty === filter.specialty && f?.urgency === filter.urgency);
      })
      .sort(
        (a, b) =>
          rank(a.id) - rank(b.id) ||
          a.created_at.localeCompare(b.created_at) ||
          a.id.localeCompare(b.id),
      )
      .slice(0, PAGE_LIMIT);
    return { rows: rows.length, ids: rows.map((r) => r.id) };
  };
  const followUps = data.tasks
    .filter((t) => t.practice_id === PRACTICE && t.status === 'open')
    .filter((t) => FOLLOW_UP_KINDS.some((kind) => kind === t.kind))
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.key.localeCompare(a.key));
  const api = mine
    .filter((r) => r.status === 'pending_review')
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id))
    .slice(0, PAGE_LIMIT);
  return {
    review: queue('review'),
    filtered: queue('review', FILTER),
    exception: queue('exception'),
    followUp: { rows: followUps.length, ids: followUps.map((t) => t.id) },
    api: { rows: api.length, ids: api.map((r) => r.id) },
  };
}

/** The ids a response shows, in order. */
export function idsInHtml(html: string, attribute: 'data-referral' | 'data-task'): string[] {
  return [...html.matchAll(new RegExp(`${attribute}="([^"]+)"`, 'g'))].map((m) => m[1] ?? '');
}

export function idsInJson(body: string): string[] {
  const parsed = JSON.parse(body) as { data: Array<{ id: string }> };
  return parsed.data.map((r) => r.id);
}
