export { createAuditAnchorer } from './audit-anchorer.js';
export { createInboxWorker } from './inbox-worker.js';
export { createOutboxRelay } from './outbox-relay.js';
