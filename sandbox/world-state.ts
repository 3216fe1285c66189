import { type ClinicalNote, newestFirst } from './clinical-notes.js';
import type {
  DocumentInput,
  MessageInput,
  NoteInput,
  PatientInput,
  PatientMessageInput,
  ReferralInput,
  TaskInput,
} from './schemas.js';
import { noteId, type Patient, type Practice, type Provider, patientId } from './world.js';

export interface StatusEntry {
  status: string;
  note: string | null;
  at: string;
  idempotency_key: string;
}

export interface SpecialistResponse {
  type: 'acknowledged' | 'declined' | 'scheduled';
  note: string | null;
  appointment_at: string | null;
  at: string;
}

export interface Referral {
  id: string;
  practice_id: string;
  patient_id: string;
  referring_provider_id: string;
  reason: string;
  diagnosis_codes: string[];
  specialty: string | null;
  urgency: 'routine' | 'urgent' | 'emergent';
  /** How far the patient is willing to travel; null when the provider did not say. */
  preferred_radius_km: number | null;
  created_at: string;
  /** Moves on every write-back, specialist response and cancellation; unique and increasing. */
  updated_at: string;
  status: string;
  status_history: StatusEntry[];
  specialist_responses: SpecialistResponse[];
  cancelled_at: string | null;
  cancellation_reason: string | null;
}

/** A document as listed: everything but its content. */
export interface DocumentSummary {
  id: string;
  referral_id: string;
  title: string;
  content_type: DocumentInput['content_type'];
  summary: string | null;
  author_npi: string | null;
  received_at: string;
}

export interface StoredDocument extends DocumentSummary {
  content: string;
}

export interface StoredMessage extends MessageInput {
  id: string;
  idempotency_key: string;
  received_at: string;
}

export interface StoredPatientMessage extends PatientMessageInput {
  id: string;
  idempotency_key: string;
  received_at: string;
}

export interface StoredTask extends TaskInput {
  id: string;
  idempotency_key: string;
  created_at: string;
}

export interface Replayable<T> {
  replayed: boolean;
  value: T;
}

const seq = (prefix: string, n: number) => `${prefix}-${String(n).padStart(6, '0')}`;

/** The practice in memory: generated patients and providers, plus what callers have written. */
export class SandboxWorld {
  readonly practice: Practice;
  readonly patients = new Map<string, Patient>();
  readonly providers = new Map<string, Provider>();
  readonly referrals = new Map<string, Referral>();
  /** Clinical notes by patient id. */
  readonly notes = new Map<string, ClinicalNote[]>();
  /** Radius preferences given at creation; kept aside because the referral shape has no field. */
  readonly messages: StoredMessage[] = [];
  readonly patientMessages: StoredPatientMessage[] = [];
  readonly tasks: StoredTask[] = [];
  readonly documents = new Map<string, StoredDocument>();
  private readonly idempotent = new Map<string, unknown>();
  private counters = {
    patient: 0,
    referral: 0,
    writeback: 0,
    message: 0,
    patientMessage: 0,
    task: 0,
    note: 0,
    document: 0,
  };
  /** The last `updated_at` handed out, in ms: each is later than the one before. */
  private lastStamp = 0;

  private readonly now: () => Date;

  constructor(practice: Practice, now: () => Date = () => new Date()) {
    this.practice = practice;
    this.now = now;
    for (const p of practice.patients) this.patients.set(p.id, p);
    for (const p of practice.providers) this.providers.set(p.id, p);
    this.counters.patient = practice.patients.length;
    for (const note of practice.notes) this.chart(note.patient_id).push(note);
    this.counters.note = practice.notes.length;
  }

  get practiceId(): string {
    return this.practice.practice_id;
  }

  addPatient(input: PatientInput): Patient {
    const n = ++this.counters.patient;
    const { practice_id: _ignored, mrn, phone, email, ...rest } = input;
    const patient: Patient = {
      id: patientId(n),
      practice_id: this.practiceId,
      mrn: mrn ?? `MRN${2_000_000 + n}`,
      ...rest,
      ...(phone === undefined ? {} : { phone }),
      ...(email === undefined ? {} : { email }),
    };
    this.patients.set(patient.id, patient);
    return patient;
  }

  /** A patient's notes, newest first (empty for a patient without any). */
  notesOf(patientId: string): ClinicalNote[] {
    return [...(this.notes.get(patientId) ?? [])].sort(newestFirst);
  }

  /** Appends notes to a patient's chart and returns them with their new ids. */
  addNotes(patientId: string, inputs: readonly NoteInput[]): ClinicalNote[] {
    const added = inputs.map((input) => ({
      id: noteId(++this.counters.note),
      patient_id: patientId,
      date: input.date,
      kind: input.kind,
      author: input.author ?? null,
      text: input.text,
    }));
    this.chart(patientId).push(...added);
    return added;
  }

  createReferral(input: ReferralInput): Referral {
    const stamp = this.stamp();
    const referral: Referral = {
      id: seq('ref', ++this.counters.referral),
      practice_id: this.practiceId,
      patient_id: input.patient_id,
      referring_provider_id: input.referring_provider_id,
      reason: input.reason,
      diagnosis_codes: [...input.diagnosis_codes],
      specialty: input.specialty ?? null,
      urgency: input.urgency,
      preferred_radius_km: input.preferred_radius_km ?? null,
      created_at: stamp,
      updated_at: stamp,
      status: 'created',
      status_history: [],
      specialist_responses: [],
      cancelled_at: null,
      cancellation_reason: null,
    };
    this.referrals.set(referral.id, referral);
    return referral;
  }

  writeStatus(referral: Referral, status: string, note: string | undefined, key: string) {
    return this.once(`status:${key}`, () => {
      const at = this.stamp();
      referral.status = status;
      referral.updated_at = at;
      referral.status_history.push({ status, note: note ?? null, at, idempotency_key: key });
      return { id: seq('wb', ++this.counters.writeback), referral_id: referral.id, status };
    });
  }

  recordSpecialistResponse(referral: Referral, response: Omit<SpecialistResponse, 'at'>): void {
    const at = this.stamp();
    referral.specialist_responses.push({ ...response, at });
    referral.updated_at = at;
  }

  /** Staff cancel a referral; the caller checks it is not cancelled already. */
  cancelReferral(referral: Referral, reason: string | undefined): void {
    const at = this.stamp();
    referral.status = 'cancelled';
    referral.cancelled_at = at;
    referral.cancellation_reason = reason ?? null;
    referral.updated_at = at;
  }

  /** Referrals changed after `sinceMs`, oldest change first, and whether more are left. */
  changedSince(sinceMs: number, limit: number): { data: Referral[]; hasMore: boolean } {
    const changed = [...this.referrals.values()]
      .filter((r) => Date.parse(r.updated_at) > sinceMs)
      .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at));
    return { data: changed.slice(0, limit), hasMore: changed.length > limit };
  }

  addDocument(referral: Referral, input: DocumentInput, key: string): Replayable<{ id: string }> {
    return this.once(`document:${key}`, () => {
      const id = seq('doc', ++this.counters.document);
      this.documents.set(id, {
        id,
        referral_id: referral.id,
        title: input.title,
        content_type: input.content_type,
        summary: input.summary ?? null,
        author_npi: input.author_npi ?? null,
        received_at: this.now().toISOString(),
        content: input.content,
      });
      return { id };
    });
  }

  documentsOf(referralId: string): DocumentSummary[] {
    return [...this.documents.values()]
      .filter((d) => d.referral_id === referralId)
      .map(({ content: _content, ...summary }) => summary);
  }

  addMessage(input: MessageInput, key: string): Replayable<{ id: string }> {
    return this.once(`message:${key}`, () => {
      const id = seq('msg', ++this.counters.message);
      this.messages.push({
        id,
        ...input,
        idempotency_key: key,
        received_at: this.now().toISOString(),
      });
      return { id };
    });
  }

  addPatientMessage(input: PatientMessageInput, key: string): Replayable<{ id: string }> {
    return this.once(`patient_message:${key}`, () => {
      const id = seq('pmsg', ++this.counters.patientMessage);
      this.patientMessages.push({
        id,
        ...input,
        idempotency_key: key,
        received_at: this.now().toISOString(),
      });
      return { id };
    });
  }

  addTask(input: TaskInput, key: string): Replayable<{ id: string }> {
    return this.once(`task:${key}`, () => {
      const id = seq('task', ++this.counters.task);
      this.tasks.push({ id, ...input, idempotency_key: key, created_at: this.now().toISOString() });
      return { id };
    });
  }

  /** Now, or 1 ms after the last stamp when the clock has not moved (or went back). */
  private stamp(): string {
    this.lastStamp = Math.max(this.now().getTime(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString();
  }

  private chart(patientId: string): ClinicalNote[] {
    let chart = this.notes.get(patientId);
    if (!chart) {
      chart = [];
      this.notes.set(patientId, chart);
    }
    return chart;
  }

  /** Runs `create` the first time a key is seen; afterwards returns the first result unchanged. */
  private once<T>(key: string, create: () => T): Replayable<T> {
    if (this.idempotent.has(key)) return { replayed: true, value: this.idempotent.get(key) as T };
    const value = create();
    this.idempotent.set(key, value);
    return { replayed: false, value };
  }
}
