/** The queue page benchmark's look inside the default view: its parts timed alone, and the plans. */
import { randomBytes } from 'node:crypto';
import type { CompiledQuery, Kysely } from 'kysely';
import type { OpenStore } from '../src/adapters/store/index.js';
import { choicesQuery, queueQuery } from '../src/adapters/store/queue-repo.js';
import type { StoreDatabase } from '../src/adapters/store/schema.js';
import {
  FOLLOW_UP_KINDS,
  QueuePage,
  type QueuePageData,
} from '../src/http/workspace/queue-page.js';
import { FILTER, HOUR, NOW, PAGE_LIMIT, PRACTICE } from './queue-dataset.js';
import { type Summary, summarize } from './stats.js';

export type BackendName = 'sqlite' | 'postgres';

/** How many timed rounds, after how many untimed ones. */
export interface Rounds {
  n: number;
  warmup: number;
}

/**
 * The default view's parts alone, `n` rounds after `warmup`: each store read as `GET /workspace` makes
 * it, the four together as it makes them, and rendering the page (`QueuePage`, as `sendPage`
 * turns it into the body) from data read once.
 */
export async function timeParts(
  opened: OpenStore,
  { n, warmup }: Rounds,
): Promise<Array<Summary & { read: string }>> {
  const { queue, tasks } = opened.store;
  const [items, gates, open, specialties] = await Promise.all([
    queue.list({ practiceId: PRACTICE, gates: ['review'], limit: PAGE_LIMIT }),
    queue.counts(PRACTICE),
    tasks.list(PRACTICE, { status: 'open', limit: 500 }),
    queue.specialties(PRACTICE),
  ]);
  const followUps = open.filter((t) => FOLLOW_UP_KINDS.includes(t.kind));
  const data: QueuePageData = {
    filters: { view: 'review' },
    counts: {
      ...gates,
      follow_up: followUps.length,
      gap_in_care: open.filter((t) => t.kind === 'gap_in_care').length,
    },
    items,
    tasks: followUps,
    specialties,
    now: new Date(NOW),
  };
  const session = {
    sid: randomBytes(16).toString('base64url'),
    practiceId: PRACTICE,
    role: 'coordinator' as const,
    name: 'cora',
    via: 'token' as const,
    exp: NOW + HOUR,
  };
  const page = { session, csrf: randomBytes(32).toString('base64url') };
  const reads: Array<[string, () => Promise<unknown>]> = [
    [
      'queue.list (review, 200)',
      () => queue.list({ practiceId: PRACTICE, gates: ['review'], limit: PAGE_LIMIT }),
    ],
    [
      `queue.list (review, ${FILTER.specialty}, ${FILTER.urgency})`,
      () => queue.list({ practiceId: PRACTICE, gates: ['review'], limit: PAGE_LIMIT, ...FILTER }),
    ],
    ['queue.counts', () => queue.counts(PRACTICE)],
    ['tasks.list (open)', () => tasks.list(PRACTICE, { status: 'open', limit: 500 })],
    ['queue.specialties', () => queue.specialties(PRACTICE)],
    [
      'all four together (default view)',
      () =>
        Promise.all([
          queue.list({ practiceId: PRACTICE, gates: ['review'], limit: PAGE_LIMIT }),
          queue.counts(PRACTICE),
          tasks.list(PRACTICE, { status: 'open', limit: 500 }),
          queue.specialties(PRACTICE),
        ]),
    ],
    [
      `render QueuePage (${items.length} rows)`,
      async () => `<!DOCTYPE html>${await QueuePage({ data, page }).toString()}`,
    ],
  ];
  for (let i = 0; i < warmup; i++) for (const [, fn] of reads) await fn();
  const latencies = reads.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    for (const [r, [, fn]] of reads.entries()) {
      const t0 = performance.now();
      await fn();
      latencies[r]?.push(performance.now() - t0);
    }
  }
  return reads.map(([read], r) => {
    const ms = latencies[r] ?? [];
    return {
      read,
      ...summarize(
        ms,
        ms.reduce((a, b) => a + b, 0),
      ),
    };
  });
}

/**
 * The plans of the page's two heaviest reads, built by `queue-repo.ts` itself: the default queue
 * and the specialties it offers as a filter. On the benchmark's second connection; PostgreSQL's
 * with ANALYZE.
 */
export async function plans(raw: Kysely<StoreDatabase>, backend: BackendName) {
  const queue = queueQuery(raw, {
    practiceId: PRACTICE,
    gates: ['review'],
    limit: PAGE_LIMIT,
  }).compile();
  const explain = backend === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN (ANALYZE, BUFFERS) ';
  const plan = async (query: CompiledQuery) => {
    const { rows } = await raw.executeQuery<Record<string, unknown>>({
      ...query,
      sql: `${explain}${query.sql}`,
    });
    return rows.map((r) => String(backend === 'sqlite' ? r.detail : r['QUERY PLAN']));
  };
  return [
    { name: `queue.list (review, limit ${PAGE_LIMIT})`, lines: await plan(queue) },
    {
      name: 'queue.specialties',
      lines: await plan(choicesQuery(raw, PRACTICE, 'specialty', 'specialty_label').compile()),
    },
  ];
}
