import { z } from 'zod';
import { NetworkStatus } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

export const checkNetworkStatus = defineTool({
  name: 'check_network_status',
  description: "Ask the payer whether the plan's coverage is active and which networks it pays in.",
  input: z.object({
    payerId: z.string().min(1).describe('Payer id from the coverage'),
    planId: z.string().min(1).describe('Plan id from the coverage'),
  }),
  output: NetworkStatus,
  check: (out, input) => (out.planId === input.planId ? null : 'Payer answered for another plan'),
  execute: (input, deps) => deps.payer.getNetworkStatus(input),
});
