import type { RecordedRequest, Reply, ReplyHandler } from '../fakes/openai-server.js';

/** The structured-output names of the agents' prompts (prompt id, non-alphanumerics as `_`). */
export const STEP_NAMES = [
  'enrichment_summary',
  'matching_rerank',
  'matching_specialty',
  'packet_letter',
  'outreach_messages',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** For `jsonMode`, where the request names no schema: the system prompt's opening words. */
const SYSTEM_OPENINGS: [string, StepName][] = [
  ['You prepare a specialist referral', 'enrichment_summary'],
  ['You help an eye-care practice choose the specialist', 'matching_rerank'],
  ['You map a referral', 'matching_specialty'],
  ['You draft the clinical part of a referral letter', 'packet_letter'],
  ["You write two short messages for an eye-care practice's referral", 'outreach_messages'],
];

interface ChatMessage {
  role?: string;
  content?: unknown;
}

interface ChatRequest {
  messages?: ChatMessage[];
  response_format?: { type?: string; json_schema?: { name?: string } };
  tools?: { function?: { name?: string } }[];
  tool_choice?: unknown;
}

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((part) => (part as { text?: string }).text ?? '').join('')
      : '';

const isStep = (name: string | undefined): name is StepName =>
  (STEP_NAMES as readonly string[]).includes(name ?? '');

/** Which agent step a chat request is for, and whether it asks for the structured answer. */
function stepOf(body: ChatRequest): { step: StepName | null; structured: boolean } {
  const schemaName = body.response_format?.json_schema?.name;
  if (isStep(schemaName)) return { step: schemaName, structured: true };
  const choice = body.tool_choice as { function?: { name?: string } } | string | undefined;
  const forced = typeof choice === 'object' ? choice.function?.name : undefined;
  if (isStep(forced)) return { step: forced, structured: true };
  const system = textOf(body.messages?.find((m) => m.role === 'system')?.content);
  const step = SYSTEM_OPENINGS.find(([opening]) => system.startsWith(opening))?.[1] ?? null;
  return { step, structured: body.response_format?.type === 'json_object' };
}

/** What the patient is to be called, as the prompt gives it (`Refer to them as X.`). */
function calledAs(user: string, lead: RegExp): string {
  const named = lead.exec(user)?.[1]?.trim();
  return named && named.length > 0 ? named : 'the patient';
}

/** Reuses a (de-identified) sentence of the notes and cites the note it came from. */
function summaryAnswer(user: string) {
  const noteIds = [...user.matchAll(/<<<note (\S+) \(/g)].map((m) => m[1] as string);
  const at = user.indexOf('<<<note');
  const lines = (at === -1 ? '' : user.slice(at))
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('<<<') && !l.startsWith('>>>'));
  const sentence =
    lines.find((l) => /retinopathy|edema|macula|IOP/i.test(l)) ??
    lines[0] ??
    'No relevant history on file.';
  return { summary: sentence.slice(0, 400), noteIds: noteIds.slice(0, 1) };
}

/** Picks the first candidate offered (candidate lines are JSON objects with an "id"). */
function rerankAnswer(user: string) {
  const ids = user
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => /"id":"([^"]+)"/.exec(l)?.[1])
    .filter((id): id is string => id !== undefined);
  const first = ids[0] ?? 'no-candidate';
  return {
    ranking: [first],
    recommendedId: first,
    justification: 'Closest in-network retina specialist with the shortest wait.',
  };
}

function letterAnswer(user: string) {
  const who = calledAs(user, /Refer to them as ([^\n]+?)\.\s*$/m);
  return {
    subject: `Retina referral for ${who}`,
    body: [
      `I am referring ${who} for evaluation of the retinal findings described.`,
      `Please assess ${who} for treatment and advise on the plan.`,
    ].join('\n'),
  };
}

function outreachAnswer(user: string) {
  const who = calledAs(user, /Address the patient as ([^\n]+?)\.\s*$/m);
  return {
    officeMessage: `Please review the attached referral for ${who} and contact the patient to schedule.`,
    patientMessage: `Hello ${who}, we have referred you to a retina specialist for your eyes. Their office will call you; if you do not hear back within a week, please contact us.`,
  };
}

function specialtyAnswer() {
  return { specialties: ['retina'], rationale: 'Retinal findings.' };
}

const ANSWERS: Record<StepName, (user: string) => unknown> = {
  enrichment_summary: summaryAnswer,
  matching_rerank: rerankAnswer,
  matching_specialty: specialtyAnswer,
  packet_letter: letterAnswer,
  outreach_messages: outreachAnswer,
};

/**
 * An OpenAI-compatible handler that answers like a cooperative model: valid JSON for each agent
 * step, built from the (de-identified) prompt it received, echoing the placeholders it was given
 * so that re-identification is exercised. `calls` counts structured requests per step.
 */
export function phiE2eModel() {
  const calls: Record<StepName, number> = {
    enrichment_summary: 0,
    matching_rerank: 0,
    matching_specialty: 0,
    packet_letter: 0,
    outreach_messages: 0,
  };
  const handler: ReplyHandler = (request: RecordedRequest): Reply | undefined => {
    if (!request.path.endsWith('/chat/completions')) return undefined;
    const body = (request.body ?? {}) as ChatRequest;
    const { step, structured } = stepOf(body);
    if (step === null) return { status: 400, error: 'phi-e2e-model: unknown prompt' };
    // The tool round before the answer: no lookup needed.
    if (!structured) return { content: 'No tool call needed.' };
    calls[step]++;
    const value = ANSWERS[step](
      (body.messages ?? [])
        .filter((m) => m.role === 'user')
        .map((m) => textOf(m.content))
        .join('\n'),
    );
    const format = body.response_format?.type;
    return format === 'json_schema' || format === 'json_object'
      ? { json: value }
      : { toolCalls: [{ name: step, args: value }] };
  };
  return { handler, calls };
}
