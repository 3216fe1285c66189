import { interrupt, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { HumanResponses } from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import { receiptOf } from '../receipt.js';
import { exceptionRequest } from '../review-request.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/** Parks the referral with a coordinator task; accept retries from intake, anything else cancels. */
export const handleExceptionNode =
  (deps: GraphDeps) =>
  async (state: State, config: LangGraphRunnableConfig): Promise<Update> => {
    const info = state.exception ?? {
      reason: 'unknown',
      stage: 'intake' as const,
      code: 'UNKNOWN',
    };
    const title = `Referral ${state.referralId} needs attention: ${info.reason.replaceAll('_', ' ')}`;
    const detail = `Stopped at ${info.stage} (${info.code})${info.detail ? `: ${info.detail}` : ''}. Retry it, or cancel it, from the review queue.`;
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
    if (response?.type === 'accept') {
      const status = await transition(deps, { ...state, status: 'exception' }, 'exception', {
        actor,
        receipt,
        keySuffix: 'retry',
        data: { decision: 'retry' },
      });
      return { exception: null, round: state.round + 1, status };
    }
    const reason = response?.type === 'response' ? response.args : 'cancelled by coordinator';
    const status = await transition(deps, state, 'cancelled', { actor, receipt, note: reason });
    return { status, outcome: 'cancelled' };
  };
