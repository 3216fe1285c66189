import { z } from 'zod';
import { Coverage } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

export const getInsurance = defineTool({
  name: 'get_insurance',
  description: "List the patient's insurance coverages (payer, plan, member id, primary flag).",
  input: z.object({ patientId: z.string().min(1).describe('The EHR patient id') }),
  output: z.array(Coverage).max(10),
  check: (out) =>
    out.filter((c) => c.isPrimary).length > 1 ? 'More than one primary coverage' : null,
  execute: (input, deps) => deps.ehr.getInsurance(input.patientId),
});
