import { afterEach, describe, expect, it } from 'vitest';
import { canaryNotes, canaryValues, makeCanaryPatient } from '../../evals/datasets/phi-canaries.js';
import { canaryReason, scanForCanaries, wirePatient } from '../../evals/phi/index.js';
import { createLogger } from '../../src/adapters/log/index.js';
import { waitForMessages } from '../support/flows.js';
import { type ObservedHarness, startObservedHarness } from '../support/observed-harness.js';
import { waitFor } from '../support/wait-for.js';

const PATIENTS = 25;
const APPROVED = 5;

describe('PHI canaries (LLM and Langfuse configured)', () => {
  let observed: ObservedHarness | undefined;
  afterEach(async () => {
    await observed?.close();
    observed = undefined;
  });

  it('lets no canary reach the LLM, the trace exporter or the logs, yet re-identifies the sent letter', async () => {
    const logLines: string[] = [];
    observed = await startObservedHarness({
      env: { LOG_LEVEL: 'debug' },
      logger: createLogger('debug', (line) => logLines.push(line)),
    });
    const { h: harness, llm, otlp, calls } = observed;

    // The canary patients, their notes, and one retina referral each.
    const canaries = Array.from({ length: PATIENTS }, (_, i) => makeCanaryPatient(i));
    const referrals = await Promise.all(
      canaries.map(async (c) => {
        const patient = await harness.ehr.createPatient(wirePatient(c), {
          coverageFrom: 'pat-0001',
          notes: [
            { date: c.dateOfService, kind: 'exam', author: 'Dr. Staff', text: canaryNotes(c) },
          ],
        });
        const referral = await harness.ehr.createReferral({
          patient_id: patient.id,
          referring_provider_id: 'prov-01',
          reason: canaryReason(c),
          diagnosis_codes: ['E11.3293'],
        });
        return { canary: c, patientId: patient.id, id: referral.id };
      }),
    );
    const ids = referrals.map((r) => r.id);

    // Every referral reaches review with its gate open.
    await waitFor(
      async () => {
        const queued = await harness.api.list('pending_review');
        const ready = new Set(queued.filter((r) => r.pending === 'review').map((r) => r.id));
        return ids.every((id) => ready.has(id)) || undefined;
      },
      { timeoutMs: 40_000, intervalMs: 200, what: `all ${PATIENTS} referrals awaiting review` },
    );

    // The model was asked for every agent step of every referral, and its answers held.
    expect(calls.enrichment_summary).toBeGreaterThanOrEqual(PATIENTS);
    expect(calls.matching_rerank).toBeGreaterThanOrEqual(PATIENTS);
    expect(calls.packet_letter).toBeGreaterThanOrEqual(PATIENTS);
    expect(calls.outreach_messages).toBeGreaterThanOrEqual(PATIENTS);

    // Approve a handful: dispatch sends the packet and the patient's message.
    const approved = referrals.slice(0, APPROVED);
    for (const r of approved) {
      const answer = await harness.api.decide(r.id, { decision: 'approve' });
      // Queued: the referral is `sent` once the EHR's messaging accepted the packet.
      expect(answer).toMatchObject({ status: 'approved', pending: 'await-delivery' });
    }
    for (const r of approved) {
      const p = r.canary.patient;
      const [message] = await waitForMessages(harness.ehr, r.id, 1);
      // Re-identified by code: the LLM's "[PATIENT_NAME_n]" became the real name.
      expect(message?.body).toContain(`Please evaluate ${p.givenName} ${p.familyName}`);
      expect(message?.body).not.toMatch(/\[[A-Z_]+_\d+\]/);
      const [toPatient] = await waitFor(
        async () => {
          const sent = await harness.ehr.patientMessages(r.id);
          return sent.length > 0 ? sent : undefined;
        },
        { what: `the patient message for ${r.id}` },
      );
      expect(toPatient?.patient_id).toBe(r.patientId);
      expect(toPatient?.channel).toBe('sms');
      expect(toPatient?.body).toContain(`Hello ${p.givenName}`);
      const llmCalls = (await harness.api.audit(r.id)).filter((e) => e.action === 'llm.called');
      expect(llmCalls.map((e) => `${e.data.prompt}:${e.data.outcome}`).sort()).toEqual([
        'enrichment-summary@1:accepted',
        'matching-rerank@1:accepted',
        'outreach-messages@1:accepted',
        'packet-letter@1:accepted',
      ]);
    }
    await harness.service.drain();
    const sentPackets = (
      await Promise.all(approved.map((r) => harness.ehr.messages(r.id)))
    ).flatMap((messages) => messages.map((m) => `${m.subject}\n${m.body}`));

    // close() shuts the tracer down, which flushes every pending span.
    await harness.close();

    const values = canaries.flatMap(canaryValues);
    const llmBodies = llm.requests.map((r) => JSON.stringify(r.body));
    const scans = [
      scanForCanaries('LLM request', llmBodies, values),
      scanForCanaries('OTLP body', otlp.rawBodies, values),
      scanForCanaries('log line', logLines, values),
    ];
    const generations = otlp.spans.filter(
      (s) => s.attributes['langfuse.observation.type'] === 'generation',
    );
    const scanned = scans
      .map((s) => `${s.sink}: ${s.texts} texts, ${s.bytes} B, ${s.leaks.length} leaks`)
      .join('; ');
    process.stdout.write(
      `phi-canaries: ${PATIENTS} referrals (${APPROVED} approved), ${llm.requests.length} LLM requests, ` +
        `${otlp.spans.length} spans (${generations.length} generations) in ${otlp.rawBodies.length} OTLP bodies, ` +
        `${logLines.length} log lines; ${values.length} canary values; ${scanned}\n`,
    );

    // The scans can fail: there was traffic to scan on every sink.
    expect(llmBodies.length).toBeGreaterThanOrEqual(4 * PATIENTS);
    expect(generations.length).toBeGreaterThanOrEqual(4 * PATIENTS);
    expect(logLines.length).toBeGreaterThan(0);
    // ...and the scanner does find canaries where they belong: the packets sent to specialists.
    expect(scanForCanaries('sent packet', sentPackets, values).leaks.length).toBeGreaterThan(0);
    for (const scan of scans) expect(scan.leaks.slice(0, 20)).toEqual([]);
  });
});
