export { createAuditAnchorer } from './audit-anchorer.js';
export { createInboxWorker } from './inbox-worker.js';
export {
  createMllpDecoder,
  frameMllp,
  MLLP_END,
  MLLP_START,
  type MllpDecoder,
  type MllpFrameEvent,
} from './mllp-framer.js';
export {
  type MllpFailure,
  type MllpListener,
  type MllpListenerOptions,
  startMllpListener,
} from './mllp-listener.js';
export { createOutboxRelay } from './outbox-relay.js';
export { createReconciler, type ReconcilePass, type ReconcilerOptions } from './reconciler.js';
export { createTimerScheduler } from './timer-scheduler.js';
