import type {
  ClinicalNote,
  Coverage,
  DeliveryRecord as DeliveryLogEntry,
  DocumentSummary,
  DropState,
  NoteKind,
  OfficePlanView,
  OfficeProfile,
  Patient,
  Referral,
  SendAttempt,
  StoredDocument,
} from '../../sandbox/index.js';
import type { StoredMessage, StoredPatientMessage, StoredTask } from '../../sandbox/world-state.js';
import { type HttpResult, jsonClient } from './http.js';

/** The demo patient's referral: retina (wet AMD), BlueWave PPO, Providence. */
export const RETINA_REFERRAL = {
  patient_id: 'pat-0001',
  referring_provider_id: 'prov-01',
  reason: 'Suspected wet AMD left eye',
  diagnosis_codes: ['H35.3211'],
} as const;

export type { DeliveryLogEntry };

/** A patient unlike any generated one, as `POST /api/patients` takes it (coverage given inline). */
export const NEW_PATIENT = {
  given_name: 'Rowan',
  family_name: 'Test-Kestrel',
  birth_date: '1958-08-21',
  sex: 'male',
  address: { line: '40 Benefit St', city: 'Providence', state: 'RI', postal_code: '02903' },
  location: { lat: 41.8236, lon: -71.4086 },
  language: 'en',
  preferred_channel: 'email',
  email: 'rowan.test-kestrel@example.org',
} as const;

/** A note to plant (`POST /sandbox/patients/{id}/notes`). */
export interface NewNote {
  date: string;
  kind: NoteKind;
  author?: string;
  text: string;
}

/** A patient as the sandbox answers GET: demographics, no coverage. */
export type SandboxPatient = Omit<Patient, 'insurance'>;

function ok<T>(what: string, res: HttpResult<T>, expected = 200): T {
  if (res.status !== expected) {
    throw new Error(`sandbox ${what}: HTTP ${res.status} ${res.text.slice(0, 500)}`);
  }
  return res.json;
}

/** The sandbox EHR over HTTP, as staff, the integration (api key) and the test controls. */
export function sandboxApi(baseUrl: string, apiKey: string) {
  const http = jsonClient(baseUrl, apiKey);
  return {
    ...http,
    async createReferral(input: Record<string, unknown> = RETINA_REFERRAL): Promise<Referral> {
      return ok('create referral', await http.post<Referral>('/api/referrals', input), 201);
    },
    async referral(id: string): Promise<Referral> {
      return ok(`referral ${id}`, await http.get<Referral>(`/api/referrals/${id}`));
    },
    async statuses(id: string): Promise<string[]> {
      return (await this.referral(id)).status_history.map((h) => h.status);
    },
    async messages(referralId: string): Promise<StoredMessage[]> {
      const res = await http.get<{ data: StoredMessage[] }>(
        `/api/messages?referral_id=${referralId}`,
      );
      return ok('messages', res).data;
    },
    async patientMessages(referralId: string): Promise<StoredPatientMessage[]> {
      const res = await http.get<{ data: StoredPatientMessage[] }>(
        `/api/patient-messages?referral_id=${encodeURIComponent(referralId)}`,
      );
      return ok('patient messages', res).data;
    },
    async tasks(referralId: string): Promise<StoredTask[]> {
      const res = await http.get<{ data: StoredTask[] }>(`/api/tasks?referral_id=${referralId}`);
      return ok('tasks', res).data;
    },
    async specialistResponse(
      id: string,
      body: {
        type: 'acknowledged' | 'declined' | 'scheduled';
        note?: string;
        appointment_at?: string;
      },
    ): Promise<{ webhook_id: string }> {
      return ok(
        'specialist-response',
        await http.post<{ webhook_id: string }>(`/api/referrals/${id}/specialist-response`, body),
        202,
      );
    },
    /**
     * Creates a patient (`POST /api/patients`), its coverage given inline or copied from
     * `coverageFrom`, then plants `notes`; returns the stored patient.
     */
    async createPatient(
      patient: Record<string, unknown> = NEW_PATIENT,
      options: { notes?: NewNote[]; coverageFrom?: string } = {},
    ): Promise<SandboxPatient> {
      let body = patient;
      if (options.coverageFrom !== undefined) {
        const res = await http.get<{ data: Coverage[] }>(
          `/api/patients/${options.coverageFrom}/insurance`,
        );
        body = { ...patient, insurance: ok(`insurance of ${options.coverageFrom}`, res).data };
      }
      const created = ok(
        'create patient',
        await http.post<SandboxPatient>('/api/patients', body),
        201,
      );
      if (options.notes?.length) await this.addNotes(created.id, options.notes);
      return created;
    },
    async addNotes(patientId: string, notes: NewNote[]): Promise<ClinicalNote[]> {
      const res = await http.post<{ data: ClinicalNote[] }>(
        `/sandbox/patients/${patientId}/notes`,
        {
          notes,
        },
      );
      return ok(`add notes to ${patientId}`, res, 201).data;
    },
    async clinicalNotes(patientId: string): Promise<ClinicalNote[]> {
      const res = await http.get<{ data: ClinicalNote[] }>(`/api/patients/${patientId}/notes`);
      return ok(`notes of ${patientId}`, res).data;
    },
    async fault(target: 'ehr' | 'payer', mode: 'ok' | 'down' | 'slow'): Promise<void> {
      ok('faults', await http.post('/sandbox/faults', { target, mode }));
    },
    async resetFaults(): Promise<void> {
      ok('reset-faults', await http.post('/sandbox/reset-faults'));
    },
    async webhooks(): Promise<DeliveryLogEntry[]> {
      const res = await http.get<{ data: DeliveryLogEntry[] }>('/sandbox/webhooks');
      return ok('webhooks', res).data;
    },
    /** Staff cancel a referral (fires `referral.cancelled`). */
    async cancelReferral(id: string, reason?: string): Promise<Referral> {
      const body = reason === undefined ? {} : { reason };
      return ok(`cancel ${id}`, await http.post<Referral>(`/api/referrals/${id}/cancel`, body));
    },
    /** One page of referrals changed after `since`; `next_cursor` is the next page's `since`. */
    async referralsChangedSince(
      since: string,
      limit?: number,
    ): Promise<{ data: Referral[]; next_cursor: string | null }> {
      const query = `updated_since=${encodeURIComponent(since)}${limit ? `&limit=${limit}` : ''}`;
      return ok('changed referrals', await http.get(`/api/referrals?${query}`));
    },
    async documents(referralId: string): Promise<DocumentSummary[]> {
      const res = await http.get<{ data: DocumentSummary[] }>(
        `/api/referrals/${referralId}/documents`,
      );
      return ok(`documents of ${referralId}`, res).data;
    },
    async document(id: string): Promise<StoredDocument> {
      return ok(`document ${id}`, await http.get<StoredDocument>(`/api/documents/${id}`));
    },
    /** The next `count` webhooks (of `types`, when given) are logged as dropped, never sent. */
    async dropWebhooks(count: number, types?: string[]): Promise<DropState> {
      const body = types === undefined ? { count } : { count, types };
      return ok('drop webhooks', await http.post<DropState>('/sandbox/webhooks/drop', body));
    },
    async offices(referralId?: string): Promise<OfficePlanView[]> {
      const query =
        referralId === undefined ? '' : `?referral_id=${encodeURIComponent(referralId)}`;
      const res = await http.get<{ data: OfficePlanView[] }>(`/sandbox/offices${query}`);
      return ok('offices', res).data;
    },
    async setOfficeProfile(npi: string, profile: OfficeProfile): Promise<void> {
      ok('office profile', await http.post('/sandbox/offices/profile', { npi, profile }));
    },
    /** Sends the office messages due now (by the sandbox clock) and answers what was tried. */
    async runOfficesDue(): Promise<SendAttempt[]> {
      const res = await http.post<{ data: SendAttempt[] }>('/sandbox/offices/run-due');
      return ok('offices run-due', res).data;
    },
  };
}

export type SandboxApi = ReturnType<typeof sandboxApi>;
