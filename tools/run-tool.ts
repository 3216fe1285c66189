import type { z } from 'zod';
import {
  AppError,
  type AuditLog,
  issuesFromZod,
  type Tracer,
  toAppError,
} from '../src/domain/index.js';
import type { ToolDeps, ToolScope } from './define-tool.js';
import { approvedTools, type ToolName } from './registry.js';

export interface ToolRuntime {
  deps: ToolDeps;
  audit: AuditLog;
  /** Records each call as a tool observation of the referral's trace (name and outcome only). */
  tracer?: Tracer;
}

type Input<N extends ToolName> = z.input<(typeof approvedTools)[N]['input']>;
type Output<N extends ToolName> = z.infer<(typeof approvedTools)[N]['output']>;

/**
 * Runs one approved tool: refuses names off the allow-list, validates input, output and business
 * rules, and appends one audit event per call (name, outcome, duration; never the data).
 */
export async function runTool<N extends ToolName>(
  name: N,
  rawInput: Input<N>,
  scope: ToolScope,
  runtime: ToolRuntime,
): Promise<Output<N>> {
  if (!Object.hasOwn(approvedTools, name)) {
    throw new AppError('TOOL_NOT_ALLOWED', 'Tool is not on the allow-list', {
      details: { tool: name },
    });
  }
  // biome-ignore lint/suspicious/noExplicitAny: the registry entry is chosen by a key checked above
  const tool = approvedTools[name] as any;
  const started = Date.now();
  const record = (outcome: string, code: string | null) =>
    runtime.audit.append({
      practiceId: scope.practiceId,
      referralId: scope.referralId,
      actor: `tool:${name}`,
      action: 'tool.called',
      data: { tool: name, outcome, code, ms: Date.now() - started },
    });

  const input = tool.input.safeParse(rawInput);
  if (!input.success) {
    await record('input_invalid', 'TOOL_INPUT_INVALID');
    throw new AppError('TOOL_INPUT_INVALID', 'Tool input failed validation', {
      details: { tool: name },
      issues: issuesFromZod(input.error),
    });
  }
  let raw: unknown;
  try {
    const execute = () => tool.execute(input.data, runtime.deps, scope) as Promise<unknown>;
    raw = await (runtime.tracer ? runtime.tracer.tool(name, execute) : execute());
  } catch (error) {
    const appError = toAppError(error);
    await record('error', appError.code);
    throw appError;
  }
  const output = tool.output.safeParse(raw);
  const refusal = output.success ? (tool.check?.(output.data, input.data, scope) ?? null) : null;
  if (!output.success || refusal) {
    await record('output_invalid', 'TOOL_OUTPUT_INVALID');
    throw new AppError('TOOL_OUTPUT_INVALID', refusal ?? 'Tool output failed validation', {
      details: { tool: name },
    });
  }
  await record('ok', null);
  return output.data as Output<N>;
}
