import { describe, expect, it } from 'vitest';
import { AppError } from '../src/domain/index.js';
import { createFakeEhr } from '../test/fakes/fake-ehr.js';
import { createFakePayer } from '../test/fakes/fake-payer.js';
import { createMemoryAudit } from '../test/fakes/memory-audit.js';
import { createMemoryOutcomes } from '../test/fakes/memory-outcomes.js';
import { eyeSpecialistsIndex } from '../test/fixtures/eye-specialists.js';
import { ada, bluewavePpo, PRACTICE_ID, referralFor } from '../test/fixtures/world.js';
import { runTool } from './run-tool.js';

function setup() {
  const ehr = createFakeEhr({ referrals: [referralFor('ref-1')], patients: [ada] });
  const audit = createMemoryAudit();
  const runtime = {
    deps: {
      ehr: ehr.client,
      payer: createFakePayer([bluewavePpo]).client,
      directory: eyeSpecialistsIndex(),
      plans: {
        getPlan: async (id: string) =>
          id === 'plan-1'
            ? { id, name: 'Gold', ownerName: null, networkIds: ['net-a'] }
            : undefined,
      },
      profiles: { getProfile: async () => undefined },
      outcomes: createMemoryOutcomes(),
    },
    audit,
  };
  return { ehr, audit, runtime, scope: { practiceId: PRACTICE_ID, referralId: 'ref-1' } };
}

describe('runTool', () => {
  it('runs an approved tool and audits the call without its data', async () => {
    const { runtime, scope, audit } = setup();
    const patient = await runTool('get_patient', { patientId: ada.id }, scope, runtime);
    expect(patient.familyName).toBe('Quill');
    expect(audit.events).toHaveLength(1);
    expect(audit.events[0]).toMatchObject({ action: 'tool.called', actor: 'tool:get_patient' });
    expect(JSON.stringify(audit.events[0]?.data)).not.toContain('Quill');
  });

  it('refuses a tool that is not on the allow-list', async () => {
    const { runtime, scope } = setup();
    // @ts-expect-error an unapproved tool is a compile error too
    await expect(runTool('send_fax', {}, scope, runtime)).rejects.toMatchObject({
      code: 'TOOL_NOT_ALLOWED',
    });
  });

  it('rejects invalid input before any upstream call', async () => {
    const { runtime, scope, audit } = setup();
    await expect(
      runTool(
        'search_specialists',
        { taxonomies: ['207WX0107X'], near: { lat: 200, lon: 0 }, radiusKm: 10, limit: 5 },
        scope,
        runtime,
      ),
    ).rejects.toMatchObject({ code: 'TOOL_INPUT_INVALID' });
    expect(audit.events[0]?.data).toMatchObject({ outcome: 'input_invalid' });
  });

  it("answers another practice's referral exactly as a missing one, in the error and the audit", async () => {
    const { runtime, ehr, audit } = setup();
    ehr.addReferral(referralFor('ref-2', { practiceId: 'someone-else' }));
    const attempt = (referralId: string) =>
      runTool(
        'get_referral',
        { referralId },
        { practiceId: PRACTICE_ID, referralId },
        runtime,
      ).catch((e: unknown) => e);
    const elsewhere = await attempt('ref-2');
    const missing = await attempt('ref-404');
    expect(elsewhere).toBeInstanceOf(AppError);
    expect(elsewhere).toMatchObject({ code: 'NOT_FOUND', message: (missing as AppError).message });
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    const outcomes = audit.events.map((e) => ({ ...e.data, ms: 0 }));
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]).toMatchObject({ outcome: 'error', code: 'NOT_FOUND' });
  });

  it('passes upstream failures through as AppErrors and audits them', async () => {
    const { runtime, scope, ehr, audit } = setup();
    ehr.failNext(1);
    await expect(
      runTool('get_patient', { patientId: ada.id }, scope, runtime),
    ).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(audit.events[0]?.data).toMatchObject({ outcome: 'error', code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('looks up a plan, and reports an unknown one as not found', async () => {
    const { runtime, scope } = setup();
    expect((await runTool('lookup_plan', { planId: 'plan-1' }, scope, runtime)).networkIds).toEqual(
      ['net-a'],
    );
    await expect(runTool('lookup_plan', { planId: 'nope' }, scope, runtime)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
