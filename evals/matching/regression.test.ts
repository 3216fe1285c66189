import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { DirectoryIndex, IndexHit } from '../../src/domain/index.js';
import type { MetricValue } from '../core/suite.js';
import { BOUNDS } from './directory-metrics.js';
import { type MatchingRunOptions, runMatchingSuite } from './suite.js';

/**
 * The suite must catch a broken matcher. Each break is made from outside (weights given to the
 * matcher, an index wrapped around the real one); production code is untouched.
 */
const dataRoot = fileURLToPath(new URL('../../../shared/data', import.meta.url));
const ctx = { dataRoot, seed: 1, progress: () => {} };
const base: MatchingRunOptions = { directories: ['generated'], casesPerDirectory: 150 };

const run = async (options: MatchingRunOptions = {}) => {
  const out = await runMatchingSuite(ctx, { ...base, ...options });
  return (id: string): MetricValue => {
    const m = out.metrics.find((x) => x.id === `generated.${id}`);
    if (!m) throw new Error(`no metric ${id}`);
    return m;
  };
};

/** An index out of step with the directory: it reports what the query wants to hear. */
function lying(
  index: DirectoryIndex,
  lie: (hit: IndexHit, networkIds: readonly string[]) => IndexHit,
  drop: 'networkIds' | 'excludeNotAccepting',
): DirectoryIndex {
  return {
    ...index,
    async search(query) {
      const { [drop]: _dropped, ...rest } = query;
      const hits = await index.search(rest);
      return hits.map((h) => lie(h, query.networkIds ?? []));
    },
  };
}

const staleNetworks = (index: DirectoryIndex) =>
  lying(
    index,
    (h, networkIds) => ({
      ...h,
      profile: {
        ...h.profile,
        networkIds: networkIds.length > 0 ? [...networkIds] : h.profile.networkIds,
      },
    }),
    'networkIds',
  );

const staleAcceptance = (index: DirectoryIndex) =>
  lying(
    index,
    (h) => ({
      ...h,
      profile: {
        ...h.profile,
        acceptingNewPatients: true,
        locations: h.profile.locations.map((l) => ({ ...l, acceptingNewPatients: true })),
      },
    }),
    'excludeNotAccepting',
  );

describe('the matching suite against a broken matcher (seed 1, generated directory)', () => {
  it('passes the gates and the regret bounds with the matcher as it is', async () => {
    const metric = await run();
    for (const id of ['in_network_rate', 'in_radius_rate', 'open_rate', 'reachable_rate']) {
      expect(metric(id).status, id).toBe('pass');
    }
    expect(metric('distance_regret.mean').status).toBe('pass');
    expect(metric('distance_regret.p90').status).toBe('pass');
  }, 60_000);

  it('flags a ranking that rewards distance', async () => {
    const { limit, searchWidth, weights } = loadConfig({}).matching;
    const metric = await run({
      settings: {
        limit,
        searchWidth,
        weights: {
          routine: { ...weights.routine, distance: -weights.routine.distance },
          urgent: { ...weights.urgent, distance: -weights.urgent.distance },
        },
      },
    });
    expect(metric('distance_regret.mean').value).toBeGreaterThan(BOUNDS.distanceRegretMeanMiles);
    expect(metric('distance_regret.mean').status).toBe('warn');
    expect(metric('distance_regret.p90').status).toBe('warn');
  }, 60_000);

  it('fails the in-network gate when the index says everyone is in the patient’s networks', async () => {
    const metric = await run({ wrapIndex: staleNetworks });
    expect(metric('in_network_rate').value).toBeLessThan(1);
    expect(metric('in_network_rate').status).toBe('fail');
  }, 60_000);

  it('fails the open-to-new-patients gate when the index says everyone is accepting', async () => {
    const metric = await run({ wrapIndex: staleAcceptance });
    expect(metric('open_rate').value).toBeLessThan(1);
    expect(metric('open_rate').status).toBe('fail');
    expect(metric('in_network_rate').status).toBe('pass');
  }, 60_000);
});
