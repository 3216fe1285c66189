import { describe, expect, it } from 'vitest';
import type { ClinicalNote } from '../src/domain/index.js';
import { createFakeEhr } from '../test/fakes/fake-ehr.js';
import { createFakePayer } from '../test/fakes/fake-payer.js';
import { createMemoryAudit } from '../test/fakes/memory-audit.js';
import { createMemoryOutcomes } from '../test/fakes/memory-outcomes.js';
import { eyeSpecialistsIndex } from '../test/fixtures/eye-specialists.js';
import { ada, bluewavePpo, PRACTICE_ID, referralFor } from '../test/fixtures/world.js';
import { runTool } from './run-tool.js';

const exam: ClinicalNote = {
  id: 'note-1',
  patientId: ada.id,
  date: '2025-09-12',
  kind: 'exam',
  author: 'Dr. Thistlewood',
  text: 'Soft drusen OS, new metamorphopsia on Amsler grid. IOP 15/16 mmHg.',
};
const knee: ClinicalNote = {
  id: 'note-2',
  patientId: ada.id,
  date: '2024-11-20',
  kind: 'other',
  text: 'Right total knee arthroplasty 2019, full recovery.',
};

function setup(notes: Record<string, ClinicalNote[]> = { [ada.id]: [knee, exam] }) {
  const ehr = createFakeEhr({ referrals: [referralFor('ref-1')], patients: [ada], notes });
  const audit = createMemoryAudit();
  const runtime = {
    deps: {
      ehr: ehr.client,
      payer: createFakePayer([bluewavePpo]).client,
      directory: eyeSpecialistsIndex(),
      plans: { getPlan: async () => undefined },
      profiles: { getProfile: async () => undefined },
      outcomes: createMemoryOutcomes(),
    },
    audit,
  };
  return { ehr, audit, runtime, scope: { practiceId: PRACTICE_ID, referralId: 'ref-1' } };
}

describe('get_clinical_notes', () => {
  it("returns the patient's notes newest first and audits the call without the text", async () => {
    const { runtime, scope, audit } = setup();
    const notes = await runTool('get_clinical_notes', { patientId: ada.id }, scope, runtime);
    expect(notes).toEqual([exam, knee]);
    expect(audit.events).toHaveLength(1);
    expect(audit.events[0]).toMatchObject({ actor: 'tool:get_clinical_notes' });
    expect(audit.events[0]?.data).toMatchObject({ outcome: 'ok' });
    expect(JSON.stringify(audit.events[0]?.data)).not.toContain('drusen');
  });

  it('returns an empty list for a patient without notes', async () => {
    const { runtime, scope } = setup({});
    expect(await runTool('get_clinical_notes', { patientId: ada.id }, scope, runtime)).toEqual([]);
  });

  it('refuses an answer carrying a note of another patient', async () => {
    const stray = { ...exam, id: 'note-9', patientId: 'pat-someone-else' };
    const { runtime, scope, audit } = setup({ [ada.id]: [exam, stray] });
    await expect(
      runTool('get_clinical_notes', { patientId: ada.id }, scope, runtime),
    ).rejects.toMatchObject({
      code: 'TOOL_OUTPUT_INVALID',
      message: 'EHR returned a note of a different patient',
    });
    expect(audit.events[0]?.data).toMatchObject({ outcome: 'output_invalid' });
  });

  it('refuses a malformed note and an empty patient id', async () => {
    const { runtime, scope, ehr } = setup();
    ehr.addNotes(ada.id, [{ ...exam, id: 'note-3', text: '' }]);
    await expect(
      runTool('get_clinical_notes', { patientId: ada.id }, scope, runtime),
    ).rejects.toMatchObject({ code: 'TOOL_OUTPUT_INVALID' });
    await expect(
      runTool('get_clinical_notes', { patientId: '' }, scope, runtime),
    ).rejects.toMatchObject({ code: 'TOOL_INPUT_INVALID' });
  });

  it('passes an EHR outage through as UPSTREAM_UNAVAILABLE', async () => {
    const { runtime, scope, ehr } = setup();
    ehr.failNext(1);
    await expect(
      runTool('get_clinical_notes', { patientId: ada.id }, scope, runtime),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });
});
