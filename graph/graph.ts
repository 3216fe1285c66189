import { END, START, StateGraph } from '@langchain/langgraph';
import type { GraphDeps } from './deps.js';
import { cancelNode } from './nodes/cancel.js';
import { closeNode } from './nodes/close.js';
import { dispatchNode } from './nodes/dispatch.js';
import { draftPacketNode } from './nodes/draft-packet.js';
import { enrichNode } from './nodes/enrich.js';
import { expireNode } from './nodes/expire.js';
import { fileConsultNode } from './nodes/file-consult.js';
import { followUpNode } from './nodes/follow-up.js';
import { gapTaskNode } from './nodes/gap-task.js';
import { handleExceptionNode } from './nodes/handle-exception.js';
import { intakeNode } from './nodes/intake.js';
import { loopWaitNode } from './nodes/loop-wait.js';
import { matchNode } from './nodes/match.js';
import { noShowNode } from './nodes/no-show.js';
import { reviewNode } from './nodes/review.js';
import { afterDraft, afterException, afterLoopEvent, afterReview, orException } from './routes.js';
import { ReferralState } from './state.js';

/**
 * The referral lifecycle as a graph (ARCHITECTURE.md §3); nodes are thin, agents do the work.
 * The first hour: intake → enrich → match → draft → review ⏸ → dispatch. Then the loop: each
 * `await-*` ⏸ waits for a loop event (the channel, the EHR, HL7 v2, a timer) until `close`.
 * @example const graph = buildGraph(deps); await graph.invoke({ practiceId, referralId }, { configurable: { thread_id } });
 */
export function buildGraph(deps: GraphDeps) {
  return (
    new StateGraph(ReferralState)
      .addNode('intake', intakeNode(deps))
      .addNode('enrich', enrichNode(deps))
      .addNode('match', matchNode(deps))
      .addNode('draft-packet', draftPacketNode(deps))
      .addNode('review', reviewNode(deps))
      .addNode('dispatch', dispatchNode(deps))
      .addNode('await-delivery', loopWaitNode('await-delivery')(deps))
      .addNode('await-response', loopWaitNode('await-response')(deps))
      .addNode('follow-up', followUpNode(deps))
      .addNode('await-visit', loopWaitNode('await-visit')(deps))
      .addNode('no-show', noShowNode(deps))
      .addNode('await-consult', loopWaitNode('await-consult')(deps))
      .addNode('gap-task', gapTaskNode(deps))
      .addNode('file-consult', fileConsultNode(deps))
      .addNode('handle-exception', handleExceptionNode(deps))
      .addNode('cancel', cancelNode(deps))
      .addNode('expire', expireNode(deps))
      .addNode('close', closeNode(deps))
      .addEdge(START, 'intake')
      .addConditionalEdges('intake', orException('enrich'))
      .addConditionalEdges('enrich', orException('match'))
      .addConditionalEdges('match', orException('draft-packet'))
      .addConditionalEdges('draft-packet', afterDraft)
      .addConditionalEdges('review', afterReview)
      .addEdge('dispatch', 'await-delivery')
      // The loop: every wait may also be cancelled or expire.
      .addConditionalEdges('await-delivery', ...afterLoopEvent('await-delivery'))
      .addConditionalEdges('await-response', ...afterLoopEvent('await-response'))
      .addEdge('follow-up', 'await-response')
      .addConditionalEdges('await-visit', ...afterLoopEvent('await-visit'))
      .addEdge('no-show', 'await-response')
      .addConditionalEdges('await-consult', ...afterLoopEvent('await-consult'))
      .addEdge('gap-task', 'await-consult')
      .addEdge('file-consult', 'close')
      .addConditionalEdges('handle-exception', afterException)
      .addEdge('cancel', 'close')
      .addEdge('expire', 'close')
      .addEdge('close', END)
      .compile({ checkpointer: deps.checkpointer, name: 'referral' })
  );
}

export type ReferralGraph = ReturnType<typeof buildGraph>;
