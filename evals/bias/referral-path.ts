import {
  type AgentContext,
  type IntakeResult,
  matchReferral,
  patientPhi,
  type ReferralMatch,
  type ReferralMatchInput,
  runEnrichment,
  runIntake,
} from '../../agents/index.js';
import { loadConfig } from '../../src/config.js';
import {
  type AgentRun,
  AppError,
  type AuditLog,
  type Candidate,
  type Coverage,
  type DirectoryIndex,
  type EhrClient,
  type IndexHit,
  type NetworkStatus,
  type OutcomeStore,
  type Patient,
  type PayerClient,
  type Referral,
  summarizeOutcomes,
} from '../../src/domain/index.js';
import type { ToolRuntime } from '../../tools/index.js';
import type { AuditDirectory } from './directories.js';
import { AUDIT_DAY, type Ethnicity, type Race } from './population.js';

/** What the EHR and the payer hold for one referral: the part a counterfactual changes. */
export interface PatientRecord {
  referral: Referral;
  patient: Patient;
  race: Race;
  ethnicity: Ethnicity;
  coverage: Coverage;
  network: NetworkStatus;
}

/** The match step as the graph's match node calls it (the audit's tests wrap it). */
export type Matcher = (
  input: ReferralMatchInput,
  ctx: AgentContext,
  runs: AgentRun[],
) => Promise<ReferralMatch>;

export interface PathOutcome {
  match: ReferralMatch;
  /** What the coordinator is shown first: the recommendation, else the first way out or option. */
  shown: Candidate[];
  /** Whether race and ethnicity reached the Patient the enrichment step handed on. */
  raceKeptByEnrichment: boolean;
}

export const MATCH_SETTINGS = loadConfig({}).matching;
export const TOP_K = MATCH_SETTINGS.limit;
const TODAY = new Date(`${AUDIT_DAY}T12:00:00Z`);

const refuse = async (): Promise<never> => {
  throw new AppError('TOOL_NOT_ALLOWED', 'the bias audit serves only the referral it runs');
};

const NO_AUDIT: AuditLog = {
  append: async (draft) => ({ ...draft, seq: 1, at: TODAY.toISOString(), prevHash: '', hash: '' }),
  list: async () => [],
  anchor: async () => null,
  verify: async () => ({
    ok: true,
    checked: 0,
    firstBadSeq: null,
    anchored: 0,
    unanchored: 0,
    problem: null,
  }),
};

/** The practice has no record with anyone yet: every specialist's own outcomes are unknown. */
const NO_OUTCOMES: OutcomeStore = {
  forSpecialists: async (_practiceId, npis) =>
    [...new Set(npis)].map((npi) => summarizeOutcomes(npi, [])),
};

/**
 * An EHR holding one patient, whose record carries race and ethnicity as US Core's extensions
 * would, and a payer that knows the patient's plan.
 */
function runtimeFor(record: PatientRecord, directory: DirectoryIndex): ToolRuntime {
  const ehr: EhrClient = {
    getReferral: async () => record.referral,
    getPatient: async () =>
      ({ ...record.patient, race: record.race, ethnicity: record.ethnicity }) as Patient,
    getInsurance: async () => [record.coverage],
    getProvider: refuse,
    getClinicalNotes: async () => [],
    deliver: refuse,
    listChangedReferrals: refuse,
  };
  const payer: PayerClient = { getNetworkStatus: async () => record.network };
  return {
    deps: {
      ehr,
      payer,
      directory,
      plans: { getPlan: async () => undefined },
      profiles: { getProfile: async () => undefined },
      outcomes: NO_OUTCOMES,
    },
    audit: NO_AUDIT,
  };
}

function shownOf(match: ReferralMatch): Candidate[] {
  const list = match.recommendedId
    ? match.candidates
    : [...match.alternatives, ...match.candidates];
  const seen = new Set<string>();
  return list.filter((c) => !seen.has(c.candidateId) && seen.add(c.candidateId)).slice(0, TOP_K);
}

const CACHED_QUERIES = 64;

/**
 * The directory's index answering a repeated query from memory: a referral's counterfactuals ask
 * the same questions (the directory does not change during the audit), and the search is most of
 * a run's cost.
 */
function cachingIndex(index: DirectoryIndex): DirectoryIndex {
  const answers = new Map<string, Promise<IndexHit[]>>();
  return {
    ...index,
    search(query) {
      const key = JSON.stringify(query);
      let answer = answers.get(key);
      if (!answer) {
        if (answers.size >= CACHED_QUERIES) answers.clear();
        answer = index.search(query);
        answers.set(key, answer);
      }
      return answer;
    },
  };
}

/** Runs referrals through the path; intake runs once per referral (it never sees the patient). */
export interface ReferralPath {
  run(record: PatientRecord): Promise<PathOutcome>;
}

/**
 * One referral through the steps before review, on the deterministic path: intake (specialty
 * rules), enrichment (the patient, coverage and network status fetched through the tools, from an
 * EHR and a payer holding the record), then the match step given the whole Patient, built as
 * `graph/nodes/match.ts` builds it. When the enrichment's Patient lost race and ethnicity, they
 * are put back on it, so a matcher that read them would show.
 */
export function createReferralPath(
  directory: AuditDirectory,
  matcher: Matcher = matchReferral,
): ReferralPath {
  const intakes = new Map<string, Promise<IntakeResult>>();
  const index = cachingIndex(directory.index);
  return {
    async run(record) {
      const ctx: AgentContext = {
        scope: { practiceId: record.referral.practiceId, referralId: record.referral.id },
        runtime: runtimeFor(record, index),
        model: null,
      };
      let intake = intakes.get(record.referral.id);
      if (!intake) {
        intake = runIntake(ctx.scope, ctx.runtime, record.referral);
        intakes.set(record.referral.id, intake);
      }
      const { referral, specialty } = await intake;
      const labels = specialty.specialties.map((s) => s.label);
      const enriched = await runEnrichment(referral, labels, ctx, TODAY);
      const raceKeptByEnrichment = 'race' in enriched.patient;
      const patient = raceKeptByEnrichment
        ? enriched.patient
        : ({ ...enriched.patient, race: record.race, ethnicity: record.ethnicity } as Patient);
      const match = await matcher(
        {
          referral,
          patient,
          specialty,
          network: enriched.network,
          clinicalSummary: enriched.clinicalSummary,
          excludedNpis: [],
          chosen: null,
          phi: patientPhi(patient, enriched.coverage, TODAY),
          settings: {
            ...MATCH_SETTINGS,
            radiusKm: referral.preferredRadiusKm ?? MATCH_SETTINGS.radiusKm,
          },
        },
        ctx,
        [],
      );
      return { match, shown: shownOf(match), raceKeptByEnrichment };
    },
  };
}
