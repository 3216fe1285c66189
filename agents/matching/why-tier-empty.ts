import type { TierFailure } from '../../src/domain/index.js';

/** The filters a search adds, one constraint at a time. */
export interface TierFilters {
  networkIds?: string[];
  excludeNotAccepting?: boolean;
  requireReachable?: boolean;
  excludeNpis?: string[];
}

/**
 * Which hard constraint emptied a tier: the same search with the constraints added one by one
 * (specialty and radius, network, open to new patients, reachable, not excluded); the first that
 * leaves no one is the answer.
 */
export async function whyTierEmpty(
  searchOne: (filters: TierFilters) => Promise<readonly unknown[]>,
  constraints: { networkIds: readonly string[]; excludedNpis: readonly string[] },
): Promise<TierFailure> {
  const steps: [TierFailure, TierFilters][] = [
    ['none_within_radius', {}],
    ['none_in_network', { networkIds: [...constraints.networkIds] }],
    ['none_accepting', { networkIds: [...constraints.networkIds], excludeNotAccepting: true }],
    [
      'none_reachable',
      {
        networkIds: [...constraints.networkIds],
        excludeNotAccepting: true,
        requireReachable: true,
      },
    ],
  ];
  for (const [failure, filters] of steps) {
    if ((await searchOne(filters)).length === 0) return failure;
  }
  return 'all_excluded';
}
