import { z } from 'zod';
import { DriftKind } from '../../src/domain/index.js';

const share = z.number().min(0).max(1);

/**
 * Directory: the share of the directory's profiles one import may change in one way before it
 * alerts. Provider directories change by roughly 2% of their records a month in the ordinary
 * course (moves, retirements, contract changes), so a single import that drops a network from,
 * moves or deactivates more than 5% of the profiles is more likely a feed or mapping fault than the
 * world changing; acceptance and endpoints are noisier fields, hence 10%.
 */
const DIRECTORY_SHARE_DEFAULTS: Record<DriftKind, number> = {
  'network-added': 0.1,
  'network-dropped': 0.05,
  'acceptance-changed': 0.1,
  'location-moved': 0.05,
  'endpoint-changed': 0.1,
  'qualification-expired': 0.05,
  deactivated: 0.05,
  reactivated: 0.05,
};

/**
 * Rates: the smallest move (absolute, either way) worth a person's attention. A rate move alerts
 * only past this AND past sampling noise (`noiseZ` standard errors of the difference), so a quiet
 * week with few referrals does not raise alarms a busy one would not.
 * - exception rate 0.05: each exception is a coordinator's hand work; five more per hundred
 *   referrals is a workload change a practice notices, and a fall as large means exceptions are
 *   no longer being raised.
 * - in-network rate 0.05: each out-of-network send is leakage with a cost to the patient.
 * - LLM fallback rate 0.10: the rules decide when the LLM fails, so a fallback is safe; ten points
 *   either way means the provider, the model or a prompt changed.
 * - LLM-versus-rules agreement 0.10: the same reasoning, for when agreement is recorded.
 */
export const DriftThresholds = z.object({
  /** PSI over this is a significant shift (the usual reading of PSI): an alert. */
  psiAlert: z.number().positive().default(0.2),
  /** PSI over this is a moderate shift: reported as a warning only. */
  psiWarn: z.number().positive().default(0.1),
  /** Share given to a category a window never saw, so PSI stays finite. */
  psiEpsilon: z.number().positive().max(0.01).default(1e-4),
  /**
   * Standard errors of sampling noise a move must also exceed. 2.576 (99%, two-sided): about six
   * distributions and rates are tested per run, which keeps a stable service's false-alarm rate
   * per run near 5%.
   */
  noiseZ: z.number().positive().default(2.576),
  exceptionRate: share.default(0.05),
  inNetworkRate: share.default(0.05),
  llmFallbackRate: share.default(0.1),
  llmAgreement: share.default(0.1),
  directoryShare: z
    .partialRecord(DriftKind, share)
    .default({})
    .transform((given) => ({ ...DIRECTORY_SHARE_DEFAULTS, ...given })),
});
export type DriftThresholds = z.output<typeof DriftThresholds>;
export type DriftThresholdsInput = z.input<typeof DriftThresholds>;

/** Distances of the recommended specialist, km: the bins the distance PSI compares. */
export const DISTANCE_EDGES_KM: readonly number[] = [5, 10, 25, 50, 100];
