import {
  AppError,
  CLINICAL_NOTES_LIMIT,
  type ClinicalNote,
  type Coverage,
  type EhrClient,
  type OutboxPayload,
  type Patient,
  type Referral,
  ReferralChange,
} from '../../src/domain/index.js';

/** In-memory EHR: fixtures in, deliveries recorded, deduped by idempotency key, faults on demand. */
export function createFakeEhr(seed: {
  referrals?: Referral[];
  patients?: Patient[];
  coverages?: Record<string, Coverage[]>;
  /** Notes by patient id, kept as given (so a test can plant another patient's note); default none. */
  notes?: Record<string, ClinicalNote[]>;
}) {
  const referrals = new Map((seed.referrals ?? []).map((r) => [r.id, r]));
  const patients = new Map((seed.patients ?? []).map((p) => [p.id, p]));
  const notes = new Map(Object.entries(seed.notes ?? {}).map(([id, list]) => [id, [...list]]));
  const delivered = new Map<string, OutboxPayload>();
  /** The change feed: the latest state of each changed referral, by id. */
  const feed = new Map<string, ReferralChange>();
  /** The `since` of every change-feed request, in order. */
  const feedRequests: string[] = [];
  let failuresLeft = 0;

  const guard = () => {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new AppError('UPSTREAM_UNAVAILABLE', 'fake EHR down');
    }
  };
  const found = <T>(value: T | undefined): T => {
    if (value === undefined) throw new AppError('NOT_FOUND', 'fake EHR: not found');
    return value;
  };

  const client: EhrClient = {
    getReferral: async (id) => {
      guard();
      return found(referrals.get(id));
    },
    getPatient: async (id) => {
      guard();
      return found(patients.get(id));
    },
    getInsurance: async (id) => {
      guard();
      return seed.coverages?.[id] ?? [];
    },
    getClinicalNotes: async (id) => {
      guard();
      return [...(notes.get(id) ?? [])]
        .sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1))
        .slice(0, CLINICAL_NOTES_LIMIT);
    },
    getProvider: async (id) => {
      guard();
      return { id, npi: '1234567893', name: 'Dr. Fake' };
    },
    deliver: async (payload, idemKey) => {
      guard();
      if (!delivered.has(idemKey)) delivered.set(idemKey, payload);
      return { externalId: `ext-${idemKey.slice(0, 8)}` };
    },
    listChangedReferrals: async ({ since, limit }) => {
      feedRequests.push(since);
      guard();
      const after = Date.parse(since);
      const changed = [...feed.values()]
        .filter((c) => Date.parse(c.updatedAt) > after)
        .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
      const changes = changed.slice(0, limit);
      const last = changes.at(-1)?.updatedAt ?? null;
      return {
        changes,
        invalid: 0,
        nextCursor: changed.length > limit ? last : null,
        lastUpdatedAt: last,
      };
    },
  };
  return {
    client,
    delivered,
    addReferral: (r: Referral) => referrals.set(r.id, r),
    addNotes: (patientId: string, added: ClinicalNote[]) => {
      notes.set(patientId, [...(notes.get(patientId) ?? []), ...added]);
    },
    failNext: (n: number) => {
      failuresLeft = n;
    },
    feedRequests,
    /** Records (replacing) a referral's entry in the change feed, as the EHR would on a change. */
    changeReferral: (change: ReferralChange) => {
      feed.set(change.referralId, ReferralChange.parse(change));
    },
  };
}
