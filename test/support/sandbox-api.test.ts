import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/index.js';
import { NEW_PATIENT, type SandboxApi, sandboxApi } from './sandbox-api.js';

const API_KEY = 'sandbox-api-test-key';
let sandbox: RunningSandbox;
let api: SandboxApi;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    practiceId: 'practice-demo',
    apiKey: API_KEY,
    webhookUrl: 'http://127.0.0.1:9/webhooks/ehr',
    webhookSecret: `whsec_${Buffer.from('sandbox-api-test-secret-0123456').toString('base64')}`,
    patientCount: 5,
  });
  api = sandboxApi(sandbox.url, API_KEY);
});
afterAll(async () => {
  await sandbox.close();
});

describe('sandboxApi patient and note helpers', () => {
  it('creates a patient with coverage copied from another and planted notes', async () => {
    const patient = await api.createPatient(NEW_PATIENT, {
      coverageFrom: 'pat-0001',
      notes: [
        { date: '2025-03-01', kind: 'history', text: 'Dental visit, no issues.' },
        { date: '2025-10-01', kind: 'exam', author: 'Dr. Test', text: 'IOP 26/27 mmHg.' },
      ],
    });
    expect(patient).toMatchObject({ id: 'pat-0006', family_name: 'Test-Kestrel' });
    const insurance = await api.get<{ data: unknown[] }>('/api/patients/pat-0006/insurance');
    const demo = await api.get<{ data: unknown[] }>('/api/patients/pat-0001/insurance');
    expect(insurance.json.data).toEqual(demo.json.data);
    const notes = await api.clinicalNotes(patient.id);
    expect(notes.map((n) => [n.date, n.kind, n.author])).toEqual([
      ['2025-10-01', 'exam', 'Dr. Test'],
      ['2025-03-01', 'history', null],
    ]);
  });

  it('appends notes to an existing patient and fails loudly on a refused call', async () => {
    const before = await api.clinicalNotes('pat-0002');
    const added = await api.addNotes('pat-0002', [
      { date: '2026-01-02', kind: 'progress', text: 'Follow-up.' },
    ]);
    expect(added).toEqual([expect.objectContaining({ patient_id: 'pat-0002', author: null })]);
    expect(await api.clinicalNotes('pat-0002')).toEqual([...added, ...before]);
    await expect(api.addNotes('pat-9999', [])).rejects.toThrow(/HTTP 404/);
    await expect(api.clinicalNotes('pat-9999')).rejects.toThrow(/HTTP 404/);
  });
});

describe('sandboxApi.patientMessages', () => {
  it("lists one referral's patient messages", async () => {
    const first = await api.createReferral();
    const second = await api.createReferral();
    const message = { patient_id: 'pat-0001', channel: 'email', language: 'en', body: 'Approved.' };
    const post = (referralId: string, key: string) =>
      api.post(
        '/api/patient-messages',
        { referral_id: referralId, ...message },
        { 'idempotency-key': key },
      );
    expect((await post(first.id, 'a')).status).toBe(201);
    expect((await post(second.id, 'b')).status).toBe(201);
    const listed = await api.patientMessages(first.id);
    expect(listed).toEqual([
      expect.objectContaining({ id: 'pmsg-000001', referral_id: first.id, ...message }),
    ]);
    expect(await api.patientMessages('ref-none')).toEqual([]);
  });
});
