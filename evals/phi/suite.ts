import type { EvalSuite, SuiteContext, SuiteOutcome } from '../core/suite.js';
import { canaryValues } from '../datasets/phi-canaries.js';
import { runCanaryReferrals } from './canary-run.js';
import { startObservedService } from './observed-service.js';
import { scanForCanaries } from './phi-scan.js';
import { type Channel, channelTable, type PhiScores, phiFailures, phiMetrics } from './score.js';

export interface PhiOptions {
  /** Canary patients, one referral each (default 20). */
  patients?: number;
  /** How many of them a coordinator approves, so their letters are sent (default 5). */
  approve?: number;
}

/** Canary indexes stay below 9,000 (where their values are unique); the seed picks the block. */
const firstCanary = (seed: number, count: number) =>
  (Math.abs(Math.trunc(seed)) * count) % Math.max(1, 9000 - count);

async function runPhi(ctx: SuiteContext, options: PhiOptions): Promise<SuiteOutcome> {
  const count = options.patients ?? 20;
  const first = firstCanary(ctx.seed, count);
  const observed = await startObservedService();
  let referrals: Awaited<ReturnType<typeof runCanaryReferrals>>;
  try {
    referrals = await runCanaryReferrals(observed, {
      first,
      count,
      approve: options.approve ?? 5,
    });
    ctx.progress(count, count);
  } finally {
    // Closing flushes the tracer: every span is exported before the scan.
    await observed.close();
  }
  const values = referrals.flatMap((r) => canaryValues(r.canary));
  const texts: Record<Channel, string[]> = {
    prompts: observed.llm.requests.map((r) => JSON.stringify(r.body)),
    traces: observed.otlp.rawBodies,
    logs: observed.logLines,
  };
  const scans = {
    prompts: scanForCanaries('LLM request', texts.prompts, values),
    traces: scanForCanaries('OTLP body', texts.traces, values),
    logs: scanForCanaries('log line', texts.logs, values),
  };
  const scores: PhiScores = {
    scans,
    referrals: referrals.length,
    reachedReview: referrals.map((r) => r.reachedReview),
    llmAnswered: referrals.map((r) => r.llmAccepted),
    sent: referrals
      .filter((r) => r.approved)
      .map((r) => ({
        referralId: r.referralId,
        givenName: r.canary.patient.givenName,
        familyName: r.canary.patient.familyName,
        letters: r.letters,
        patientMessages: r.patientMessages,
      })),
  };
  const sentValues = scanForCanaries(
    'sent letter',
    referrals.flatMap((r) => r.letters),
    values,
  );
  return {
    dataset: {
      name: 'phi-canaries',
      version: `canaries ${first}-${first + count - 1}`,
      cases: count,
    },
    metrics: phiMetrics(scores, ctx.seed),
    tables: [channelTable(scans)],
    failures: phiFailures(scores),
    notes: [
      `${count} canary patients (every Safe Harbor field a unique value; ${values.length} values in all) with notes and a referral reason full of identifiers, run by the service (startService) with its LLM on a scripted cooperative model and Langfuse on an in-process OTLP receiver; ${scores.sent.length} approved and delivered to the sandbox EHR.`,
      `Scanned: ${texts.prompts.length} model requests, ${texts.traces.length} OTLP bodies (${observed.otlp.spans.length} spans), ${texts.logs.length} log lines at debug.`,
      `The scanner's positive control: the sent letters carry ${sentValues.leaks.length} canary occurrences, as they should once re-identified by code.`,
    ],
  };
}

export function createPhiSuite(options: PhiOptions = {}): EvalSuite {
  return {
    name: 'phi',
    title: 'PHI: canaries on every channel leaving the process',
    usesModel: false,
    run: (ctx) => runPhi(ctx, options),
  };
}

export const phiSuite: EvalSuite = createPhiSuite();
