import type { ReferralRunner } from '../../../graph/index.js';
import {
  AppError,
  type Clock,
  isAppError,
  ReviewDecision,
  type Store,
} from '../../domain/index.js';
import { completeTaskOnce } from '../complete-task-once.js';
import { decideOnce } from '../decide-once.js';
import { HTTP_STATUS } from '../errors.js';
import type { Session } from './session.js';

export interface FormDeps {
  store: Store;
  runner: ReferralRunner;
  clock: Clock;
}

type FormBody = Record<string, unknown>;

/** A form's text field; an empty field is no value (browsers send every field). */
const field = (body: FormBody, name: string) => {
  const v = body[name];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
};

const DECISION_FIELDS = ['candidateId', 'note', 'packetBody', 'patientMessage', 'specialty', 'npi'];

function requireCoordinator(session: Session) {
  if (session.role !== 'coordinator') {
    throw new AppError('FORBIDDEN', 'Your role can read referrals but not act on them');
  }
}

function keyOf(body: FormBody): string {
  const key = field(body, 'key');
  if (!key || key.length > 255)
    throw new AppError('VALIDATION_FAILED', 'The form has no request key');
  return key;
}

export type DecisionOutcome =
  | { ok: true; decision: string; back: 'queue' | 'referral' }
  | { ok: false; status: 409 | 422; message: string };

/**
 * A decision form, through the API's own path (`decideOnce`): the same validation, the same
 * Idempotency-Key semantics (the form's key), the same audit. A form rendered for a gate that has
 * since moved (another tab decided, a re-match) is refused unless its key already has an answer. What a coordinator can fix (a stale
 * form, a refused choice) comes back as a message for the page; anything else propagates.
 */
export async function decideFromForm(
  session: Session,
  referralId: string,
  body: FormBody,
  deps: FormDeps,
): Promise<DecisionOutcome> {
  requireCoordinator(session);
  const raw = Object.fromEntries(
    ['decision', ...DECISION_FIELDS].flatMap((k) => {
      const v = field(body, k);
      return v === undefined ? [] : [[k, v]];
    }),
  );
  const parsed = ReviewDecision.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      status: 422,
      message: `Check ${first?.path.join('.') || 'the form'}: ${first?.message ?? 'invalid'}`,
    };
  }
  const key = keyOf(body);
  const firstTime = !(await deps.store.idempotency.get(session.practiceId, key));
  if (firstTime) {
    const record = await deps.store.referrals.getReferral(session.practiceId, referralId);
    if (!record) throw new AppError('NOT_FOUND', 'Referral not found');
    if (record.pendingInterruptId !== field(body, 'interrupt')) {
      return {
        ok: false,
        status: 409,
        message: 'This referral changed since you opened it: check it again, then decide',
      };
    }
  }
  try {
    const answer = await decideOnce(
      {
        practiceId: session.practiceId,
        referralId,
        key,
        decision: parsed.data,
        actor: `coordinator:${session.name}`,
      },
      deps,
    );
    return {
      ok: true,
      decision: answer.decision,
      back: field(body, 'back') === 'queue' ? 'queue' : 'referral',
    };
  } catch (error) {
    if (isAppError(error) && (HTTP_STATUS[error.code] === 409 || HTTP_STATUS[error.code] === 422)) {
      const issue = error.issues[0]?.message;
      return {
        ok: false,
        status: HTTP_STATUS[error.code] as 409 | 422,
        message: issue ?? error.message,
      };
    }
    throw error;
  }
}

/** A task's "Complete" button, through the API's own path (`completeTaskOnce`). */
export async function completeTaskFromForm(
  session: Session,
  taskId: string,
  body: FormBody,
  deps: FormDeps,
): Promise<void> {
  requireCoordinator(session);
  await completeTaskOnce(
    {
      practiceId: session.practiceId,
      taskId,
      key: keyOf(body),
      note: field(body, 'note') ?? null,
      actor: `coordinator:${session.name}`,
    },
    deps,
  );
}
