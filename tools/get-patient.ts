import { z } from 'zod';
import { Patient } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

export const getPatient = defineTool({
  name: 'get_patient',
  description: "Fetch the patient's demographics, address, language and preferred contact channel.",
  input: z.object({ patientId: z.string().min(1).describe('The EHR patient id') }),
  output: Patient,
  check: (out, input) => (out.id === input.patientId ? null : 'EHR returned a different patient'),
  execute: (input, deps) => deps.ehr.getPatient(input.patientId),
});
