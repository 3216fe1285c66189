import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import { z } from 'zod';
import type { AnalyticsStore, ReferralRepo } from '../../src/domain/index.js';
import type { DayWindow } from './windows.js';

/** What the service recorded of the referrals created in one window, as the drift check reads it. */
export interface WindowRecords {
  created: number;
  /** Referrals per planned specialty key; referrals not planned yet are left out. */
  specialties: Record<string, number>;
  /** Referrals that met an exception (the facts keep the last reason once one is set). */
  exceptions: number;
  sent: number;
  /** Sent referrals not recorded as out of network (an unknown network status counts as in). */
  inNetworkSent: number;
  /** Agent steps that asked the LLM, and of those the ones the rules decided instead. */
  llmAttempts: number;
  llmFallbacks: number;
  /** Steps both the LLM and the rules answered, and how many agreed; null: not recorded. */
  agreement: { compared: number; agreed: number } | null;
  /** Km to the recommended specialist, one per referral whose state holds a recommendation. */
  distancesKm: number[];
  /** Referrals whose state could not be read (no checkpoint, or no checkpointer given). */
  distanceUnread: number;
}

/** The parts of the opened store (`openStore`) the drift check reads or writes. */
export interface DriftSources {
  store: {
    analytics: Pick<AnalyticsStore, 'tally'>;
    referrals: Pick<ReferralRepo, 'listReferrals'>;
  };
  /** The graph's checkpoints: the only record of the recommended specialist's distance. */
  checkpointer?: Pick<BaseCheckpointSaver, 'getTuple'>;
}

/** The recommendation in a thread's latest state; other fields of the state are never read. */
const Recommendation = z.object({
  candidates: z.array(z.object({ candidateId: z.string(), distanceKm: z.number().nonnegative() })),
  recommendedId: z.string().nullable(),
});

const PAGE = 500;

async function tallies(sources: DriftSources, practiceId: string, w: DayWindow) {
  const { analytics } = sources.store;
  const [[all], bySpecialty, byException] = await Promise.all([
    analytics.tally(practiceId, w.filter, 'all', [
      'created',
      'sent',
      'outOfNetwork',
      'llmAttempts',
      'llmFallbacks',
    ]),
    analytics.tally(practiceId, w.filter, 'specialty', ['created']),
    analytics.tally(practiceId, w.filter, 'exception', ['created']),
  ]);
  const specialties: Record<string, number> = {};
  for (const t of bySpecialty) if (t.key !== null && t.created > 0) specialties[t.key] = t.created;
  return {
    created: all?.created ?? 0,
    specialties,
    exceptions: byException.filter((t) => t.key !== null).reduce((n, t) => n + t.created, 0),
    sent: all?.sent ?? 0,
    inNetworkSent: (all?.sent ?? 0) - (all?.outOfNetwork ?? 0),
    llmAttempts: all?.llmAttempts ?? 0,
    llmFallbacks: all?.llmFallbacks ?? 0,
  };
}

/** Km to the recommended candidate of each referral created in either window, newest first. */
async function distances(
  sources: DriftSources,
  practiceId: string,
  windows: readonly DayWindow[],
): Promise<Array<{ km: number[]; unread: number }>> {
  const out = windows.map(() => ({ km: [] as number[], unread: 0 }));
  const earliest = Math.min(...windows.map((w) => w.fromMs));
  for (let offset = 0; ; offset += PAGE) {
    const page = await sources.store.referrals.listReferrals({ practiceId, limit: PAGE, offset });
    for (const record of page) {
      const at = Date.parse(record.createdAt);
      const i = windows.findIndex((w) => at >= w.fromMs && at < w.untilMs);
      const bucket = out[i];
      if (!bucket) continue;
      const tuple = await sources.checkpointer?.getTuple({
        configurable: { thread_id: record.threadId },
      });
      if (!tuple) {
        bucket.unread += 1;
        continue;
      }
      const state = Recommendation.safeParse(tuple.checkpoint.channel_values);
      if (!state.success) continue;
      const { candidates, recommendedId } = state.data;
      const km = candidates.find((c) => c.candidateId === recommendedId)?.distanceKm;
      if (km !== undefined) bucket.km.push(km);
    }
    const last = page[page.length - 1];
    if (page.length < PAGE || !last || Date.parse(last.createdAt) < earliest) break;
  }
  return out;
}

/** The records of each window (the LLM-versus-rules agreement is not recorded anywhere: null). */
export async function readWindows(
  sources: DriftSources,
  practiceId: string,
  windows: { baseline: DayWindow; current: DayWindow },
): Promise<{ baseline: WindowRecords; current: WindowRecords }> {
  const [baseline, current, km] = await Promise.all([
    tallies(sources, practiceId, windows.baseline),
    tallies(sources, practiceId, windows.current),
    distances(sources, practiceId, [windows.baseline, windows.current]),
  ]);
  const [kmBase = { km: [], unread: 0 }, kmCur = { km: [], unread: 0 }] = km;
  return {
    baseline: {
      ...baseline,
      agreement: null,
      distancesKm: kmBase.km,
      distanceUnread: kmBase.unread,
    },
    current: { ...current, agreement: null, distancesKm: kmCur.km, distanceUnread: kmCur.unread },
  };
}
