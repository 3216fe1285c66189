import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchReferral } from '../../agents/index.js';
import type { Weights } from '../../retrieval/index.js';
import type { MetricValue } from '../core/suite.js';
import { runDirectory } from './audit-runs.js';
import { loadReferableCases } from './dev-cases.js';
import { type AuditDirectory, loadGenerated } from './directories.js';
import { invarianceMetrics } from './invariance-report.js';
import { buildPopulation, type Subject } from './population.js';
import type { Matcher } from './referral-path.js';
import { loadZctaMap } from './urbanicity.js';

const DATA_ROOT = fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** The real match step, ranking women's candidates by rating alone. */
const ranksBySex: Matcher = (input, ctx, runs) => {
  if (input.patient.sex !== 'female') return matchReferral(input, ctx, runs);
  const byRating = (w: Weights): Weights =>
    Object.fromEntries(Object.keys(w).map((k) => [k, k === 'rating' ? 1 : 0])) as Weights;
  const { weights } = input.settings;
  return matchReferral(
    {
      ...input,
      settings: {
        ...input.settings,
        weights: { routine: byRating(weights.routine), urgent: byRating(weights.urgent) },
      },
    },
    ctx,
    runs,
  );
};

/** The real match step, then the list reversed for one race (read off the Patient it was given). */
const readsRace: Matcher = async (input, ctx, runs) => {
  const found = await matchReferral(input, ctx, runs);
  const race = (input.patient as { race?: string }).race;
  if (race !== 'black-or-african-american') return found;
  const candidates = [...found.candidates].reverse();
  return {
    ...found,
    candidates,
    recommendedId: found.recommendedId ? (candidates[0]?.candidateId ?? null) : null,
  };
};

describe('the invariance gate on a matcher that uses a protected attribute', () => {
  let directory: AuditDirectory;
  let subjects: Subject[];

  const metricsFor = async (matcher?: Matcher) => {
    const run = await runDirectory(directory, subjects, matcher, () => {});
    return invarianceMetrics(run.pairs, 1);
  };
  const find = (metrics: MetricValue[], id: string) => {
    const m = metrics.find((x) => x.id === id);
    if (!m) throw new Error(`no metric ${id}`);
    return m;
  };

  beforeAll(() => {
    directory = loadGenerated();
    const { cases } = loadReferableCases();
    subjects = buildPopulation({
      cases: cases.filter(
        (c) => c.tags.includes('area:retina') || c.tags.includes('area:glaucoma'),
      ),
      directory,
      zcta: loadZctaMap(DATA_ROOT),
      seed: 11,
      size: 16,
    });
  });

  it('passes the current matcher on the same referrals', async () => {
    const metrics = await metricsFor();
    expect(find(metrics, 'invariance.sex.identical-top3')).toMatchObject({
      value: 1,
      status: 'pass',
    });
    expect(find(metrics, 'invariance.race-ethnicity.identical-top3').status).toBe('pass');
  }, 60_000);

  it('fails the sex gate for a matcher that ranks women by rating alone, and only that gate', async () => {
    const metrics = await metricsFor(ranksBySex);
    const sex = find(metrics, 'invariance.sex.identical-top3');
    expect(sex.status).toBe('fail');
    expect(sex.value ?? 1).toBeLessThan(0.9);
    expect(find(metrics, 'invariance.sex.kendall-tau').status).toBe('warn');
    expect(find(metrics, 'invariance.age-band.identical-top3').status).toBe('pass');
    expect(find(metrics, 'invariance.race-ethnicity.identical-top3').status).toBe('pass');
  }, 60_000);

  it('fails the race gate for a matcher that reads race off the Patient', async () => {
    const metrics = await metricsFor(readsRace);
    expect(find(metrics, 'invariance.race-ethnicity.identical-top3').status).toBe('fail');
    expect(find(metrics, 'invariance.sex.identical-top3').status).toBe('pass');
  }, 60_000);
});
