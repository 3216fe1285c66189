export { createSandboxApp, type SandboxApp } from './app.js';
export type { ClinicalNote, NoteKind } from './clinical-notes.js';
export { isValidNpi } from './npi.js';
export {
  buildConsultNote,
  OFFICE_PROFILES,
  type OfficePlanView,
  type OfficeProfile,
  type SendAttempt,
  SpecialistOffices,
  type StepView,
} from './offices/index.js';
export type { Logger, OfficeOptions, SandboxAppOptions, SandboxOptions } from './options.js';
export { type RunningSandbox, startSandbox } from './server.js';
export type { DeliveryRecord, DropState } from './webhook-sender.js';
export {
  type Coverage,
  findPlan,
  generatePractice,
  type Patient,
  type Plan,
  type Practice,
  type Provider,
} from './world.js';
export {
  type DocumentSummary,
  type Referral,
  SandboxWorld,
  type SpecialistResponse,
  type StatusEntry,
  type StoredDocument,
} from './world-state.js';
