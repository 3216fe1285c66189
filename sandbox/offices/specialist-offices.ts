import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { buildMessage } from './messages.js';
import { MllpError, type MllpTarget, sendMllp } from './mllp-client.js';
import {
  MESSAGE_TYPES,
  type OfficePatient,
  type OfficeProfile,
  type OfficeProvider,
  type OfficeReferral,
  type PlannedStep,
} from './model.js';
import { planSteps, profileFor } from './plan.js';

/** How the offices find the referral and patient a packet is about. */
export type ReferralLookup = (
  referralId: string,
) => { referral: OfficeReferral; patient: OfficePatient } | undefined;

export interface SpecialistOfficesOptions {
  practiceId: string;
  /** The service's MLLP listener; undefined = the offices are off. */
  hl7: MllpTarget | undefined;
  lookup: ReferralLookup;
  now: () => Date;
  timeScale: number;
  /** Waits between attempts at one message, on the `now` clock. */
  retryDelaysMs: readonly number[];
  ackTimeoutMs: number;
  profiles?: Readonly<Record<string, OfficeProfile>>;
  logger: (line: Record<string, unknown>) => void;
}

/** A message to an office's recipient, as `POST /api/messages` stored it. */
export interface PacketMessage {
  referral_id: string;
  recipient: { npi: string; name: string };
  subject: string;
}

export type StepState = 'pending' | 'acked' | 'failed' | 'cancelled';

export interface StepView {
  type: string;
  due_at: string;
  appointment_at: string | null;
  control_id: string;
  state: StepState;
  attempts: number;
  next_attempt_at: string | null;
  ack_code: string | null;
  last_error: string | null;
  acked_at: string | null;
}

export interface OfficePlanView {
  referral_id: string;
  npi: string;
  office_name: string;
  profile: OfficeProfile;
  received_at: string;
  cancelled_at: string | null;
  steps: StepView[];
}

/** One attempt made by `runDue`. */
export interface SendAttempt {
  referral_id: string;
  npi: string;
  type: string;
  control_id: string;
  outcome: 'acked' | 'retrying' | 'failed';
  ack_code: string | null;
  error: string | null;
}

interface Step {
  planned: PlannedStep;
  controlId: string;
  message: string | undefined;
  state: StepState;
  attempts: number;
  nextAttemptAt: number | null;
  ackCode: string | null;
  lastError: string | null;
  ackedAt: string | null;
}

interface Plan {
  referral: OfficeReferral;
  patient: OfficePatient;
  office: OfficeProvider;
  profile: OfficeProfile;
  appointmentId: string;
  receivedAt: Date;
  cancelledAt: Date | null;
  steps: Step[];
}

/** A subject starting with this tells the office the referral is cancelled. */
const CANCELLED_SUBJECT = /^\s*cancelled:/i;
const TITLES = /^(dr\.?|doctor)\s+/i;
const CREDENTIALS = /,.*$|\s+(md|od|do|phd|facs)\.?$/gi;

/** The specialist's name parts from a recipient name such as "Dr. Ana Ruiz, MD". */
export function splitName(name: string): { given: string; family: string } {
  const words = name.replace(TITLES, '').replace(CREDENTIALS, '').trim().split(/\s+/);
  const family = words.pop() ?? '';
  return { given: words.join(' '), family };
}

const type = (step: Step) => MESSAGE_TYPES[step.planned.kind].split('^').slice(0, 2).join('^');
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The specialist offices that answer delivered referral packets over HL7 v2 / MLLP, each by its
 * profile. A packet plans every message at once; `runDue` sends what is due, in order per
 * referral, waits for each ACK and schedules a retry (on the same clock) when none comes.
 */
export class SpecialistOffices {
  private readonly options: SpecialistOfficesOptions;
  private readonly plans: Plan[] = [];
  private readonly overrides = new Map<string, OfficeProfile>();
  private readonly runId = randomBytes(3).toString('hex').toUpperCase();
  private readonly abort = new AbortController();
  private counter = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: SpecialistOfficesOptions) {
    this.options = options;
    // Every send in flight listens on the one abort signal.
    setMaxListeners(0, this.abort.signal);
    for (const [npi, profile] of Object.entries(options.profiles ?? {})) {
      this.overrides.set(npi, profile);
    }
  }

  get enabled(): boolean {
    return this.options.hl7 !== undefined;
  }

  profileOf(npi: string, referralId: string): OfficeProfile {
    return this.overrides.get(npi) ?? profileFor(npi, referralId);
  }

  /** Overrides an office's profile for packets it receives from now on. */
  setProfile(npi: string, profile: OfficeProfile): void {
    this.overrides.set(npi, profile);
  }

  /** A packet plans the office's answers (once per referral and office); a cancellation stops them. */
  receive(message: PacketMessage): void {
    if (!this.enabled || this.closed) return;
    const { npi, name } = message.recipient;
    const plan = this.plans.find(
      (p) => p.referral.id === message.referral_id && p.office.npi === npi,
    );
    if (CANCELLED_SUBJECT.test(message.subject)) {
      if (plan) this.cancel(plan);
      return;
    }
    if (plan) return;
    const found = this.options.lookup(message.referral_id);
    if (!found) return;
    const receivedAt = this.options.now();
    const profile = this.profileOf(npi, message.referral_id);
    const planned = planSteps(
      profile,
      receivedAt,
      `${npi}:${message.referral_id}`,
      this.options.timeScale,
    );
    this.plans.push({
      ...found,
      office: { npi, office_name: name, ...splitName(name) },
      profile,
      appointmentId: `APT${this.runId}${String(this.plans.length + 1).padStart(6, '0')}`,
      receivedAt,
      cancelledAt: null,
      steps: planned.map((p) => ({
        planned: p,
        controlId: `SBX${this.runId}${String(++this.counter).padStart(8, '0')}`,
        message: undefined,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: null,
        ackCode: null,
        lastError: null,
        ackedAt: null,
      })),
    });
    this.options.logger({
      level: 'info',
      msg: 'office.planned',
      referral_id: message.referral_id,
      npi,
      profile,
      steps: planned.length,
    });
  }

  snapshot(referralId?: string): OfficePlanView[] {
    return this.plans
      .filter((p) => referralId === undefined || p.referral.id === referralId)
      .map((p) => ({
        referral_id: p.referral.id,
        npi: p.office.npi,
        office_name: p.office.office_name,
        profile: p.profile,
        received_at: p.receivedAt.toISOString(),
        cancelled_at: p.cancelledAt?.toISOString() ?? null,
        steps: p.steps.map((s) => ({
          type: type(s),
          due_at: s.planned.dueAt.toISOString(),
          appointment_at: s.planned.appointmentAt?.toISOString() ?? null,
          control_id: s.controlId,
          state: s.state,
          attempts: s.attempts,
          next_attempt_at: iso(s.nextAttemptAt),
          ack_code: s.ackCode,
          last_error: s.lastError,
          acked_at: s.ackedAt,
        })),
      }));
  }

  overridesSnapshot(): Record<string, OfficeProfile> {
    return Object.fromEntries(this.overrides);
  }

  /** Sends every message due now (runs one at a time; a call waits for the one before). */
  runDue(): Promise<SendAttempt[]> {
    const run = this.queue.then(() => this.sendDue());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Server mode: `runDue` every `intervalMs`. */
  start(intervalMs: number): void {
    if (!this.enabled || this.timer || intervalMs <= 0) return;
    let running = false;
    this.timer = setInterval(() => {
      if (running) return;
      running = true;
      this.runDue()
        .catch(() => this.options.logger({ level: 'error', msg: 'office.run_failed' }))
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the loop and aborts sends in flight. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.abort.abort();
    await this.queue;
  }

  private cancel(plan: Plan): void {
    if (plan.cancelledAt) return;
    plan.cancelledAt = this.options.now();
    for (const step of plan.steps) if (step.state === 'pending') step.state = 'cancelled';
    this.options.logger({
      level: 'info',
      msg: 'office.cancelled',
      referral_id: plan.referral.id,
      npi: plan.office.npi,
    });
  }

  private async sendDue(): Promise<SendAttempt[]> {
    if (this.closed) return [];
    const perPlan = await Promise.all(this.plans.map((plan) => this.advance(plan)));
    return perPlan.flat();
  }

  /** Sends a plan's due steps in order; stops at one not due or waiting for a retry. */
  private async advance(plan: Plan): Promise<SendAttempt[]> {
    const attempts: SendAttempt[] = [];
    for (const step of plan.steps) {
      if (this.closed || plan.cancelledAt) break;
      if (step.state !== 'pending') continue;
      const now = this.options.now().getTime();
      if (step.planned.dueAt.getTime() > now || (step.nextAttemptAt ?? 0) > now) break;
      attempts.push(await this.attempt(plan, step));
      if (step.state === 'pending') break;
    }
    return attempts;
  }

  private async attempt(plan: Plan, step: Step): Promise<SendAttempt> {
    const target = this.options.hl7;
    if (!target) throw new Error('offices: no hl7 target');
    step.message ??= buildMessage(
      {
        controlId: step.controlId,
        sentAt: this.options.now(),
        practiceId: this.options.practiceId,
        office: plan.office,
        patient: plan.patient,
        referral: plan.referral,
        appointmentId: plan.appointmentId,
      },
      step.planned,
    );
    step.attempts += 1;
    let code: string | null = null;
    let error: string | null = null;
    try {
      const ack = await sendMllp(target, step.message, {
        timeoutMs: this.options.ackTimeoutMs,
        signal: this.abort.signal,
      });
      code = ack.code;
      if (ack.controlId !== step.controlId) error = 'ACK for another message';
    } catch (err) {
      error = err instanceof MllpError ? err.message : 'send failed';
    }
    step.ackCode = code;
    step.lastError = error;
    const accepted = error === null && (code === 'AA' || code === 'CA');
    const rejected = error === null && (code === 'AR' || code === 'CR');
    const delay = this.options.retryDelaysMs[step.attempts - 1];
    // A step cancelled while in flight is recorded as sent if it got through, else left cancelled.
    const wanted = step.state === 'pending' && !this.closed;
    let outcome: SendAttempt['outcome'];
    step.nextAttemptAt = null;
    if (accepted) {
      outcome = 'acked';
      step.state = 'acked';
      step.ackedAt = this.options.now().toISOString();
    } else if (!wanted || rejected || delay === undefined) {
      outcome = 'failed';
      if (step.state === 'pending') step.state = 'failed';
    } else {
      outcome = 'retrying';
      step.nextAttemptAt = this.options.now().getTime() + delay;
    }
    const result: SendAttempt = {
      referral_id: plan.referral.id,
      npi: plan.office.npi,
      type: type(step),
      control_id: step.controlId,
      outcome,
      ack_code: code,
      error,
    };
    this.options.logger({
      level: outcome === 'acked' ? 'info' : 'warn',
      msg: `office.${outcome}`,
      ...result,
      attempt: step.attempts,
    });
    return result;
  }
}
