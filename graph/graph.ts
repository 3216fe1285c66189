import { END, START, StateGraph } from '@langchain/langgraph';
import type { GraphDeps } from './deps.js';
import { awaitResponseNode } from './nodes/await-response.js';
import { closeNode } from './nodes/close.js';
import { dispatchNode } from './nodes/dispatch.js';
import { draftPacketNode } from './nodes/draft-packet.js';
import { enrichNode } from './nodes/enrich.js';
import { handleExceptionNode } from './nodes/handle-exception.js';
import { intakeNode } from './nodes/intake.js';
import { matchNode } from './nodes/match.js';
import { reviewNode } from './nodes/review.js';
import { afterDraft, afterException, afterResponse, afterReview, orException } from './routes.js';
import { ReferralState } from './state.js';

/**
 * The referral lifecycle as a graph (ARCHITECTURE.md §3); nodes are thin, agents do the work.
 * @example const graph = buildGraph(deps); await graph.invoke({ practiceId, referralId }, { configurable: { thread_id } });
 */
export function buildGraph(deps: GraphDeps) {
  return new StateGraph(ReferralState)
    .addNode('intake', intakeNode(deps))
    .addNode('enrich', enrichNode(deps))
    .addNode('match', matchNode(deps))
    .addNode('draft-packet', draftPacketNode(deps))
    .addNode('review', reviewNode(deps))
    .addNode('dispatch', dispatchNode(deps))
    .addNode('await-response', awaitResponseNode(deps))
    .addNode('handle-exception', handleExceptionNode(deps))
    .addNode('close', closeNode(deps))
    .addEdge(START, 'intake')
    .addConditionalEdges('intake', orException('enrich'))
    .addConditionalEdges('enrich', orException('match'))
    .addConditionalEdges('match', orException('draft-packet'))
    .addConditionalEdges('draft-packet', afterDraft)
    .addConditionalEdges('review', afterReview)
    .addEdge('dispatch', 'await-response')
    .addConditionalEdges('await-response', afterResponse)
    .addConditionalEdges('handle-exception', afterException)
    .addEdge('close', END)
    .compile({ checkpointer: deps.checkpointer, name: 'referral' });
}

export type ReferralGraph = ReturnType<typeof buildGraph>;
