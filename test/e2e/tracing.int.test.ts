import { afterEach, describe, expect, it } from 'vitest';
import type { ReceivedSpan } from '../../evals/phi/index.js';
import { threadIdFor } from '../../graph/runner.js';
import { createReferralAwaitingReview, waitForMessages, waitForStatus } from '../support/flows.js';
import { DEMO_PRACTICE_ID } from '../support/harness.js';
import { type ObservedHarness, startObservedHarness } from '../support/observed-harness.js';
import { RETINA_REFERRAL, type SandboxPatient } from '../support/sandbox-api.js';

const attr = (span: ReceivedSpan, key: string) => span.attributes[key];
const typeOf = (span: ReceivedSpan) => attr(span, 'langfuse.observation.type');
const threadOf = (referralId: string) => threadIdFor({ practiceId: DEMO_PRACTICE_ID, referralId });

describe('Langfuse tracing of a referral (LLM configured)', () => {
  let observed: ObservedHarness | undefined;
  afterEach(async () => {
    await observed?.close();
    observed = undefined;
  });

  it('puts start and resume of a thread in one masked trace, and another referral in another', async () => {
    observed = await startObservedHarness();
    const { h, llm, otlp, calls } = observed;
    const patient = (await h.ehr.get<SandboxPatient>(`/api/patients/${RETINA_REFERRAL.patient_id}`))
      .json;

    // Start → review → approve (resume) → dispatch.
    const first = await createReferralAwaitingReview(h);
    await h.api.decide(first.id, { decision: 'approve' });
    await waitForStatus(h.api, first.id, 'sent');
    await waitForMessages(h.ehr, first.id, 1);
    // A second referral, left at review.
    const second = await createReferralAwaitingReview(h);
    await h.service.drain();
    // close() shuts the tracer down, which flushes every pending span.
    await h.close();

    const spans = otlp.spans;
    const thread = threadOf(first.id);
    const ofThread = spans.filter((s) => attr(s, 'session.id') === thread);
    expect(ofThread.length).toBeGreaterThan(0);

    // One trace for the thread, holding every run, and nothing else in it.
    const traceIds = new Set(ofThread.map((s) => s.traceId));
    expect(traceIds.size).toBe(1);
    const [traceId] = [...traceIds];
    const trace = spans.filter((s) => s.traceId === traceId);
    expect(trace).toHaveLength(ofThread.length);
    const roots = trace.filter((s) => s.parentSpanId === undefined);
    // The start, the approval, and the channel's acceptance of the packet (which makes it `sent`).
    expect(roots.map((s) => s.name).sort()).toEqual([
      'referral:resume',
      'referral:resume',
      'referral:start',
    ]);
    for (const root of roots) expect(typeOf(root)).toBe('agent');
    // Every span hangs from one of the roots (no orphan, nothing from elsewhere).
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const rootOf = (span: ReceivedSpan): ReceivedSpan | undefined => {
      let at: ReceivedSpan | undefined = span;
      for (let hops = 0; at?.parentSpanId !== undefined && hops < 100; hops++) {
        at = byId.get(at.parentSpanId);
      }
      return at;
    };
    for (const span of trace) expect(roots).toContain(rootOf(span));

    // LangGraph nodes of both runs.
    const names = trace.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['intake', 'enrich', 'match', 'draft-packet', 'review', 'dispatch']),
    );
    const dispatch = trace.find((s) => s.name === 'dispatch');
    expect(dispatch && rootOf(dispatch)?.name).toBe('referral:resume');

    // LLM calls as generations, with masked prompts.
    const generations = trace.filter((s) => typeOf(s) === 'generation');
    expect(generations.length).toBeGreaterThanOrEqual(4);
    const inputs = generations.map((g) => String(attr(g, 'langfuse.observation.input') ?? ''));
    for (const input of inputs) {
      expect(input.length).toBeGreaterThan(0);
      for (const identifier of [patient.given_name, patient.family_name, patient.birth_date]) {
        expect(input.toLowerCase()).not.toContain(identifier.toLowerCase());
      }
    }
    expect(inputs.some((input) => input.includes('[PATIENT_NAME_1]'))).toBe(true);
    for (const step of ['enrichment_summary', 'matching_rerank', 'packet_letter']) {
      expect(calls[step]).toBeGreaterThanOrEqual(1);
    }

    // Tool observations, by name only.
    const tools = trace.filter((s) => typeOf(s) === 'tool').map((s) => s.name);
    expect(tools).toEqual(expect.arrayContaining(['get_patient', 'search_specialists']));

    // The review interrupt is not an error; nothing in the trace is.
    expect(trace.filter((s) => attr(s, 'langfuse.observation.level') === 'ERROR')).toEqual([]);
    expect(trace.filter((s) => s.status.code === 2)).toEqual([]);
    const interrupted = trace.filter(
      (s) => s.name === 'review' && attr(s, 'langfuse.observation.metadata.interrupted') === 'true',
    );
    expect(interrupted).toHaveLength(1);
    expect(rootOf(interrupted[0] as ReceivedSpan)?.name).toBe('referral:start');

    // The second referral: its own thread, its own trace.
    const other = spans.filter((s) => attr(s, 'session.id') === threadOf(second.id));
    expect(other.length).toBeGreaterThan(0);
    const otherTraces = new Set(other.map((s) => s.traceId));
    expect(otherTraces.size).toBe(1);
    expect(otherTraces.has(traceId as string)).toBe(false);

    process.stdout.write(
      `tracing: ${spans.length} spans in ${otlp.rawBodies.length} OTLP bodies; first referral's trace: ${trace.length} spans ` +
        `(${generations.length} generations, ${tools.length} tools); ${llm.requests.length} LLM requests\n`,
    );
  });
});
