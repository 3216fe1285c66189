import { z } from 'zod';
import { Referral } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

export const getReferral = defineTool({
  name: 'get_referral',
  description:
    'Fetch the referral as the EHR recorded it: patient, reason, diagnosis codes, urgency.',
  input: z.object({ referralId: z.string().min(1).describe('The EHR referral id') }),
  output: Referral,
  check: (out, input, scope) =>
    out.id !== input.referralId
      ? 'EHR returned a different referral'
      : out.practiceId !== scope.practiceId
        ? 'Referral belongs to another practice'
        : null,
  execute: (input, deps) => deps.ehr.getReferral(input.referralId),
});
