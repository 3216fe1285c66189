import type { RecordedRequest, Reply } from './openai-server.js';

interface ChatBody {
  messages?: { role: string; content: unknown }[];
  tools?: { function?: { name?: string } }[];
  tool_choice?: { function?: { name?: string } } | string;
  response_format?: { json_schema?: { name?: string } };
}

/** The step a chat request is for: its structured-output name, or 'tools' for a tool round. */
export function stepOf(req: RecordedRequest): string {
  const body = req.body as ChatBody;
  const named = body.response_format?.json_schema?.name;
  if (named) return named;
  if (typeof body.tool_choice === 'object' && body.tool_choice.function?.name) {
    return body.tool_choice.function.name;
  }
  return body.tools?.length ? 'tools' : 'unknown';
}

/** Everything the request carried as message text (the prompt, tool results). */
export function promptText(req: RecordedRequest): string {
  const body = req.body as ChatBody;
  return (body.messages ?? [])
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n');
}

/** Candidate ids offered in a re-rank prompt, in the order given. */
export function candidateIdsIn(text: string): string[] {
  return [...text.matchAll(/"id":"([^"]+)"/g)].map((m) => m[1] as string);
}

/** Placeholders offered in a prompt, e.g. [PATIENT_NAME_1]. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(text.match(/\[[A-Z_]+_\d+\]/g) ?? [])];
}

/** The names of the tools a request offers. */
export function toolNamesOf(req: RecordedRequest): string[] {
  const body = req.body as ChatBody;
  return (body.tools ?? []).flatMap((t) => (t.function?.name ? [t.function.name] : []));
}

/**
 * The answer step a request is for: its structured-output name, or in a tool round the submit
 * tool (named like a step, unlike the registry's tools).
 */
export function answerStepOf(req: RecordedRequest): string {
  const step = stepOf(req);
  if (step !== 'tools') return step;
  return toolNamesOf(req).find((n) => /^(enrichment|matching|packet|outreach)_/.test(n)) ?? step;
}

/** A scripted JSON answer, delivered the way the request asks: structured content or a submit call. */
export function deliverAnswer(req: RecordedRequest, reply: Reply): Reply {
  if (stepOf(req) !== 'tools' || !('json' in reply)) return reply;
  const delay = reply.delayMs === undefined ? {} : { delayMs: reply.delayMs };
  return { toolCalls: [{ name: answerStepOf(req), args: reply.json }], ...delay };
}
