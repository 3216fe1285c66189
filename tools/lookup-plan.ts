import { z } from 'zod';
import { AppError, InsurancePlanRecord } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

export const lookupPlan = defineTool({
  name: 'lookup_plan',
  description: 'Find an insurance plan of the directory and the networks it pays in.',
  input: z.object({ planId: z.string().min(1).max(200).describe('InsurancePlan id') }),
  output: InsurancePlanRecord,
  check: (out, input) => (out.id === input.planId ? null : 'Directory returned another plan'),
  execute: async (input, deps) => {
    const plan = await deps.plans.getPlan(input.planId);
    if (!plan) throw new AppError('NOT_FOUND', 'No such plan in the directory');
    return plan;
  },
});
