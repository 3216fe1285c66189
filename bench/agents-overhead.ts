/**
 * What the agents' LLM steps cost per referral when the model itself costs nothing: the same
 * referrals run to the review gate with no LLM (the deterministic path) and with the production
 * ChatOpenAI client answering from an in-process stub (0 ms), interleaved, side by side.
 *
 *   npx tsx bench/agents-overhead.ts [--n 300] [--warmup 30]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { AgentModel } from '../agents/index.js';
import { cooperativeReply } from '../evals/models/index.js';
import { createChatModel } from '../src/adapters/llm/index.js';
import { createGraphHarness } from '../test/fakes/graph-harness.js';
import { ada, PRACTICE_ID, referralFor } from '../test/fixtures/world.js';
import { asRequest, InstantChatModel } from './instant-model.js';
import { stubCompletion } from './llm-stub.js';
import { pairedDifference, summarize } from './stats.js';

const { values: args } = parseArgs({
  options: { n: { type: 'string', default: '300' }, warmup: { type: 'string', default: '30' } },
});
const N = Number(args.n);
const WARMUP = Number(args.warmup);

/** The LLM stubbed at 0 ms: an in-process chat model answering like the cooperative test model. */
const stub = { ms: 0 };
function instantModel(): AgentModel {
  const chat = new InstantChatModel((step, messages) => {
    const started = performance.now();
    const reply = cooperativeReply(asRequest(step, messages));
    stub.ms += performance.now() - started;
    return reply;
  });
  return {
    chat,
    name: 'instant',
    structuredOutput: 'jsonSchema',
    timeoutMs: 5000,
    zeroRetention: false,
  };
}

/** ChatOpenAI whose HTTP calls are answered in-process, instantly, by the cooperative model. */
function stubModel(): AgentModel {
  const fetch = async (_url: unknown, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    const reply = cooperativeReply({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: {},
      body,
    });
    return new Response(JSON.stringify(stubCompletion(reply, body)), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const config = {
    apiKey: 'stub',
    baseUrl: 'http://llm.stub/v1',
    model: 'stub',
    timeoutMs: 5000,
    maxRetries: 0,
    structuredOutput: 'jsonSchema' as const,
    zeroRetention: false,
    embeddings: null,
  };
  return {
    chat: createChatModel(config, { fetch: fetch as typeof globalThis.fetch }),
    name: 'stub',
    structuredOutput: 'jsonSchema',
    timeoutMs: 5000,
    zeroRetention: false,
  };
}

const total = WARMUP + N;
const referrals = Array.from({ length: total }, (_, i) => referralFor(`ref-${i}`));
const notes = [
  {
    id: 'n1',
    patientId: ada.id,
    date: '2026-09-01',
    kind: 'exam' as const,
    text: 'Drusen OS with new metamorphopsia. IOP 16 mmHg OU.',
  },
  {
    id: 'n2',
    patientId: ada.id,
    date: '2025-03-02',
    kind: 'history' as const,
    text: 'Right knee arthroscopy 2019. Dental cleaning.',
  },
];
const arms = {
  deterministic: await createGraphHarness({ referrals, notes }),
  instant: await createGraphHarness({ referrals, notes, model: instantModel() }),
  chatOpenAi: await createGraphHarness({ referrals, notes, model: stubModel() }),
};
type Arm = keyof typeof arms;
const ARMS = Object.keys(arms) as Arm[];

async function toReview(h: (typeof arms)[Arm], referralId: string): Promise<number> {
  const started = performance.now();
  await h.runner.start({ practiceId: PRACTICE_ID, referralId });
  const [gate] = await h.runner.pending({ practiceId: PRACTICE_ID, referralId });
  if (gate?.kind !== 'review') throw new Error(`${referralId} did not reach review`);
  return performance.now() - started;
}

const stubMs: number[] = [];
const times = Object.fromEntries(ARMS.map((a) => [a, [] as number[]])) as Record<Arm, number[]>;
for (const [i, r] of referrals.entries()) {
  const order = ARMS.map((_, k) => ARMS[(i + k) % ARMS.length] as Arm);
  for (const arm of order) {
    const stubBefore = stub.ms;
    const ms = await toReview(arms[arm], r.id);
    if (i >= WARMUP) times[arm].push(ms);
    if (i >= WARMUP && arm === 'instant') stubMs.push(stub.ms - stubBefore);
  }
}
for (const arm of ['instant', 'chatOpenAi'] as const) {
  const runs = (await arms[arm].runner.state({ practiceId: PRACTICE_ID, referralId: 'ref-0' }))
    ?.agentRuns;
  if (!runs?.every((run) => run.path === 'llm'))
    throw new Error(`${arm}: the LLM did not decide every step`);
}

const s = Object.fromEntries(ARMS.map((a) => [a, summarize(times[a], 0)])) as Record<
  Arm,
  ReturnType<typeof summarize>
>;
const base = s.deterministic;
const row = (name: string, x: typeof base) =>
  `| ${name} | ${x.n} | ${x.meanMs.toFixed(2)} | ${x.p50Ms.toFixed(2)} | ${x.p95Ms.toFixed(2)} | ${(x.meanMs - base.meanMs).toFixed(2)} | ${(x.p50Ms - base.p50Ms).toFixed(2)} | ×${(x.p50Ms / base.p50Ms).toFixed(2)} |`;
console.log(
  `agents overhead, event → review gate, sequential, arms interleaved, ${cpus().length} CPUs, node ${process.version}`,
);
console.log(
  '| path | n | mean ms | p50 ms | p95 ms | added mean | added p50 | p50 ratio |\n|---|---|---|---|---|---|---|---|',
);
console.log(row('deterministic (no LLM)', base));
console.log(row('agents, LLM stubbed in-process (0 ms)', s.instant));
console.log(row('agents, ChatOpenAI client, HTTP stubbed (0 ms)', s.chatOpenAi));
// Each referral ran in every arm back to back, so the per-referral differences cancel most drift.
const added = (arm: Arm, minus: number[] = []) =>
  pairedDifference(
    times[arm].map((ms, i) => ms - (minus[i] ?? 0)),
    times.deterministic,
  );
const fmt = (d: ReturnType<typeof pairedDifference>) =>
  `mean ${d.mean.toFixed(2)} ms (95% CI ${d.lo.toFixed(2)}–${d.hi.toFixed(2)}), median ${d.median.toFixed(2)} ms`;
const stubMean = stubMs.reduce((a, b) => a + b, 0) / stubMs.length;
console.log(
  `paired per referral, added over the deterministic path:\n  in-process stub, its own work (${stubMean.toFixed(2)} ms) taken out: ${fmt(added('instant', stubMs))}\n  ChatOpenAI client, HTTP stubbed: ${fmt(added('chatOpenAi'))}`,
);
console.log(
  'target: the in-process stub adds ≤ 2 ms per referral (4 LLM calls: summary, re-rank (tools offered), letter, outreach)',
);
for (const h of Object.values(arms)) await h.close();
