export {
  type CanaryReferral,
  canaryReason,
  runCanaryReferrals,
  wirePatient,
} from './canary-run.js';
export {
  COORDINATOR_TOKEN,
  type ObservedService,
  startObservedService,
} from './observed-service.js';
export {
  OTLP_TRACES_PATH,
  type OtlpReceiver,
  type ReceivedSpan,
  type SpanAttributeValue,
  startOtlpReceiver,
} from './otlp-receiver.js';
export { type Leak, type ScanResult, scanForCanaries } from './phi-scan.js';
export {
  CHANNELS,
  type Channel,
  type PhiScores,
  phiMetrics,
  reidentificationProblem,
  type SentMessages,
} from './score.js';
export { createPhiSuite, type PhiOptions, phiSuite } from './suite.js';
