import {
  draftOutreach,
  draftReferralPacket,
  outreachTemplate,
  patientPhi,
} from '../../agents/index.js';
import { openEvalRuntime } from '../core/eval-runtime.js';
import type { EvalSuite, SuiteContext, SuiteOutcome } from '../core/suite.js';
import { agentInputs, type DraftingCase, loadDraftingCases } from './cases.js';
import { draftingOutcome } from './outcome.js';
import { type CaseScore, scoreCase } from './score-case.js';

/** The drafting functions under test: the agents', or a wrapped one in a regression test. */
export interface Drafters {
  letter: typeof draftReferralPacket;
  messages: typeof draftOutreach;
}

const AGENTS: Drafters = { letter: draftReferralPacket, messages: draftOutreach };

/** The day the drafts are written: fixes the age band the prompts see. */
const TODAY = new Date('2025-06-02T12:00:00.000Z');

type EvalRuntime = Awaited<ReturnType<typeof openEvalRuntime>>;

/** What the LLM steps of one referral audited: 'accepted' or the reason they fell back. */
async function llmOutcomesOf(
  runtime: EvalRuntime,
  scope: { practiceId: string; referralId: string },
): Promise<string[]> {
  const events = await runtime.store.audit.list(scope.practiceId, scope.referralId);
  return events.filter((e) => e.action === 'llm.called').map((e) => String(e.data.outcome));
}

async function draftCase(
  c: DraftingCase,
  ctx: SuiteContext,
  drafters: Drafters,
  runtime: EvalRuntime,
) {
  const { referral, patient, coverage, candidate } = agentInputs(c);
  const agentCtx = runtime.contextFor(referral.id, ctx.model ?? null);
  // One vault per draft, as the graph's draft-packet node does.
  const phi = () => patientPhi(patient, coverage, TODAY);
  const [letter, messages] = await Promise.all([
    drafters.letter(
      { referral, patient, coverage, candidate, clinicalSummary: c.clinicalSummary, phi: phi() },
      agentCtx,
    ),
    drafters.messages({ referral, patient, candidate, phi: phi() }, agentCtx),
  ]);
  const hasTemplate = (language: string) =>
    !outreachTemplate(referral, { ...patient, language }, candidate).missingLanguage;
  const supported = (language: string) => hasTemplate(language) || ctx.model !== undefined;
  const score = scoreCase(c, { letter: letter.packet, outreach: messages.outreach }, supported);
  return { score, llmOutcomes: await llmOutcomesOf(runtime, agentCtx.scope) };
}

/** Runs every case through the drafters and scores the letter and the messages. */
export async function runDrafting(
  ctx: SuiteContext,
  drafters: Drafters = AGENTS,
): Promise<SuiteOutcome> {
  const { cases, version } = loadDraftingCases();
  const scores: CaseScore[] = [];
  const llm: string[] = [];
  const runtime = await openEvalRuntime();
  try {
    for (const [i, c] of cases.entries()) {
      const { score, llmOutcomes } = await draftCase(c, ctx, drafters, runtime);
      scores.push(score);
      llm.push(...llmOutcomes);
      ctx.progress(i + 1, cases.length);
    }
  } finally {
    await runtime.close();
  }
  return draftingOutcome(
    scores,
    { name: 'drafting-cases.jsonl', version },
    ctx.seed,
    ctx.model ? llm : null,
  );
}

export function createDraftingSuite(drafters: Drafters = AGENTS): EvalSuite {
  return {
    name: 'drafting',
    title: 'Referral letters and outreach messages',
    usesModel: true,
    run: (ctx) => runDrafting(ctx, drafters),
  };
}

export const draftingSuite: EvalSuite = createDraftingSuite();
