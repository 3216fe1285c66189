import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyCheckpoint } from '@langchain/langgraph-checkpoint';
import { afterEach, describe, expect, it } from 'vitest';
import { type OpenStore, openStore } from '../../src/adapters/store/index.js';
import {
  type DirectoryProfile,
  NO_FACTS,
  type ReferralFacts,
  type ReferralStatus,
} from '../../src/domain/index.js';
import { runDriftCheck } from './run-drift-check.js';

const PRACTICE = 'practice-drift';
const NOW = new Date('2026-03-15T12:00:00.000Z');
const DAY = 86_400_000;
/** Day 0 of the current window (2026-03-09) and of the baseline (2026-02-09). */
const CURRENT_FROM = Date.parse('2026-03-09T00:00:00.000Z');
const BASELINE_FROM = Date.parse('2026-02-09T00:00:00.000Z');
const KM = [3, 7, 15, 30, 60];

interface Seeded {
  specialty: string;
  exception: boolean;
  km: number;
}

/** Ten referrals' worth of a mix: `specialties` in order, the first `exceptions` of them exceptions. */
function mix(specialties: Record<string, number>, exceptions: number): Seeded[] {
  const keys = Object.entries(specialties).flatMap(([k, n]) => Array<string>(n).fill(k));
  return keys.map((specialty, i) => ({
    specialty,
    exception: i < exceptions,
    km: KM[i % 5] as number,
  }));
}
const STABLE_MIX = mix({ retina: 5, glaucoma: 3, cornea: 2 }, 2);
const SHIFTED_MIX = mix({ retina: 2, glaucoma: 3, cornea: 2, 'neuro-ophthalmology': 3 }, 4);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function openTemp() {
  const dir = mkdtempSync(join(tmpdir(), 'drift-check-'));
  dirs.push(dir);
  let now = NOW;
  const opened = await openStore(
    { kind: 'sqlite', path: join(dir, 'referrals.sqlite') },
    { clock: { now: () => now } },
  );
  return { opened, setNow: (d: Date) => (now = d) };
}

/** One referral through the store's own moves: enriched, then sent or stopped at an exception. */
async function seedReferral(
  t: Awaited<ReturnType<typeof openTemp>>,
  id: string,
  at: number,
  r: Seeded,
) {
  const { store, checkpointer } = t.opened;
  t.setNow(new Date(at));
  const threadId = `thread-${id}`;
  await store.referrals.createReferral({ id, practiceId: PRACTICE, threadId });
  const facts: ReferralFacts = { ...NO_FACTS, specialty: r.specialty, specialtyLabel: r.specialty };
  const move = (to: ReferralStatus, more: Partial<ReferralFacts> = {}) =>
    store.referrals.applyTransition({
      practiceId: PRACTICE,
      referralId: id,
      to,
      actor: 'system',
      key: `${id}|${to}`,
      facts: { ...facts, ...more },
    });
  await move('search_initiated');
  if (r.exception) {
    await move('exception', { exceptionReason: 'no_valid_candidate' });
  } else {
    await move('candidates_identified');
    await move('approved');
    await move('sent', { inNetwork: true, specialistNpi: '1000000001' });
  }
  const candidates = [
    { candidateId: 'a@loc-1', distanceKm: r.km },
    { candidateId: 'b@loc-2', distanceKm: r.km + 40 },
  ];
  const checkpoint = {
    ...emptyCheckpoint(),
    channel_values: r.exception
      ? { candidates: [], recommendedId: null }
      : { candidates, recommendedId: 'a@loc-1' },
  };
  await checkpointer.put(
    { configurable: { thread_id: threadId, checkpoint_ns: '' } },
    checkpoint,
    { source: 'loop', step: 1, parents: {} },
    {},
  );
}

/** 120 baseline referrals over 28 days and 60 current ones over 7 (before `NOW` on its day). */
async function seedWindows(t: Awaited<ReturnType<typeof openTemp>>, current: readonly Seeded[]) {
  for (let i = 0; i < 120; i++) {
    const at = BASELINE_FROM + (i % 28) * DAY + (8 + Math.floor(i / 28)) * 3_600_000;
    await seedReferral(t, `b-${i}`, at, STABLE_MIX[i % 10] as Seeded);
  }
  for (let i = 0; i < 60; i++) {
    const at = CURRENT_FROM + (i % 7) * DAY + (2 + Math.floor(i / 7)) * 600_000;
    await seedReferral(t, `c-${i}`, at, current[i % 10] as Seeded);
  }
}

/** A plan-net profile in network `net-a` (evals may not import the test fixtures). */
const profile = (npi: string): DirectoryProfile => ({
  npi,
  name: `Dr ${npi}`,
  taxonomyCodes: ['207WX0107X'],
  locations: [
    {
      id: `loc-${npi}`,
      name: 'Clinic',
      line: '1 Main St',
      city: 'Providence',
      state: 'RI',
      postalCode: '02903',
      position: { lat: 41.83, lon: -71.41 },
      phone: null,
      fax: '401-555-0000',
      acceptingNewPatients: null,
    },
  ],
  networkIds: ['net-a'],
  languages: ['en'],
  acceptingNewPatients: true,
  endpoints: [{ channel: 'direct', address: `dr${npi}@direct.example.org` }],
  preferredChannel: 'direct',
  metrics: { waitDays: null, rating: null, loopClosureRate: null },
  active: true,
  source: 'plan-net',
});

/** Two imports of 20 profiles; `dropNetworks` takes the network off a quarter of them. */
async function seedImports(t: Awaited<ReturnType<typeof openTemp>>, dropNetworks: boolean) {
  const { opened } = t;
  const profiles = Array.from({ length: 20 }, (_, i) =>
    profile(`10000000${String(i).padStart(2, '0')}`),
  );
  t.setNow(new Date(NOW.getTime() - 7 * DAY));
  await opened.store.directory.upsertProfiles('imp-1', profiles);
  t.setNow(new Date(NOW.getTime() - DAY));
  const second = profiles.map((p, i) =>
    dropNetworks && i % 4 === 0 ? { ...p, networkIds: [] } : p,
  );
  await opened.store.directory.upsertProfiles('imp-2', second);
}

const check = (opened: OpenStore) =>
  runDriftCheck({
    store: opened,
    practiceId: PRACTICE,
    now: NOW,
    baselineDays: 28,
    currentDays: 7,
    openTask: true,
  });

const metricValue = (r: Awaited<ReturnType<typeof check>>, id: string) =>
  r.result.metrics.find((m) => m.id === id)?.value;

describe('runDriftCheck on a SQLite store', () => {
  it('raises nothing and opens no task when the current window looks like the baseline', async () => {
    const t = await openTemp();
    await seedWindows(t, STABLE_MIX);
    await seedImports(t, false);
    const r = await check(t.opened);
    expect(r.alerts).toEqual([]);
    expect(r.task).toBeNull();
    expect(r.result.metrics.map((m) => m.status)).not.toContain('fail');
    expect(r.result).toMatchObject({
      suite: 'drift',
      path: 'records',
      dataset: { name: `records:${PRACTICE}`, version: '2026-02-09..2026-03-15', cases: 180 },
    });
    expect(metricValue(r, 'specialty-mix.psi')).toBeCloseTo(0, 9);
    expect(metricValue(r, 'exception-rate.delta')).toBeCloseTo(0, 9);
    expect(metricValue(r, 'recommended-distance.psi')).toBeCloseTo(0, 9);
    expect(metricValue(r, 'in-network-rate.delta')).toBeCloseTo(0, 9);
    expect(metricValue(r, 'directory.network-dropped')).toBe(0);
    expect(metricValue(r, 'llm-rules-agreement.delta')).toBeNull();
    expect(r.result.histograms.map((h) => h.values.length)).toEqual([96, 48]);
    expect(r.result.notes.join(' ')).not.toContain('no graph state');
    expect(await t.opened.store.tasks.list(PRACTICE, { kind: 'drift_alert' })).toEqual([]);
    await t.opened.close();
  });

  it('alerts on a specialty mix that moved and an exception rate that doubled, with one task a day', async () => {
    const t = await openTemp();
    await seedWindows(t, SHIFTED_MIX);
    await seedImports(t, true);
    const first = await check(t.opened);
    expect(metricValue(first, 'exception-rate.delta')).toBeCloseTo(0.2, 9);
    const failing = first.result.metrics.filter((m) => m.status === 'fail').map((m) => m.id);
    expect(failing).toEqual(
      expect.arrayContaining([
        'specialty-mix.psi',
        'exception-rate.delta',
        'directory.network-dropped',
      ]),
    );
    expect(first.alerts).toHaveLength(failing.length);
    expect(first.alerts.join('\n')).toContain('neuro-ophthalmology');
    expect(first.task).toMatchObject({ kind: 'drift_alert', referralId: null, status: 'open' });
    expect(first.task?.detail).toBe(first.alerts.map((a) => `- ${a}`).join('\n'));

    const second = await check(t.opened);
    expect(second.alerts).toEqual(first.alerts);
    expect(second.task?.id).toBe(first.task?.id);
    expect(await t.opened.store.tasks.list(PRACTICE, { kind: 'drift_alert' })).toHaveLength(1);
    await t.opened.close();
  });
});
