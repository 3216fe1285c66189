import { z } from 'zod';
import { isSpecialtyKey } from '../retrieval/index.js';
import { AppError, type HumanResponse, type Scalar } from '../src/domain/index.js';
import { ChosenSpecialist, type Update } from './state.js';

/** The args an edit of the exception gate adds: a specialty key, or a specialist of the directory. */
const EditedArgs = z.union([
  z.object({ specialty: z.string().refine(isSpecialtyKey) }),
  z.object({ npi: ChosenSpecialist.shape.npi, location_id: z.string().min(1).nullish() }),
]);

/** What a coordinator asked of an exception gate: a retry (as it was, or with a choice), or a cancel. */
export type ExceptionAnswer =
  | { kind: 'retry'; specialty: string | null; specialist: ChosenSpecialist | null }
  | { kind: 'cancel'; reason: string };

/**
 * Reads the Agent Inbox response to the exception gate: accept retries; an edit retries with the
 * specialty (`args.specialty`) or the specialist (`args.npi`, `args.location_id`) it names;
 * respond or ignore cancels. An edit that names neither is refused.
 */
export function exceptionAnswer(response: HumanResponse | undefined): ExceptionAnswer {
  if (response?.type === 'accept') return { kind: 'retry', specialty: null, specialist: null };
  if (response?.type === 'edit') {
    const args = EditedArgs.safeParse(response.args.args);
    if (!args.success) {
      throw new AppError(
        'VALIDATION_FAILED',
        'An edit of an exception names a specialty or an npi',
        {
          issues: [{ path: 'args', code: 'invalid_union', message: 'specialty or npi' }],
        },
      );
    }
    const picked = args.data;
    return 'specialty' in picked
      ? { kind: 'retry', specialty: picked.specialty, specialist: null }
      : {
          kind: 'retry',
          specialty: null,
          specialist: { npi: picked.npi, locationId: picked.location_id ?? null },
        };
  }
  return {
    kind: 'cancel',
    reason: response?.type === 'response' ? response.args : 'cancelled by coordinator',
  };
}

/** The audit facts of a retry: what the coordinator chose, if anything (ids and keys, no PHI). */
export function retryData(
  answer: Extract<ExceptionAnswer, { kind: 'retry' }>,
): Record<string, Scalar> {
  return {
    decision: 'retry',
    ...(answer.specialty ? { specialty: answer.specialty } : {}),
    ...(answer.specialist
      ? { npi: answer.specialist.npi, locationId: answer.specialist.locationId }
      : {}),
  };
}

/**
 * The state a retry starts its round with: a chosen specialty stays for every later round; a
 * chosen specialist is checked by the next match only (a plain retry after an outage keeps a
 * choice not yet checked).
 */
export function retryChoice(answer: Extract<ExceptionAnswer, { kind: 'retry' }>): Update {
  if (answer.specialty) return { chosenSpecialty: answer.specialty, chosenSpecialist: null };
  return answer.specialist ? { chosenSpecialist: answer.specialist } : {};
}
