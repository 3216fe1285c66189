import type { Coverage, NoteKind, Patient, Referral } from '../../sandbox/index.js';

/** A patient as `POST /api/patients` takes it (coverage given inline). */
export type NewPatient = Omit<Patient, 'id' | 'practice_id' | 'mrn' | 'insurance'> & {
  mrn?: string;
  insurance?: Coverage[];
};

export interface NewNote {
  date: string;
  kind: NoteKind;
  author?: string;
  text: string;
}

export interface NewReferral {
  patient_id: string;
  referring_provider_id: string;
  reason: string;
  diagnosis_codes: string[];
}

/** What the EHR received for a referral: specialist messages and patient messages. */
export interface Delivered {
  recipient?: { npi?: string; address?: string };
  patient_id?: string;
  subject?: string;
  body: string;
}

/** The in-process sandbox EHR over HTTP, as practice staff (setup) and as a reader of what was sent. */
export function sandboxClient(baseUrl: string, apiKey: string) {
  async function call<T>(method: 'GET' | 'POST', path: string, expected: number, body?: unknown) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== expected) {
      throw new Error(`sandbox ${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    }
    return JSON.parse(text) as T;
  }
  const q = encodeURIComponent;
  return {
    patient: (id: string) => call<Omit<Patient, 'insurance'>>('GET', `/api/patients/${q(id)}`, 200),
    insurance: async (id: string) =>
      (await call<{ data: Coverage[] }>('GET', `/api/patients/${q(id)}/insurance`, 200)).data,
    createPatient: (patient: NewPatient) => call<Patient>('POST', '/api/patients', 201, patient),
    addNotes: (patientId: string, notes: NewNote[]) =>
      call('POST', `/sandbox/patients/${q(patientId)}/notes`, 201, { notes }),
    createReferral: (referral: NewReferral) =>
      call<Referral>('POST', '/api/referrals', 201, referral),
    messages: async (referralId: string) =>
      (await call<{ data: Delivered[] }>('GET', `/api/messages?referral_id=${q(referralId)}`, 200))
        .data,
    patientMessages: async (referralId: string) =>
      (
        await call<{ data: Delivered[] }>(
          'GET',
          `/api/patient-messages?referral_id=${q(referralId)}`,
          200,
        )
      ).data,
  };
}

export type SandboxClient = ReturnType<typeof sandboxClient>;
