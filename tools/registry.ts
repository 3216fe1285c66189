import { checkNetworkStatus } from './check-network-status.js';
import { getClinicalNotes } from './get-clinical-notes.js';
import { getInsurance } from './get-insurance.js';
import { getPatient } from './get-patient.js';
import { getReferral } from './get-referral.js';
import { getSpecialist } from './get-specialist.js';
import { getSpecialistOutcomes } from './get-specialist-outcomes.js';
import { lookupPlan } from './lookup-plan.js';
import { searchSpecialists } from './search-specialists.js';

/** THE allow-list: an agent can only name tools that are keys here. */
export const approvedTools = {
  get_referral: getReferral,
  get_patient: getPatient,
  get_insurance: getInsurance,
  get_clinical_notes: getClinicalNotes,
  check_network_status: checkNetworkStatus,
  search_specialists: searchSpecialists,
  lookup_plan: lookupPlan,
  get_specialist_outcomes: getSpecialistOutcomes,
  get_specialist: getSpecialist,
} as const;

export type ToolName = keyof typeof approvedTools;
