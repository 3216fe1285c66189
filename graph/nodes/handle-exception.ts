import { interrupt, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { HumanResponses, type TaskKind } from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import { exceptionAnswer, retryChoice, retryData } from '../exception-answer.js';
import { receiptOf } from '../receipt.js';
import { exceptionRequest } from '../review-request.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/** The tasks an exception opens, done once a coordinator has resolved it. */
const EXCEPTION_TASKS: TaskKind[] = ['exception', 'upstream_unavailable'];

/**
 * Parks the referral with a coordinator task. Accept retries from intake; an edit retries with the
 * specialty or the specialist the coordinator chose; anything else cancels.
 */
export const handleExceptionNode =
  (deps: GraphDeps) =>
  async (state: State, config: LangGraphRunnableConfig): Promise<Update> => {
    const info = state.exception ?? {
      reason: 'unknown',
      stage: 'intake' as const,
      code: 'UNKNOWN',
    };
    const title = `Referral ${state.referralId} needs attention: ${info.reason.replaceAll('_', ' ')}`;
    const detail = `Stopped at ${info.stage} (${info.code})${info.detail ? `: ${info.detail}` : ''}. Retry it (as it is, with a specialty, or with a specialist from the directory), or cancel it, from the review queue.`;
    await transition(deps, state, 'exception', {
      data: { reason: info.reason, stage: info.stage, code: info.code },
      note: info.reason,
      tasks: [
        {
          kind: info.reason === 'upstream_unavailable' ? 'upstream_unavailable' : 'exception',
          title,
          detail,
        },
      ],
      outbox: [{ kind: 'ehr_task', referralId: state.referralId, title, detail }],
    });
    const [response] = interrupt<unknown, HumanResponses>(exceptionRequest(state), {
      responseSchema: HumanResponses,
    });
    const actor = String(config.configurable?.actor ?? 'coordinator:unknown');
    const receipt = receiptOf(config);
    const answer = exceptionAnswer(response);
    if (answer.kind === 'retry') {
      const status = await transition(deps, { ...state, status: 'exception' }, 'exception', {
        actor,
        receipt,
        keySuffix: 'retry',
        data: retryData(answer),
        closeTasks: EXCEPTION_TASKS,
      });
      return { exception: null, round: state.round + 1, status, ...retryChoice(answer) };
    }
    const status = await transition(deps, state, 'cancelled', {
      actor,
      receipt,
      note: answer.reason,
      closeTasks: EXCEPTION_TASKS,
    });
    return { status, outcome: 'cancelled' };
  };
