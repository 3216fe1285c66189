import { ReducedValue, StateSchema } from '@langchain/langgraph';
import { z } from 'zod';
import {
  AgentRun,
  Candidate,
  Coverage,
  LoopEvent,
  LoopProgress,
  LoopRoute,
  NetworkStatus,
  Patient,
  Referral,
  ReferralStatus,
  RolloutMode,
  SpecialtyInference,
} from '../src/domain/index.js';

export const ExceptionInfo = z.object({
  /**
   * Why a human is needed: 'upstream_unavailable', 'invalid_data', 'specialty_unmapped',
   * 'no_valid_candidate', 'chosen_specialist_ineligible'.
   */
  reason: z.string(),
  stage: z.enum(['intake', 'enrich', 'match', 'dispatch']),
  code: z.string(),
  /** Plain language for the coordinator (no PHI). */
  detail: z.string().optional(),
});
export type ExceptionInfo = z.infer<typeof ExceptionInfo>;

export const ChosenSpecialist = z.object({
  npi: z.string().regex(/^\d{10}$/),
  locationId: z.string().min(1).nullable(),
});
export type ChosenSpecialist = z.infer<typeof ChosenSpecialist>;

/** The one definition of a referral thread's state (JSON-safe: it round-trips through checkpoints). */
export const ReferralState = new StateSchema({
  /** Tenant of the referral; every store call and tool call is scoped by it. */
  practiceId: z.string(),
  /** The EHR's referral id. */
  referralId: z.string(),
  /** Increments on every re-match (retry after an exception, specialist declined); keys side effects. */
  round: z.number().int().default(0),
  /** Our lifecycle status, mirrored in the referral index. */
  status: ReferralStatus.default('received'),
  /** Rollout mode chosen for this referral's type. */
  mode: RolloutMode.default('assist'),
  /** The referral type the rollout mode is keyed on (the inferred specialty). */
  referralType: z.string().default('unknown'),
  /** The referral as the EHR holds it. */
  referral: Referral.nullable().default(null),
  /** The specialties it needs, most specific first, with the confidence and evidence. */
  specialty: SpecialtyInference.nullable().default(null),
  patient: Patient.nullable().default(null),
  coverage: Coverage.nullable().default(null),
  network: NetworkStatus.nullable().default(null),
  /** Facts a coordinator should see (no coverage, inactive coverage). */
  flags: z.array(z.string()).default(() => []),
  /** Ranked candidates of the current round, valid first. */
  candidates: z.array(Candidate).default(() => []),
  recommendedId: z.string().nullable().default(null),
  /** When nothing fits: the nearest ways out (in network further away, or near but out of network). */
  alternatives: z.array(Candidate).default(() => []),
  /** The candidate a human (or the autonomous policy) approved. */
  selectedId: z.string().nullable().default(null),
  /** The coordinator's note for the packet. */
  note: z.string().nullable().default(null),
  packet: z.object({ subject: z.string(), body: z.string() }).nullable().default(null),
  /** Specialists who declined or were rejected; never proposed again for this referral. */
  excludedNpis: z.array(z.string()).default(() => []),
  /** The specialty a coordinator chose at an exception (a catalog key): every later round plans it. */
  chosenSpecialty: z.string().nullable().default(null),
  /** The specialist a coordinator chose at an exception: the next match checks and proposes only them. */
  chosenSpecialist: ChosenSpecialist.nullable().default(null),
  exception: ExceptionInfo.nullable().default(null),
  /** Outside-world events that resumed the thread, oldest first. */
  responses: new ReducedValue(
    z.array(LoopEvent).default(() => []),
    {
      inputSchema: LoopEvent,
      reducer: (all, next) => [...all, next],
    },
  ),
  /** The part of the history relevant to the reason, de-identified (enrichment agent). */
  clinicalSummary: z.string().nullable().default(null),
  /** The LLM's justification of its pick, de-identified; null when the rules decided. */
  rationale: z.string().nullable().default(null),
  /** The messages to the specialist's office and to the patient (outreach agent). */
  outreach: z
    .object({
      officeMessage: z.string(),
      patientMessage: z.object({ language: z.string(), text: z.string() }),
    })
    .nullable()
    .default(null),
  /** Which path each agent step took (LLM or deterministic, and why), latest per step. */
  agentRuns: new ReducedValue(
    z.array(AgentRun).default(() => []),
    {
      inputSchema: z.array(AgentRun),
      reducer: (all, next) => {
        const key = (r: AgentRun) => `${r.agent}:${r.step}`;
        const replaced = new Set(next.map(key));
        return [...all.filter((r) => !replaced.has(key(r))), ...next];
      },
    },
  ),
  /** The loop after sending: the times each wait is measured from, and the current deadline. */
  loop: LoopProgress.default(() => LoopProgress.parse({})),
  /** Where the last loop event sends the thread (set by the wait that took it). */
  loopNext: LoopRoute.nullable().default(null),
  /** How the thread ended: set by the terminal paths. */
  outcome: z
    .enum(['closed', 'scheduled', 'rejected', 'cancelled', 'expired', 'shadow'])
    .nullable()
    .default(null),
});

export type State = typeof ReferralState.State;
export type Update = typeof ReferralState.Update;
