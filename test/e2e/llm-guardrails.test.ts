import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LLM_TOOLS } from '../../agents/index.js';
import {
  answerStepOf,
  candidateIdsIn,
  cooperativeReply,
  deliverAnswer,
  promptText,
  type RecordedRequest,
  type Reply,
  startOpenAiServer,
  stepOf,
} from '../../evals/models/index.js';
import { createGraphHarness } from '../fakes/graph-harness.js';
import { eyeSpecialists } from '../fixtures/eye-specialists.js';
import { ada, adaCoverage, PRACTICE_ID } from '../fixtures/world.js';
import { agentModelFor } from '../support/llm.js';

type Server = Awaited<ReturnType<typeof startOpenAiServer>>;
type Harness = Awaited<ReturnType<typeof createGraphHarness>>;
const ref = { practiceId: PRACTICE_ID, referralId: 'ref-1' };
const PHI = [
  ada.givenName,
  ada.familyName,
  ada.birthDate,
  ada.phone ?? '',
  ada.address.line,
  adaCoverage.memberId,
  ada.id,
];

/** A retina specialist of the fixture directory outside the patient's network. */
const outOfNetwork = eyeSpecialists().find(
  (p) => p.taxonomyCodes.includes('207WX0107X') && !p.networkIds.includes('net-bluewave-broad'),
);

describe('agents with a misbehaving LLM still reach review with a valid recommendation', () => {
  let server: Server;
  let h: Harness;
  beforeAll(async () => {
    server = await startOpenAiServer();
  });
  afterAll(() => server.close());
  afterEach(async () => {
    await h?.close();
    server.requests.length = 0;
  });

  /** Runs one referral to its gate with `override` answering the steps it wants to. */
  async function runWith(override: (req: RecordedRequest) => Reply | undefined, timeoutMs = 1500) {
    server.setHandler((req) => {
      const scripted = override(req);
      return scripted ? deliverAnswer(req, scripted) : cooperativeReply(req);
    });
    h = await createGraphHarness({
      model: agentModelFor(server.url, { timeoutMs }),
      notes: [
        {
          id: 'n1',
          patientId: ada.id,
          date: '2026-10-01',
          kind: 'exam',
          text: `Drusen and subretinal fluid OS. Call ${ada.phone}.`,
        },
      ],
    });
    await h.runner.start(ref);
    const [gate] = await h.runner.pending(ref);
    const state = await h.runner.state(ref);
    const audit = await h.store.audit.list(PRACTICE_ID, 'ref-1');
    const outbox = await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1');
    return { gate, state, audit, outbox };
  }

  function expectValidReview(r: Awaited<ReturnType<typeof runWith>>) {
    expect(r.gate?.kind).toBe('review');
    const pick = r.state?.candidates.find((c) => c.candidateId === r.state?.recommendedId);
    expect(pick?.isValid).toBe(true);
    expect(pick?.checks.inNetwork).toBe(true);
    expect(r.outbox.every((m) => m.payload.kind === 'status_writeback')).toBe(true);
  }
  const run = (r: Awaited<ReturnType<typeof runWith>>, step: string) =>
    r.state?.agentRuns.find((a) => a.step === step);

  it('a cooperative model decides every step, from de-identified prompts, re-identified by code', async () => {
    const r = await runWith(() => undefined);
    expectValidReview(r);
    expect(r.state?.agentRuns.map((a) => `${a.step}:${a.path}`).sort()).toEqual([
      'letter:llm',
      'messages:llm',
      'rerank:llm',
      'summary:llm',
    ]);
    const offered = candidateIdsIn(
      promptText(
        server.requests.find((q) => answerStepOf(q) === 'matching_rerank') as RecordedRequest,
      ),
    );
    expect(r.state?.recommendedId).toBe(offered.at(-1));
    expect(r.state?.packet?.body).toContain(`Please evaluate ${ada.givenName} ${ada.familyName}`);
    expect(r.state?.packet?.body).toContain(`member ${adaCoverage.memberId}`);
    expect(r.state?.outreach?.patientMessage.text).toContain(`Hello ${ada.givenName},`);
    const sent = JSON.stringify(server.requests.map((q) => q.body));
    for (const value of PHI) expect(sent).not.toContain(value);
    expect(r.gate?.value).toMatchObject({
      description: expect.stringContaining('rerank): LLM, matching-rerank@1'),
    });
  });

  it.each([
    [
      'a hallucinated candidate id',
      { ranking: ['9999999999@loc-1'], recommendedId: '9999999999@loc-1', justification: 'x' },
      'not among the retrieved',
    ],
    [
      'an out-of-network pick',
      {
        ranking: [`${outOfNetwork?.npi}@loc-1`],
        recommendedId: `${outOfNetwork?.npi}@${outOfNetwork?.locations[0]?.id}`,
        justification: 'x',
      },
      'not among the retrieved',
    ],
    ['a ranking with a stranger in it', null, 'ranking names an id'],
  ])('refuses %s: the rules ranking stands, flagged', async (_, answer, why) => {
    const r = await runWith((req) => {
      if (answerStepOf(req) !== 'matching_rerank') return undefined;
      const ids = candidateIdsIn(promptText(req));
      return {
        json: answer ?? {
          ranking: [ids[0], '1234567890@x'],
          recommendedId: ids[0],
          justification: 'x',
        },
      };
    });
    expectValidReview(r);
    expect(run(r, 'rerank')).toMatchObject({
      path: 'deterministic',
      fallback: 'rejected',
      detail: expect.stringContaining(why),
    });
    expect(r.state?.recommendedId).toBe(r.state?.candidates[0]?.candidateId);
    expect(r.gate?.value).toMatchObject({ description: expect.stringContaining(why) });
  });

  it('refuses unregistered tools, tools outside the agent list and invalid arguments, and audits each', async () => {
    let round = 0;
    const r = await runWith((req) => {
      if (stepOf(req) !== 'tools' || round++ > 0) return undefined;
      return {
        toolCalls: [
          { name: 'send_fax', args: { to: '+1 401 555 0100', body: 'records' } },
          { name: 'get_patient', args: { patientId: ada.id } },
          { name: 'lookup_plan', args: { planId: { $ne: null } } },
        ],
      };
    });
    expectValidReview(r);
    const refused = r.audit
      .filter((e) => e.action === 'tool.refused')
      .map((e) => `${e.data.tool}:${e.data.reason}`);
    expect(refused).toEqual([
      'send_fax:not_allowed',
      'get_patient:not_allowed',
      'lookup_plan:input_invalid',
    ]);
    const llmTools = new Set<string>(LLM_TOOLS.matching);
    const viaLlm = r.audit.filter(
      (e) =>
        e.action === 'tool.called' &&
        e.data.outcome === 'ok' &&
        ![
          'get_referral',
          'get_patient',
          'get_insurance',
          'check_network_status',
          'get_clinical_notes',
          'search_specialists',
          'get_specialist_outcomes',
        ].includes(String(e.data.tool)),
    );
    expect(viaLlm.every((e) => llmTools.has(String(e.data.tool)))).toBe(true);
  });

  it.each([
    ['malformed JSON', { raw: '{"ranking": [' }, 'invalid_output'],
    ['an answer of the wrong shape', { json: { best: 1 } }, 'invalid_output'],
    ['a rate limit', { status: 429, error: 'rate limited' }, 'rate_limited'],
    ['an outage', { status: 503, error: 'down' }, 'unavailable'],
  ] as const)('falls back to the rules on %s', async (_, reply, reason) => {
    const r = await runWith((req) => (answerStepOf(req) === 'matching_rerank' ? reply : undefined));
    expectValidReview(r);
    expect(run(r, 'rerank')).toMatchObject({ path: 'deterministic', fallback: reason });
  });

  it('a model that never answers never holds the referral: every step falls back at its deadline', async () => {
    // An hour's delay: only the steps' deadlines can let the referral reach review.
    const r = await runWith(() => ({ json: {}, delayMs: 3_600_000 }), 300);
    expectValidReview(r);
    expect(
      r.state?.agentRuns.every((a) => a.path === 'deterministic' && a.fallback === 'timeout'),
    ).toBe(true);
  });

  it('refuses drafts with contact details or invented placeholders: the templates go out instead', async () => {
    const r = await runWith((req) => {
      if (answerStepOf(req) === 'packet_letter') {
        return {
          json: {
            subject: 'x',
            body: 'Send records to https://evil.test/collect or exfil@evil.test',
          },
        };
      }
      if (answerStepOf(req) === 'outreach_messages') {
        return {
          json: {
            officeMessage: 'ok',
            patientMessage: 'Hello [PATIENT_NAME_9], call 401-555-9999',
          },
        };
      }
      return undefined;
    });
    expectValidReview(r);
    expect(run(r, 'letter')).toMatchObject({
      path: 'deterministic',
      fallback: 'rejected',
      detail: 'the draft contains contact details',
    });
    expect(run(r, 'messages')).toMatchObject({
      path: 'deterministic',
      fallback: 'rejected',
      detail: 'a message invents a placeholder',
    });
    expect(r.state?.packet?.body).not.toContain('evil.test');
    expect(r.state?.outreach?.patientMessage.text).not.toContain('9999');
  });
});
