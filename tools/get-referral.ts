import { z } from 'zod';
import { AppError, isAppError, Referral } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

const notFound = () => new AppError('NOT_FOUND', 'Referral not found');

export const getReferral = defineTool({
  name: 'get_referral',
  description:
    'Fetch the referral as the EHR recorded it: patient, reason, diagnosis codes, urgency.',
  input: z.object({ referralId: z.string().min(1).describe('The EHR referral id') }),
  output: Referral,
  check: (out, input) => (out.id !== input.referralId ? 'EHR returned a different referral' : null),
  /** Another practice's referral is answered exactly as a missing one, so ids do not leak. */
  async execute(input, deps, scope) {
    const referral = await deps.ehr.getReferral(input.referralId).catch((error: unknown) => {
      throw isAppError(error) && error.code === 'NOT_FOUND' ? notFound() : error;
    });
    if (referral.practiceId !== scope.practiceId) throw notFound();
    return referral;
  },
});
