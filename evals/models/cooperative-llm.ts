import {
  answerStepOf,
  candidateIdsIn,
  placeholdersIn,
  promptText,
  stepOf,
  toolNamesOf,
} from './llm-requests.js';
import type { RecordedRequest, Reply } from './openai-server.js';

/** What a well-behaved model answers for a step, from what the prompt offers. */
export function cooperativeAnswer(step: string, text: string): unknown {
  const name = placeholdersIn(text).find((p) => p.startsWith('[PATIENT_NAME')) ?? 'the patient';
  switch (step) {
    case 'enrichment_summary': {
      const ids = [...text.matchAll(/<<<note (\S+)/g)].map((m) => m[1] as string);
      return {
        summary: 'Findings consistent with the reason for referral.',
        noteIds: ids.slice(0, 1),
      };
    }
    case 'matching_specialty':
      return { specialties: ['ophthalmology'], rationale: 'General eye complaint.' };
    case 'matching_rerank': {
      const ids = candidateIdsIn(text);
      return {
        ranking: [...ids].reverse(),
        recommendedId: ids.at(-1) ?? '',
        justification: 'Shortest wait for this urgency.',
      };
    }
    case 'packet_letter':
      return {
        subject: 'Evaluation requested',
        body: `Please evaluate ${name} for the findings described. Clinical summary attached.`,
      };
    case 'outreach_messages':
      return {
        officeMessage: 'Please review the attached referral and contact the patient to schedule.',
        patientMessage: `Hello ${name}, we have referred you to a specialist who will call you.`,
      };
    case 'loop_closure_consult_summary':
      return { summary: 'Seen by the specialist; plan and follow-up as stated in the note.' };
    default:
      return undefined;
  }
}

/** A well-behaved model: no lookups, a valid answer for every agent step. */
export function cooperativeReply(req: RecordedRequest): Reply {
  const text = promptText(req);
  const step = stepOf(req);
  if (step === 'tools') {
    const submit = toolNamesOf(req).find((n) => cooperativeAnswer(n, text) !== undefined);
    return submit
      ? { toolCalls: [{ name: submit, args: cooperativeAnswer(submit, text) }] }
      : { content: 'No lookups needed.' };
  }
  const answer = cooperativeAnswer(step, text);
  return answer === undefined
    ? { status: 500, error: `unexpected step ${step}` }
    : { json: answer };
}

/** The cooperative model as a server handler that counts the answers it gave, per step. */
export function cooperativeModel() {
  const calls: Record<string, number> = {};
  const handler = (req: RecordedRequest): Reply => {
    const step = answerStepOf(req);
    calls[step] = (calls[step] ?? 0) + 1;
    return cooperativeReply(req);
  };
  return { handler, calls };
}
