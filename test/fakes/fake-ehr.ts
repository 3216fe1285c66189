import {
  AppError,
  CLINICAL_NOTES_LIMIT,
  type ClinicalNote,
  type Coverage,
  type EhrClient,
  type OutboxPayload,
  type Patient,
  type Referral,
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
  };
}
