import type { FaultState } from './faults.js';
import type { SpecialistOffices } from './offices/index.js';
import type { Logger } from './options.js';
import type { WebhookSender } from './webhook-sender.js';
import type { SandboxWorld } from './world-state.js';

/** What route handlers share. */
export interface SandboxContext {
  world: SandboxWorld;
  webhooks: WebhookSender;
  faults: FaultState;
  offices: SpecialistOffices;
  logger: Logger;
}
