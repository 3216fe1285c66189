import type { RecordedRequest } from '../fakes/openai-server.js';

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
