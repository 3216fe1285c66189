import type { RecordedRequest, Reply } from '../fakes/openai-server.js';
import { candidateIdsIn, placeholdersIn, promptText, stepOf } from './llm-requests.js';

/** A well-behaved model: valid answers for every agent step, built from what the prompt offers. */
export function cooperativeReply(req: RecordedRequest): Reply {
  const text = promptText(req);
  const name = placeholdersIn(text).find((p) => p.startsWith('[PATIENT_NAME')) ?? 'the patient';
  switch (stepOf(req)) {
    case 'tools':
      return { content: 'No lookups needed.' };
    case 'enrichment_summary': {
      const ids = [...text.matchAll(/<<<note (\S+)/g)].map((m) => m[1] as string);
      return {
        json: {
          summary: 'Findings consistent with the reason for referral.',
          noteIds: ids.slice(0, 1),
        },
      };
    }
    case 'matching_specialty':
      return { json: { specialties: ['ophthalmology'], rationale: 'General eye complaint.' } };
    case 'matching_rerank': {
      const ids = candidateIdsIn(text);
      const pick = ids.at(-1) ?? '';
      return {
        json: {
          ranking: [...ids].reverse(),
          recommendedId: pick,
          justification: 'Shortest wait for this urgency.',
        },
      };
    }
    case 'packet_letter':
      return {
        json: {
          subject: 'Evaluation requested',
          body: `Please evaluate ${name} for the findings described. Clinical summary attached.`,
        },
      };
    case 'outreach_messages':
      return {
        json: {
          officeMessage: 'Please review the attached referral and contact the patient to schedule.',
          patientMessage: `Hello ${name}, we have referred you to a specialist who will call you.`,
        },
      };
    default:
      return { status: 500, error: `unexpected step ${stepOf(req)}` };
  }
}
