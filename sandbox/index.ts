export { createSandboxApp, type SandboxApp } from './app.js';
export type { ClinicalNote, NoteKind } from './clinical-notes.js';
export { isValidNpi } from './npi.js';
export type { Logger, SandboxAppOptions, SandboxOptions } from './options.js';
export { type RunningSandbox, startSandbox } from './server.js';
export type { DeliveryRecord } from './webhook-sender.js';
export {
  type Coverage,
  findPlan,
  generatePractice,
  type Patient,
  type Plan,
  type Practice,
  type Provider,
} from './world.js';
export { type Referral, SandboxWorld, type StatusEntry } from './world-state.js';
