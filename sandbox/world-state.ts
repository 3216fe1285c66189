import { type ClinicalNote, newestFirst } from './clinical-notes.js';
import type {
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
  status: string;
  status_history: StatusEntry[];
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
  private readonly idempotent = new Map<string, unknown>();
  private counters = {
    patient: 0,
    referral: 0,
    writeback: 0,
    message: 0,
    patientMessage: 0,
    task: 0,
    note: 0,
  };

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
      created_at: this.now().toISOString(),
      status: 'created',
      status_history: [],
    };
    this.referrals.set(referral.id, referral);
    return referral;
  }

  writeStatus(referral: Referral, status: string, note: string | undefined, key: string) {
    return this.once(`status:${key}`, () => {
      referral.status = status;
      referral.status_history.push({
        status,
        note: note ?? null,
        at: this.now().toISOString(),
        idempotency_key: key,
      });
      return { id: seq('wb', ++this.counters.writeback), referral_id: referral.id, status };
    });
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
