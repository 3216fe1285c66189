import { answerStepOf, deliverAnswer, stepOf, toolNamesOf } from './llm-requests.js';
import { type RecordedRequest, type Reply, startOpenAiServer } from './openai-server.js';

/** The agents' names, as the answer steps start (`matching_rerank`, `loop_closure_…`). */
const AGENTS = ['loop_closure', 'enrichment', 'matching', 'packet', 'outreach'] as const;

/** The agent a request is for, from its answer step; `unknown` when it names none. */
export function agentOf(req: RecordedRequest): string {
  const step = answerStepOf(req);
  return AGENTS.find((a) => step.startsWith(`${a}_`)) ?? 'unknown';
}

/** One request and the reply the scripted model gave it. */
export interface Exchange {
  agent: string;
  step: string;
  /** Tools the request offered the model, the answer tool left out. */
  offered: string[];
  /** Tools the reply asked to call, the answer tool left out. */
  called: string[];
}

function exchangeOf(req: RecordedRequest, reply: Reply): Exchange {
  const answer = answerStepOf(req);
  const calls = 'toolCalls' in reply ? reply.toolCalls.map((c) => c.name) : [];
  return {
    agent: agentOf(req),
    step: stepOf(req),
    offered: toolNamesOf(req).filter((n) => n !== answer),
    called: calls.filter((n) => n !== answer),
  };
}

/**
 * A scripted OpenAI-compatible server whose behaviour is set per case, recording what each case
 * was asked and answered. JSON answers reach tool rounds as calls of the answer tool.
 */
export async function startModelSession() {
  const server = await startOpenAiServer();
  let exchanges: Exchange[] = [];
  return {
    url: server.url,
    requests: server.requests,
    /** Starts a case: `answer` scripts the replies, the case's record starts empty. */
    begin(answer: (req: RecordedRequest) => Reply) {
      exchanges = [];
      server.setHandler((req) => {
        const reply = deliverAnswer(req, answer(req));
        exchanges.push(exchangeOf(req, reply));
        return reply;
      });
      return () => exchanges;
    },
    close: () => server.close(),
  };
}

export type ModelSession = Awaited<ReturnType<typeof startModelSession>>;
