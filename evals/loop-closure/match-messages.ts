import { type InboundLookup, type InboundMatch, matchInbound } from '../../agents/index.js';
import { readHl7Message } from '../../src/adapters/hl7/index.js';
import { openStore } from '../../src/adapters/store/index.js';
import {
  type LoopEventType,
  type ReferralStatus,
  type Store,
  TRANSITIONS,
} from '../../src/domain/index.js';
import { buildHl7, EVENT_OF } from './hl7-builder.js';
import type { MatchingCase, SentReferral } from './matching-cases.js';

/** Finds the referral a message is about: `matchInbound`, or a stand-in in a regression test. */
export type InboundMatcher = (
  message: Parameters<typeof matchInbound>[0],
  lookup: InboundLookup,
) => Promise<InboundMatch>;

/** What became of one generated message. */
export interface MatchRecord {
  caseId: string;
  expected: string | null;
  /** The message did not read (the reader's problem), so it was never matched. */
  unread: string | null;
  expectedEvent: LoopEventType;
  parsedEvent: LoopEventType | null;
  match: InboundMatch | null;
}

const PRACTICE = 'eval-loop';

/** The shortest legal path of transitions from `received` to `status`. */
function pathTo(status: ReferralStatus): ReferralStatus[] {
  const previous = new Map<ReferralStatus, ReferralStatus>();
  const queue: ReferralStatus[] = ['received'];
  while (queue.length > 0) {
    const at = queue.shift() as ReferralStatus;
    if (at === status) break;
    for (const next of TRANSITIONS[at]) {
      if (next !== 'received' && !previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  const path: ReferralStatus[] = [];
  for (let s: ReferralStatus | undefined = status; s && s !== 'received'; s = previous.get(s)) {
    path.unshift(s);
  }
  return path;
}

/** Records the referrals in the store as the service would have: status, then its parties. */
async function seed(store: Store, referrals: readonly SentReferral[]): Promise<void> {
  for (const r of referrals) {
    await store.referrals.createReferral({ id: r.id, practiceId: PRACTICE, threadId: r.id });
    for (const to of pathTo(r.status)) {
      await store.referrals.applyTransition({
        practiceId: PRACTICE,
        referralId: r.id,
        to,
        actor: 'eval',
        key: `${r.id}|${to}`,
      });
    }
    await store.referrals.setParties(
      PRACTICE,
      r.id,
      { patientId: `pat-${r.patient.mrn}`, ...r.patient, specialistNpi: r.specialistNpi },
      r.sentAt,
    );
  }
}

/**
 * Reads each generated message as the HL7 intake does and asks the matcher which referral it is
 * about, against the referrals held in an in-memory store (the real party index and statuses).
 */
export async function matchMessages(
  referrals: readonly SentReferral[],
  cases: readonly MatchingCase[],
  matcher: InboundMatcher = matchInbound,
): Promise<MatchRecord[]> {
  const opened = await openStore({ kind: 'sqlite', path: ':memory:' });
  try {
    const { store } = opened;
    await seed(store, referrals);
    const lookup: InboundLookup = {
      getReferral: (id) => store.referrals.getReferral(PRACTICE, id),
      findByParties: (parties) => store.referrals.findByParties(PRACTICE, parties),
    };
    const records: MatchRecord[] = [];
    for (const c of cases) {
      const reading = readHl7Message(buildHl7(c.message));
      const base = {
        caseId: c.id,
        expected: c.expected,
        expectedEvent: EVENT_OF[c.message.type],
      };
      if (reading.kind !== 'read') {
        const unread = reading.problem;
        records.push({ ...base, unread, parsedEvent: null, match: null });
        continue;
      }
      const m = reading.message;
      const match = await matcher(
        {
          ...(m.placerId ? { placerId: m.placerId } : {}),
          patient: m.patient,
          ...(m.providerNpi ? { providerNpi: m.providerNpi } : {}),
          ...(m.at ? { at: m.at } : {}),
        },
        lookup,
      );
      records.push({ ...base, unread: null, parsedEvent: m.event, match });
    }
    return records;
  } finally {
    await opened.close();
  }
}
