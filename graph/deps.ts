import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { AgentContext, AgentModel } from '../agents/index.js';
import type { Weights } from '../retrieval/index.js';
import type {
  Clock,
  ConsultNoteReader,
  RolloutMode,
  Store,
  TimerPolicies,
  Tracer,
} from '../src/domain/index.js';
import type { ToolDeps } from '../tools/index.js';

/** Everything the graph needs from outside, injected by the composition root. */
export interface GraphDeps {
  tools: ToolDeps;
  store: Store;
  checkpointer: BaseCheckpointSaver;
  clock: Clock;
  rollout: { modes: Record<string, RolloutMode>; defaultMode: RolloutMode };
  matching: {
    radiusKm: number;
    limit: number;
    searchWidth: number;
    weights: { routine: Weights; urgent: Weights };
  };
  /** How long each wait of the loop may last (per urgency and referral type). */
  timers: TimerPolicies;
  /** Reads C-CDA consult notes (for their summary). */
  ccda: ConsultNoteReader;
  /** The LLM the agents may use; null or absent: every agent runs its deterministic policy. */
  model?: AgentModel | null;
  tracer?: Tracer;
}

export function modeFor(deps: GraphDeps, referralType: string): RolloutMode {
  return deps.rollout.modes[referralType] ?? deps.rollout.defaultMode;
}

/** What an agent gets for one referral: its scope, the tools' runtime and the optional LLM. */
export function agentContext(
  deps: GraphDeps,
  state: { practiceId: string; referralId: string },
): AgentContext {
  return {
    scope: { practiceId: state.practiceId, referralId: state.referralId },
    runtime: {
      deps: deps.tools,
      audit: deps.store.audit,
      ...(deps.tracer ? { tracer: deps.tracer } : {}),
    },
    model: deps.model ?? null,
  };
}
