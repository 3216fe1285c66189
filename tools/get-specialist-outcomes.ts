import { z } from 'zod';
import { SpecialistOutcome } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

const Npi = z.string().regex(/^\d{10}$/);

export const getSpecialistOutcomes = defineTool({
  name: 'get_specialist_outcomes',
  description:
    "What this practice's own referrals show about each practitioner: referrals sent, time to acknowledge and to appointment, no-show, decline and loop-closure rates, with counts.",
  input: z.object({ npis: z.array(Npi).min(1).max(200).describe('Practitioners to look up') }),
  output: z.array(SpecialistOutcome),
  check: (out, input) =>
    out.every((o) => input.npis.includes(o.npi))
      ? null
      : 'Outcomes returned for another practitioner',
  execute: (input, deps, scope) => deps.outcomes.forSpecialists(scope.practiceId, input.npis),
});
