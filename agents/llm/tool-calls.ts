import { ToolMessage } from '@langchain/core/messages';
import type { AgentName } from '../../src/domain/index.js';
import { approvedTools, type ToolName } from '../../tools/index.js';
import { runRequestedTool } from '../tool-permissions.js';
import type { AgentContext } from './llm-context.js';
import { untrusted } from './prompt.js';

export interface RequestedCall {
  id?: string | undefined;
  name: string;
  args: unknown;
}

/** The tool definitions an LLM is offered: the agent's LLM tools, with their zod input schemas. */
export function toolSpecs(names: readonly ToolName[]) {
  return names.map((name) => ({
    name,
    description: approvedTools[name].description,
    schema: approvedTools[name].input,
  }));
}

/**
 * Runs one tool call an LLM asked for. Refusals (unknown tool, outside the agent's list, invalid
 * arguments) are audited and answered as refusals; nothing the model asks for can send anything.
 */
export async function answerToolCall(
  agent: AgentName,
  call: RequestedCall,
  allowed: readonly ToolName[],
  ctx: AgentContext,
): Promise<{ message: ToolMessage; refused: boolean }> {
  const id = call.id ?? `${call.name}-call`;
  try {
    const output = await runRequestedTool(
      agent,
      call.name,
      call.args,
      allowed,
      ctx.scope,
      ctx.runtime,
    );
    const content = untrusted('tool result', JSON.stringify(output));
    return { message: new ToolMessage({ content, tool_call_id: id }), refused: false };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'TOOL_INPUT_INVALID') {
      await ctx.runtime.audit.append({
        practiceId: ctx.scope.practiceId,
        referralId: ctx.scope.referralId,
        actor: `agent:${agent}`,
        action: 'tool.refused',
        data: { agent, tool: call.name.slice(0, 64), reason: 'input_invalid' },
      });
    }
    const content = `refused: ${typeof code === 'string' ? code : 'TOOL_FAILED'}`;
    return { message: new ToolMessage({ content, tool_call_id: id }), refused: true };
  }
}

/** Arguments the client could not parse come back as invalid calls: refused and audited. */
export async function refuseMalformedCall(
  agent: AgentName,
  call: { id?: string | undefined; name?: string | undefined },
  ctx: AgentContext,
): Promise<ToolMessage> {
  await ctx.runtime.audit.append({
    practiceId: ctx.scope.practiceId,
    referralId: ctx.scope.referralId,
    actor: `agent:${agent}`,
    action: 'tool.refused',
    data: { agent, tool: (call.name ?? 'unknown').slice(0, 64), reason: 'malformed_arguments' },
  });
  return new ToolMessage({ content: 'refused: malformed arguments', tool_call_id: call.id ?? 'x' });
}
