export { buildConsultNote, escapeXml, findingsFor } from './consult-note.js';
export { escapeHl7, hl7Time, parseAck } from './hl7.js';
export { OFFICE_APPLICATION } from './messages.js';
export { type MllpTarget, sendMllp } from './mllp-client.js';
export {
  MESSAGE_TYPES,
  OFFICE_PROFILES,
  type OfficePatient,
  type OfficeProfile,
  type OfficeReferral,
} from './model.js';
export { DECLINE_REASONS, planSteps, profileFor } from './plan.js';
export {
  type OfficePlanView,
  type PacketMessage,
  type ReferralLookup,
  type SendAttempt,
  SpecialistOffices,
  type SpecialistOfficesOptions,
  type StepView,
  splitName,
} from './specialist-offices.js';
