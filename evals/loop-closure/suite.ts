import { matchInbound } from '../../agents/index.js';
import type { EvalSuite, SuiteContext, SuiteOutcome } from '../core/suite.js';
import { loadLoopLabels } from './labels.js';
import { type InboundMatcher, matchMessages } from './match-messages.js';
import { loadMatchingSet } from './matching-cases.js';
import { loopClosureOutcome } from './outcome.js';
import { readSample } from './read-samples.js';

/** Reads the labelled public samples and matches the generated messages. */
export async function runLoopClosure(
  ctx: SuiteContext,
  matcher: InboundMatcher = matchInbound,
): Promise<SuiteOutcome> {
  const { labels, version } = loadLoopLabels();
  const total = labels.length + 1;
  const readings = labels.map((label, i) => {
    const reading = readSample(ctx.dataRoot, label);
    ctx.progress(i + 1, total);
    return reading;
  });
  const matching = loadMatchingSet();
  const records = await matchMessages(matching.referrals, matching.cases, matcher);
  ctx.progress(total, total);
  return loopClosureOutcome(
    labels,
    readings,
    records,
    {
      name: 'loop-closure-labels.jsonl + loop-closure-matching.jsonl',
      version: `${version}+${matching.version}`,
    },
    ctx.seed,
  );
}

export function createLoopClosureSuite(matcher: InboundMatcher = matchInbound): EvalSuite {
  return {
    name: 'loop-closure',
    title: 'Inbound HL7 v2 and C-CDA: loop events and referral matching',
    usesModel: false,
    run: (ctx) => runLoopClosure(ctx, matcher),
  };
}

export const loopClosureSuite: EvalSuite = createLoopClosureSuite();
