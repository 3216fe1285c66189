import { type AgentName, AppError } from '../src/domain/index.js';
import {
  approvedTools,
  runTool,
  type ToolName,
  type ToolRuntime,
  type ToolScope,
} from '../tools/index.js';

/**
 * The tools each agent may call, by its policy or its LLM. None of them sends anything: sends
 * happen only in graph nodes after the gate that authorizes them.
 */
export const AGENT_TOOLS = {
  enrichment: ['get_patient', 'get_insurance', 'check_network_status', 'get_clinical_notes'],
  matching: [
    'search_specialists',
    'lookup_plan',
    'check_network_status',
    'get_specialist_outcomes',
    'get_specialist',
  ],
  packet: [],
  outreach: [],
  loop_closure: [],
} as const satisfies Record<AgentName, readonly ToolName[]>;

/** The subset of an agent's tools its LLM step is offered: none returns patient data. */
export const LLM_TOOLS = {
  enrichment: [],
  matching: ['lookup_plan', 'check_network_status'],
  packet: [],
  outreach: [],
  loop_closure: [],
} as const satisfies Record<AgentName, readonly ToolName[]>;

export const isToolName = (name: string): name is ToolName => Object.hasOwn(approvedTools, name);

async function refuseUnlessAllowed(
  agent: AgentName,
  name: string,
  allowed: readonly string[],
  scope: ToolScope,
  runtime: ToolRuntime,
): Promise<ToolName> {
  if (isToolName(name) && allowed.includes(name)) return name;
  const tool = name.slice(0, 64);
  await runtime.audit.append({
    practiceId: scope.practiceId,
    referralId: scope.referralId,
    actor: `agent:${agent}`,
    action: 'tool.refused',
    data: { agent, tool, reason: 'not_allowed' },
  });
  throw new AppError('TOOL_NOT_ALLOWED', 'Tool is not allowed for this agent', {
    details: { tool, agent },
  });
}

/**
 * Runs a tool for an agent's policy: a tool outside the agent's list is refused and audited
 * before anything runs; the rest goes through `runTool` (validated, audited).
 */
export async function runAgentTool<N extends ToolName>(
  agent: AgentName,
  name: N,
  input: Parameters<typeof runTool<N>>[1],
  scope: ToolScope,
  runtime: ToolRuntime,
): ReturnType<typeof runTool<N>> {
  await refuseUnlessAllowed(agent, name, AGENT_TOOLS[agent], scope, runtime);
  return runTool(name, input, scope, runtime);
}

/** Runs a call a model asked for: any name and arguments, checked before anything runs. */
export async function runRequestedTool(
  agent: AgentName,
  name: string,
  input: unknown,
  allowed: readonly ToolName[],
  scope: ToolScope,
  runtime: ToolRuntime,
): Promise<unknown> {
  const tool = await refuseUnlessAllowed(agent, name, allowed, scope, runtime);
  return runTool(tool, input as never, scope, runtime);
}
