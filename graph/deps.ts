import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { Weights } from '../retrieval/index.js';
import type { Clock, RolloutMode, Store } from '../src/domain/index.js';
import type { ToolDeps } from '../tools/index.js';

/** Everything the graph needs from outside, injected by the composition root. */
export interface GraphDeps {
  tools: ToolDeps;
  store: Store;
  checkpointer: BaseCheckpointSaver;
  clock: Clock;
  rollout: { modes: Record<string, RolloutMode>; defaultMode: RolloutMode };
  matching: { radiusKm: number; limit: number; weights: { routine: Weights; urgent: Weights } };
}

export function modeFor(deps: GraphDeps, referralType: string): RolloutMode {
  return deps.rollout.modes[referralType] ?? deps.rollout.defaultMode;
}
